import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { requestDifferences } from './workload';

const ROOT = resolve(__dirname, '..');

export interface Measurement {
  seconds: number;
  /** The largest peak resident set of the processes the run started, in MiB. */
  peakRssMiB: number;
  /** What is wrong with the run (a failed check, or requests that differ from the workload's), if anything. */
  problems: string[];
  output: string;
}

/**
 * Runs `node args…` in a process of its own, timed from spawn to exit (its start-up included), with its peak RSS
 * recorded by bench/peak-rss.cjs, and checks on the server side that it made exactly `rounds` rounds of requests.
 */
export async function measure(args: string[], env: NodeJS.ProcessEnv, controlUrl: string, rounds: number, scratch: string): Promise<Measurement> {
  const rssFile = join(scratch, 'rss.txt');
  rmSync(rssFile, { force: true });
  await control(controlUrl, 'DELETE');
  const started = performance.now();
  const { code, output } = await run(args, {
    ...env,
    BENCH_RSS_FILE: rssFile,
    NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --require ${resolve(__dirname, 'peak-rss.cjs')}`.trim(),
  });
  const seconds = (performance.now() - started) / 1000;
  const problems = code === 0 ? [] : [`exited with ${code}`];
  problems.push(...requestDifferences((await (await control(controlUrl, 'GET')).json()) as Record<string, number>, rounds));
  const kib = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').map((line) => Number(line.split(' ')[1])) : [0];
  return { seconds, peakRssMiB: Math.max(...kib) / 1024, problems, output };
}

function control(controlUrl: string, method: 'GET' | 'DELETE'): Promise<Response> {
  return fetch(`${controlUrl}/_mock/requests`, { method });
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}
