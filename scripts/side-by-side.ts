/**
 * `node scripts/side-by-side.ts SCRIPT…`: runs these npm scripts at the same time and prints each one's output, whole,
 * as it ends; exits non-zero when any failed. For `npm test`: the real-mode runs mostly wait for authenticator
 * windows, while `npm run defects` keeps the cores busy, so side by side they take about the time of the longer one.
 */
import { spawn } from 'node:child_process';

function runScript(name: string): Promise<{ name: string; status: number; output: string; seconds: number }> {
  const started = Date.now();
  const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', name], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  const output: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  return new Promise((done) => {
    child.on('error', (error) => done({ name, status: 1, output: String(error), seconds: 0 }));
    child.on('close', (status) => done({ name, status: status ?? 1, output: Buffer.concat(output).toString('utf8'), seconds: Math.round((Date.now() - started) / 1000) }));
  });
}

async function main(names: string[]): Promise<number> {
  console.log(`running side by side: ${names.map((name) => `npm run ${name}`).join(', ')}`);
  const runs = names.map((name) => runScript(name).then((run) => {
    process.stdout.write(`\n== npm run ${run.name} (${run.seconds} s, exit ${run.status})\n${run.output}`);
    return run;
  }));
  const failed = (await Promise.all(runs)).filter((run) => run.status !== 0);
  for (const run of failed) console.error(`npm run ${run.name} failed (exit ${run.status})`);
  return failed.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
