import { ledger, ledgerKey, nextWindow, type Holder } from './ledger';
import { meter } from './tally';
import { earliestUsableWindow } from './windows';

/** How long a scenario waits for a configured account another worker is using (one scenario at a time each). */
export const LEASE_WAIT_MS = 10 * 60_000;

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
 * One of a pool of configured accounts on a real server, lent to this scenario alone until it ends: two workers
 * never use one account at once (a logout, a password change or a mailed code of one scenario would otherwise
 * break another's). Among the free accounts the one whose next fresh TOTP window comes soonest is taken; with none
 * free the scenario waits its turn (first come, first served) and the report says for how long.
 */
export async function leaseAccount<T>(world: Borrower, pool: string, candidates: LeaseCandidate<T>[]): Promise<T> {
  const byKey = new Map(candidates.map((candidate) => [ledgerKey('account', candidate.id), candidate]));
  const started = Date.now();
  const earliest = () => earliestUsableWindow(Math.floor(Date.now() / 1000));
  const rank = (state: Parameters<typeof nextWindow>[0], key: string) => {
    const windowKey = byKey.get(key)?.windowKey;
    return windowKey ? nextWindow(state, windowKey, earliest()) : 0;
  };
  const poolKey = ledgerKey('pool', pool);
  for (;;) {
    const member = await ledger().tryLease(poolKey, [...byKey.keys()], world.ledgerHolder, rank);
    if (member !== undefined) {
      world.onRelease(() => ledger().release(poolKey, world.ledgerHolder, member));
      const waited = Date.now() - started;
      meter.leaseWait(waited);
      if (waited > 1_000) world.log(`Waited ${Math.round(waited / 1000)} s for ${pool}: another worker's scenario was using it.`);
      return (byKey.get(member) as LeaseCandidate<T>).account;
    }
    if (Date.now() - started > LEASE_WAIT_MS) {
      await ledger().release(poolKey, world.ledgerHolder);
      throw new Error(`${pool} stayed in use by another worker for ${LEASE_WAIT_MS / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
