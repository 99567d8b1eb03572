import { ledger, ledgerKey } from './ledger';

/** RFC 6238's time step: an authenticator code belongs to one 30-second window. */
export const TOTP_STEP_SECONDS = 30;

/** On a real clock, a code is not sent this close to the end of its window (it could expire in flight). */
export const WINDOW_MARGIN_SECONDS = 3;

/** The ledger's key of a secret's windows on a target: hashed, no secret is ever written. */
export function windowKey(target: string, secret: string): string {
  return ledgerKey('totp', target, secret);
}

/**
 * The first window a code may still be taken from at `epochSeconds`: the current one, unless fewer than `margin`
 * seconds of it are left.
 */
export function earliestUsableWindow(epochSeconds: number, margin = WINDOW_MARGIN_SECONDS): number {
  const current = Math.floor(epochSeconds / TOTP_STEP_SECONDS);
  return TOTP_STEP_SECONDS - (epochSeconds % TOTP_STEP_SECONDS) <= margin ? current + 1 : current;
}

/**
 * The first window at or after `earliest` that no process of this checkout took a code from for this secret on this
 * target; it is now taken.
 */
export function claimWindow(target: string, secret: string, earliest: number): Promise<number> {
  return ledger().claimWindow(windowKey(target, secret), earliest);
}
