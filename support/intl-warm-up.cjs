// Has ICU build its lists of locales on another core while Cucumber starts (issue 12). The first Intl.Collator,
// Intl.DateTimeFormat and Intl.NumberFormat of a process each make V8 canonicalise every locale ICU knows (~800),
// once per process for all its threads: ~45 ms of the main thread in every run (cucumber-expressions sorts
// parameter types with localeCompare as Cucumber starts; Cucumber's summary and JUnit report format durations and
// times with luxon, which asks Intl). A worker thread that makes one of each, started before Cucumber loads, has
// them ready by then; the main thread pays ~5 ms to start it. Only with a core to spare: on one core it would only
// add its own start. Loaded with `node -r` before Cucumber (support/cucumber-command.ts); the worker never keeps the
// process alive, and fails quietly (a Node built without full ICU has less to build).
const { availableParallelism } = require('node:os');

const WARM_UP = 'try { new Intl.Collator(); new Intl.DateTimeFormat(); new Intl.NumberFormat(); } catch {}';

/** The worker thread that builds the lists, or undefined with a single core (or no worker threads). */
function startIntlWarmUp(cores = availableParallelism()) {
  if (cores < 2 || typeof Intl !== 'object') return undefined;
  try {
    const { Worker } = require('node:worker_threads');
    // No execArgv: the parent's `-r` modules (this one, the module cache) are not loaded in the worker.
    const worker = new Worker(WARM_UP, { eval: true, execArgv: [] });
    worker.on('error', () => {});
    worker.unref();
    return worker;
  } catch {
    return undefined; // the main thread builds the lists when it first needs them
  }
}

// Not from a worker thread: a worker that loads this file (its -r, say) starts no other.
if (require('node:worker_threads').isMainThread) startIntlWarmUp();

module.exports = { startIntlWarmUp };
