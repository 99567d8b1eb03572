import type { SpawnSyncReturns } from 'node:child_process';
import { runFeatures } from './run-features';

/**
 * How the real-mode test runs the suite against the standalone mocks, in one place: the mocks seed one extra VRChat
 * authenticator account, and the run has two workers, which share TOTP windows, pacing and the configured accounts
 * through the ledger (support/ledger/): the codes spread over two secrets, the run is as polite as one worker.
 */
export const REAL_MODE_MOCK_ARGS = ['--extra-accounts', '1'];
export const REAL_MODE_WORKERS = 2;

/** `npm start -- ARGS --parallel N` against the mocks named in `env`. */
export function runRealMode(args: string[], env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return runFeatures([...args, '--parallel', String(REAL_MODE_WORKERS)], env);
}
