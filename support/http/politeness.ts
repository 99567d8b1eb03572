import { ledger } from '../ledger/ledger';

/**
 * How the client treats a real, rate-limited server: a minimum interval between requests to one origin (across
 * every client of every worker), and 429 answers retried (by ky's retry) after `Retry-After` or an exponential
 * backoff, no wait longer than `maxWaitMs`. Off on the mocks, where a 429 is the behaviour under test.
 */
export interface Politeness {
  minIntervalMs: number;
  maxRetries: number;
  /** No single wait is longer than this, whatever `Retry-After` says. */
  maxWaitMs: number;
  baseBackoffMs: number;
}

export const IMPOLITE: Politeness = { minIntervalMs: 0, maxRetries: 0, maxWaitMs: 0, baseBackoffMs: 0 };

/**
 * Waits until `minIntervalMs` has passed since the previous request to this origin, from any worker of the run
 * (the slot is claimed in the ledger shared by every process, support/ledger/ledger.ts); returns the wait.
 */
export async function paceRequest(origin: string, politeness: Politeness, sleep = defaultSleep): Promise<number> {
  if (politeness.minIntervalMs <= 0) return 0;
  const wait = Math.max(0, (await ledger().claimSlot(origin, politeness.minIntervalMs)) - Date.now());
  if (wait > 0) await sleep(wait);
  return wait;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
