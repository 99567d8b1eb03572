import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { processAlive, withFileLock } from './file-lock';
import { addTallies, type RunTally } from './tally';
import { writeFileWhole } from './whole-file';

/**
 * What every process of a run against real servers (Cucumber's parallel workers, and runs after it) must agree on,
 * kept in one small JSON file of the run's state (.authflow-state/, git-ignored) and changed only under its lock (support/coordination/file-lock.ts):
 *
 * - `windows`: per target and TOTP secret (both hashed: no secret or code is ever written), the last 30-second
 *   window a code was taken from. A claim takes the first window after it that is not over, so no two codes of one
 *   window leave this checkout, whichever worker asks (two checkouts share nothing: AUTHFLOW_LEDGER can point both at one file).
 * - `pacing`: per server, when the last request was (or will be) sent; a claim takes the next moment at least the
 *   minimum interval after it, so N workers are exactly as polite as one.
 * - `pools`: configured accounts lent to one scenario at a time (support/coordination/leases.ts), with a queue of waiters.
 * - `runs`: what each run's workers waited for and sent (the floor report, support/reports/floor.ts).
 */
export interface LedgerState {
  windows: Record<string, { window: number; at: number }>;
  pacing: Record<string, { next: number; at: number }>;
  pools: Record<string, Pool>;
  runs: Record<string, RunTally>;
}

export interface Holder {
  pid: number;
  host: string;
  token: string;
}

export interface Pool {
  /** Member key → the scenario that holds it. */
  held: Record<string, Holder>;
  /** Waiters in arrival order: only the first may take a free member, so no worker starves. */
  queue: Holder[];
}

/**
 * A window or a pacing slot claimed ten minutes ago is over (claims run at most a few windows ahead), so it can
 * no longer hold anyone back: dropped, which keeps the file small however many secrets the runs use. A run's tally
 * left by a run that never ended goes after a day.
 */
const CLAIM_KEEP_MS = 10 * 60_000;
const RUN_KEEP_MS = 24 * 3600_000;
const HOST = hostname();

export function ledgerKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}

/** This process, with a token for what it holds (a scenario: each takes a new one). */
export function holder(token = randomBytes(6).toString('hex')): Holder {
  return { pid: process.pid, host: HOST, token };
}

export class Ledger {
  constructor(readonly file: string) {}

  /** Runs `change` on the ledger under its lock and saves what it did; its result is returned. */
  transact<T>(change: (state: LedgerState) => T): Promise<T> {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    return withFileLock(`${this.file}.lock`, () => {
      const state = this.#read();
      const result = change(state);
      this.#write(state);
      return result;
    });
  }

  /** The first window at or after `earliest` that no process took a code from for this key; it is now taken. */
  claimWindow(key: string, earliest: number): Promise<number> {
    return this.transact((state) => {
      const window = nextWindow(state, key, earliest);
      state.windows[key] = { window, at: Date.now() };
      return window;
    });
  }

  /** When a request to `origin` may be sent: at least `intervalMs` after the one before it; that moment is taken. */
  claimSlot(origin: string, intervalMs: number, now = Date.now(), count = 1): Promise<number> {
    return this.transact((state) => {
      const sendAt = Math.max(now, (state.pacing[origin]?.next ?? 0) + intervalMs);
      // A group of `count` requests that leave together takes as many slots: the next request waits for all of them.
      state.pacing[origin] = { next: sendAt + (count - 1) * intervalMs, at: Date.now() };
      return sendAt;
    });
  }

  /**
   * One try at a pool's member for `who`: a free member (the first by `rank`, lowest first) when `who` is first in
   * the queue, else `who` joins the queue (or keeps its place) and gets undefined. Holders and waiters whose
   * process is gone are dropped; a member held by this very process under another token was left by one of its
   * earlier scenarios (a worker runs one scenario at a time) and is taken over.
   */
  tryLease(pool: string, members: string[], who: Holder, rank: (state: LedgerState, member: string) => number = () => 0): Promise<string | undefined> {
    return this.transact((state) => {
      const entry = (state.pools[pool] ??= { held: {}, queue: [] });
      // Holders and waiters whose process has ended were dropped when the ledger was read (#read); this process's own,
      // under another token, are dropped here.
      const earlier = (other: Holder) => other.host === HOST && other.pid === who.pid && other.token !== who.token;
      for (const [member, other] of Object.entries(entry.held)) if (earlier(other)) delete entry.held[member];
      entry.queue = entry.queue.filter((other) => !earlier(other));
      if (!entry.queue.some((other) => other.token === who.token)) entry.queue.push(who);
      if (entry.queue[0]?.token !== who.token) return undefined;
      const free = members.filter((member) => !entry.held[member]).sort((a, b) => rank(state, a) - rank(state, b));
      const member = free[0];
      if (member === undefined) return undefined;
      entry.held[member] = who;
      entry.queue.shift();
      return member;
    });
  }

