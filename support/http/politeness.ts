import { ledger } from '../ledger/ledger';

/**
 * How the client treats a real, rate-limited server: a minimum interval between requests to one origin (across
 * every client of every worker), and 429 answers retried after `Retry-After` or a capped exponential backoff.
 * Off on the mocks, where a 429 is the behaviour under test.
 */
export interface Politeness {
  minIntervalMs: number;
  maxRetries: number;
  /** No single wait is longer than this, whatever `Retry-After` says (a longer one fails the request instead). */
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

/** How long to wait before retry number `attempt` (0-based) of a 429, or undefined to give up. */
export function retryDelay(attempt: number, retryAfter: string | null, politeness: Politeness, now = Date.now()): number | undefined {
  if (attempt >= politeness.maxRetries) return undefined;
  const told = parseRetryAfter(retryAfter, now);
  const delay = told ?? politeness.baseBackoffMs * 2 ** attempt;
  return delay <= politeness.maxWaitMs ? delay : undefined;
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
