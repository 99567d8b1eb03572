import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const ARGS = ['-r', 'tsx/cjs', 'scripts/run-features.ts'];

/** `npm start -- ARGS` as a child process, the way a user runs it, with exactly this environment. */
export function runFeatures(args: string[], env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [...ARGS, ...args], { cwd: ROOT, encoding: 'utf8', env });
}

export interface FeaturesRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The same, without blocking this process: for runs that wait on authenticator windows side by side. */
export function runFeaturesAsync(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<FeaturesRun> {
  const child = spawn(process.execPath, [...ARGS, ...args], { cwd: ROOT, env });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
  });
}