  /** Gives a member back (and leaves the queue, for a waiter that gave up). */
  release(pool: string, who: Holder, member?: string): Promise<void> {
    return this.transact((state) => {
      const entry = state.pools[pool];
      if (!entry) return;
      if (member !== undefined && entry.held[member]?.token === who.token) delete entry.held[member];
      entry.queue = entry.queue.filter((other) => other.token !== who.token);
    });
  }

  /** Adds a worker's tally to its run's. */
  addTally(runId: string, tally: RunTally): Promise<void> {
    return this.transact((state) => {
      state.runs[runId] = addTallies(state.runs[runId], tally);
    });
  }

  /** The run's tally, removed from the ledger (the run is over). */
  takeTally(runId: string): Promise<RunTally | undefined> {
    return this.transact((state) => {
      const tally = state.runs[runId];
      delete state.runs[runId];
      return tally;
    });
  }

  /**
   * The ledger as it is now, read without the lock: every write renames a whole file over it, so the read sees one
   * whole version (perhaps already outdated; for a hint only, never for a change).
   */
  peek(): LedgerState {
    return this.#read();
  }

  #read(): LedgerState {
    const empty: LedgerState = { windows: {}, pacing: {}, pools: {}, runs: {} };
    if (!existsSync(this.file)) return empty;
    try {
      const state = { ...empty, ...(JSON.parse(readFileSync(this.file, 'utf8')) as Partial<LedgerState>) };
      const now = Date.now();
      for (const map of [state.windows, state.pacing]) for (const [key, entry] of Object.entries(map)) if (entry.at < now - CLAIM_KEEP_MS) delete map[key];
      // Every pool, not only the one a lease asks for: a pool nobody asks for again (its accounts' mocks stopped, a
      // run killed) would otherwise keep its dead holders, and every transaction would parse them (213 pools, 30 KB,
      // after a day of benchmark and test runs).
      for (const [key, pool] of Object.entries(state.pools)) {
        for (const [member, other] of Object.entries(pool.held)) if (departed(other)) delete pool.held[member];
        pool.queue = pool.queue.filter((other) => !departed(other));
        if (Object.keys(pool.held).length === 0 && pool.queue.length === 0) delete state.pools[key];
      }
      for (const [key, run] of Object.entries(state.runs)) if (run.updated < now - RUN_KEEP_MS) delete state.runs[key];
      return state;
    } catch {
      // A ledger that does not parse (edited by hand) starts afresh.
      return empty;
    }
  }

  /** Whole or not at all (a temporary file renamed over it), under the lock: a process killed mid-write cannot damage it. */
  #write(state: LedgerState): void {
    writeFileWhole(this.file, JSON.stringify(state), 0o600);
  }
}

/** A holder or waiter on this host whose process has ended: it holds nothing and waits for nothing. */
function departed(other: Holder): boolean {
  return other.host === HOST && !processAlive(other.pid);
}

/** The first window at or after `earliest` after the last one taken for `key`. */
export function nextWindow(state: LedgerState, key: string, earliest: number): number {
  return Math.max(earliest, (state.windows[key]?.window ?? -Infinity) + 1);
}

let shared: Ledger | undefined;

/** The ledger of this checkout (AUTHFLOW_LEDGER moves it; the project's tests point it at a temporary file). */
export function ledger(): Ledger {
  const file = process.env.AUTHFLOW_LEDGER ?? resolve(__dirname, '../../.authflow-state/ledger.json');
  if (shared?.file !== file) shared = new Ledger(file);
  return shared;
}
