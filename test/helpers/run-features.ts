import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** `npm start -- ARGS` as a child process, the way a user runs it, with exactly this environment. */
export function runFeatures(args: string[], env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['-r', 'tsx/cjs', 'scripts/run-features.ts', ...args], { cwd: ROOT, encoding: 'utf8', env });
}
