import type { SpawnSyncReturns } from 'node:child_process';
import { runFeatures, runFeaturesAsync, type FeaturesRun } from './run-features';

/**
 * How the real-mode test runs the suite against the standalone mocks, in one place: the mocks seed two extra VRChat
 * authenticator accounts, and the run has two workers, which share TOTP windows, pacing and the configured accounts
 * through the ledger (support/coordination/): the codes spread over three secrets, the run is as polite as one worker.
 * Pacing stays on (the ledger's path is exercised) at 100 ms instead of a real server's 250 ms: the mocks on
 * 127.0.0.1 limit no rate, and at 250 ms the Enhance requests, not the windows, would set each run's floor.
 */
export const REAL_MODE_MOCK_ARGS = ['--extra-accounts', '2'];
export const REAL_MODE_WORKERS = 2;
const REAL_MODE_INTERVAL_MS = '100';

/** `npm start -- ARGS --parallel N` against the mocks named in `env`. */
export function runRealMode(args: string[], env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return runFeatures(...realMode(args, env));
}

/** The same without blocking this process (two real runs side by side, each waiting on its own windows). */
export function runRealModeAsync(args: string[], env: NodeJS.ProcessEnv): Promise<FeaturesRun> {
  return runFeaturesAsync(...realMode(args, env));
}

function realMode(args: string[], env: NodeJS.ProcessEnv): [string[], NodeJS.ProcessEnv] {
  // The mocks' families only: better-auth (which `npm run mocks` also starts) has a real-mode test of its own,
  // test/real-mode/better-auth.test.ts, and no mock profiles to run it under.
  const { BETTER_AUTH_BASE_URL: _url, BETTER_AUTH_BASE_PATH: _path, BETTER_AUTH_EMAIL: _email, BETTER_AUTH_PASSWORD: _password, ...mocksOnly } = env;
  return [[...args, '--tags', 'not @better-auth', '--parallel', String(REAL_MODE_WORKERS)], { ...mocksOnly, REQUEST_INTERVAL_MS: env.REQUEST_INTERVAL_MS ?? REAL_MODE_INTERVAL_MS }];
}
