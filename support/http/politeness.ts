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
