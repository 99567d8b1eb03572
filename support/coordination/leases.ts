import { ledger, ledgerKey, nextWindow, type Holder, type LedgerState } from './ledger';
import { meter } from './tally';
import { earliestUsableWindow } from './windows';

/** How long a scenario waits for a configured account another worker is using (one scenario at a time each). */
export const LEASE_WAIT_MS = 10 * 60_000;
/** How often this process looks whether another one waits for an account it kept. */
const WATCH_MS = 200;

export interface LeaseCandidate<T> {
  /** Identifies the account on its target (hashed before it reaches the ledger). */
  id: string;
  /** Its authenticator secret's ledger key, if it has one: the account whose next fresh window comes soonest wins. */
  windowKey?: string;
  account: T;
}

interface Borrower {
  readonly ledgerHolder: Holder;
  log(text: string): void;
  onRelease(release: () => Promise<void>): void;
}

/**
 * Accounts this process kept when the scenario that borrowed them ended, by pool: still recorded in the ledger as
 * held by that scenario. Giving an account back and taking it again are two ledger transactions (a lock and a file
 * renamed over the ledger, about half a millisecond each here); a worker that runs its next scenario on the same
 * account, with nobody waiting, needs neither. Kept accounts are watched: once another process queues for one, it is
 * given back.
 */
const kept = new Map<string, { member: string; heldAs: Holder }>();
let watcher: NodeJS.Timeout | undefined;

/**
 * One of a pool of configured accounts on a real server, lent to this scenario alone until it ends: two workers
 * never use one account at once (a logout, a password change or a mailed code of one scenario would otherwise
 * break another's). Among the free accounts the one whose next fresh TOTP window comes soonest is taken; with none
 * free the scenario waits its turn (first come, first served) and the report says for how long.
 */
export async function leaseAccount<T>(world: Borrower, pool: string, candidates: LeaseCandidate<T>[]): Promise<T> {
  const byKey = new Map(candidates.map((candidate) => [ledgerKey('account', candidate.id), candidate]));
  const started = Date.now();
  const earliest = () => earliestUsableWindow(Math.floor(Date.now() / 1000));
  const rank = (state: LedgerState, key: string) => {
    const windowKey = byKey.get(key)?.windowKey;
    return windowKey ? nextWindow(state, windowKey, earliest()) : 0;
  };
  const poolKey = ledgerKey('pool', pool);
  const lent = (member: string, heldAs: Holder): T => {
    world.onRelease(() => giveBack(poolKey, member, heldAs));
    const waited = Date.now() - started;
    meter.leaseWait(waited);
    if (waited > 1_000) world.log(`Waited ${Math.round(waited / 1000)} s for ${pool}: another worker's scenario was using it.`);
    return (byKey.get(member) as LeaseCandidate<T>).account;
  };
  const again = keptFor(poolKey, [...byKey.keys()], rank);
  if (again) return lent(again.member, again.heldAs);
  for (;;) {
    const member = await ledger().tryLease(poolKey, [...byKey.keys()], world.ledgerHolder, rank);
    if (member !== undefined) return lent(member, world.ledgerHolder);
    if (Date.now() - started > LEASE_WAIT_MS) {
      await ledger().release(poolKey, world.ledgerHolder);
      throw new Error(`${pool} stayed in use by another worker for ${LEASE_WAIT_MS / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The account this process kept in the pool, taken again as it is when the ledger still shows it held for the
 * scenario that kept it, nobody queues for the pool, and no free member would be a better pick (a sooner fresh
 * window). Only a kept one: a holding whose give-back has not run yet (a clean-up past its timeout) is not free.
 */
function keptFor(poolKey: string, members: string[], rank: (state: LedgerState, member: string) => number): { member: string; heldAs: Holder } | undefined {
  const mine = kept.get(poolKey);
  // Taken again or not, it is no longer kept: a lease through the ledger drops this process's earlier holdings.
  kept.delete(poolKey);
  if (!mine || !members.includes(mine.member)) return undefined;
  const state = ledger().peek();
  const entry = state.pools[poolKey];
  if (!entry || entry.queue.length > 0 || entry.held[mine.member]?.token !== mine.heldAs.token) return undefined;
  const free = members.filter((member) => !entry.held[member]);
  return free.every((member) => rank(state, mine.member) <= rank(state, member)) ? mine : undefined;
}

/**
 * At the scenario's end: kept while nobody waits for the pool, else given back at once; nothing to do when the
 * ledger shows it held for another scenario already (this one's give-back came late).
 */
async function giveBack(poolKey: string, member: string, heldAs: Holder): Promise<void> {
  const entry = ledger().peek().pools[poolKey];
  if (entry?.held[member]?.token !== heldAs.token) return;
  if (entry.queue.length > 0) return ledger().release(poolKey, heldAs, member);
  kept.set(poolKey, { member, heldAs });
  watcher ??= setInterval(() => void giveBackWanted().catch(warnOnce), WATCH_MS).unref();
}

/** Gives back every kept account another process queues for. */
async function giveBackWanted(): Promise<void> {
  const pools = ledger().peek().pools;
  for (const [poolKey] of [...kept]) if ((pools[poolKey]?.queue.length ?? 0) > 0) await release(poolKey);
}

/**
 * Gives back every kept account (the worker's last scenario has ended). One that cannot be is dropped from the ledger
 * anyway once this process has ended (a holder whose process is gone holds nothing, on this host).
 */
export async function giveBackKept(): Promise<void> {
  if (watcher) clearInterval(watcher);
  watcher = undefined;
  for (const [poolKey] of [...kept]) await release(poolKey).catch(warnOnce);
}

/** A kept account, given back (kept again if the ledger cannot be written: the next look tries again). */
async function release(poolKey: string): Promise<void> {
  const entry = kept.get(poolKey);
  if (!entry) return;
  kept.delete(poolKey);
  try {
    await ledger().release(poolKey, entry.heldAs, entry.member);
  } catch (error) {
    kept.set(poolKey, entry);
    throw error;
  }
}

let warned = false;

/** The first failure to give a kept account back, on stderr (the watcher tries every 200 ms: once is enough). */
function warnOnce(error: unknown): void {
  if (warned) return;
  warned = true;
  process.stderr.write(`A configured account this worker kept could not be given back yet (${error instanceof Error ? error.message : String(error)}); another process waiting for it waits until it is, or until this worker ends.\n`);
}
