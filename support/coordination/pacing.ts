import { ledger } from './ledger';

/**
 * Waits until `minIntervalMs` has passed since the previous request to this origin, from any worker of the run
 * (the slot is claimed in the ledger every process shares); returns the wait. `count` requests that are to leave at
 * the same moment claim as many slots at once, so the request after them waits as long as if they had been paced.
 */
export async function paceRequest(origin: string, minIntervalMs: number, count = 1): Promise<number> {
  if (minIntervalMs <= 0) return 0;
  const wait = Math.max(0, (await ledger().claimSlot(origin, minIntervalMs, Date.now(), count)) - Date.now());
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return wait;
}
