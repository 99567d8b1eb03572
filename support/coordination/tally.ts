/**
 * What a run against real servers spent its time on, counted in each worker and added up in the ledger at its end:
 * fresh TOTP codes per secret (by a label such as "VRChat af_totp_1a2b", never the secret), requests per server,
 * and the time spent waiting for windows, for pacing and for a configured account another worker was using.
 */
export interface RunTally {
  updated: number;
  workers: number;
  secrets: Record<string, { codes: number; waitMs: number }>;
  servers: Record<string, { requests: number; intervalMs: number; waitMs: number }>;
  leaseWaitMs: number;
}

export function emptyTally(): RunTally {
  return { updated: Date.now(), workers: 0, secrets: {}, servers: {}, leaseWaitMs: 0 };
}

export function addTallies(into: RunTally | undefined, more: RunTally): RunTally {
  const sum = into ?? emptyTally();
  sum.updated = Date.now();
  sum.workers += more.workers;
  sum.leaseWaitMs += more.leaseWaitMs;
  for (const [label, entry] of Object.entries(more.secrets)) {
    const found = (sum.secrets[label] ??= { codes: 0, waitMs: 0 });
    found.codes += entry.codes;
    found.waitMs += entry.waitMs;
  }
  for (const [origin, entry] of Object.entries(more.servers)) {
    const found = (sum.servers[origin] ??= { requests: 0, intervalMs: entry.intervalMs, waitMs: 0 });
    found.requests += entry.requests;
    found.waitMs += entry.waitMs;
    found.intervalMs = Math.max(found.intervalMs, entry.intervalMs);
  }
  return sum;
}

/** This process's tally, until it is handed to the ledger. */
let current = { ...emptyTally(), workers: 1 };

export const meter = {
  code(label: string, waitMs: number): void {
    const entry = (current.secrets[label] ??= { codes: 0, waitMs: 0 });
    entry.codes += 1;
    entry.waitMs += waitMs;
  },
  request(origin: string, intervalMs: number, waitMs: number): void {
    const entry = (current.servers[origin] ??= { requests: 0, intervalMs, waitMs: 0 });
    entry.requests += 1;
    entry.waitMs += waitMs;
  },
  leaseWait(waitMs: number): void {
    current.leaseWaitMs += waitMs;
  },
  /** The tally so far, and a fresh one from here on. */
  take(): RunTally {
    const taken = current;
    current = { ...emptyTally(), workers: 0 };
    return taken;
  },
};
