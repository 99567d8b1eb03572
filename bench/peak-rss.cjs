// Preloaded into every benchmarked process (NODE_OPTIONS=--require): at exit, it appends the process's own peak
// resident set (getrusage's ru_maxrss, in KiB on Linux) to BENCH_RSS_FILE. No /usr/bin/time needed, and exact
// where polling /proc/<pid>/status would miss the last moments.
const { appendFileSync } = require('node:fs');

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`));
