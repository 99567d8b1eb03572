import type { TargetClock } from './clock';
import { meter } from '../coordination/tally';
import { claimWindow, earliestUsableWindow, TOTP_STEP_SECONDS } from '../coordination/windows';
import { totpCode } from './otp-codes';
import { secrets } from '../redaction/secrets';

export { TOTP_STEP_SECONDS } from '../coordination/windows';

/** Whose code it is: the ledger's key (with the target's base URL) and the floor report's label. */
export interface CodeOwner {
  target: string;
  label: string;
}

/**
 * The code an authenticator app shows for `secret` at the target's current time (registered as a secret).
 * On a real clock the window comes from the ledger shared by every worker (support/coordination/ledger.ts): the first
 * one that is not nearly over (3 s left) and gave no code for this secret on this target, here or in another
 * process; it waits for that window to begin. On the mocks' clock time only moves when a step says so. With
 * `reuseAllowed` (VRCHAT_TOTP_REUSE_ALLOWED=1: a server that takes a code again within its window and, like every
 * TOTP server, one window of drift, such as the benchmark's mocks) it never waits. With `driftSteps` (a server known
 * to accept codes of that many steps either side, better-auth's one) the codes of the neighbouring windows are used
 * before waiting for a new one.
 */
export async function authenticatorCode(secret: string, clock: TargetClock, options: CodeOptions = {}): Promise<string> {
  return (await authenticatorCodeWithStep(secret, clock, options)).code;
}

export interface CodeOptions {
  reuseAllowed?: boolean;
  owner?: CodeOwner;
  /**
   * On a real clock, the seconds the code's window must still have when it is taken (default 3): a step that sends
   * the code again afterwards and needs it still valid then asks for more.
   */
  marginSeconds?: number;
  /** Steps either side of its own that the server accepts (better-auth's 1): their codes are used before waiting. */
  driftSteps?: number;
}

/** `authenticatorCode`, with the 30-second step the code belongs to (RFC 6238's T). */
export async function authenticatorCodeWithStep(secret: string, clock: TargetClock, options: CodeOptions = {}): Promise<{ code: string; step: number }> {
  let epoch = Math.floor((await clock.nowMs()) / 1000);
  if (clock.realTime && !options.reuseAllowed) {
    // A server that accepts `drift` steps either side of its own (RFC 6238 §5.2) takes the code of window w from the
    // start of window w - drift to the end of window w + drift: a window up to `drift` ahead needs no wait, and the
    // one `drift` behind is still good unless the current window is nearly over.
    const drift = options.driftSteps ?? 0;
    const window = await claimWindow(options.owner?.target ?? '', secret, earliestUsableWindow(epoch, options.marginSeconds) - drift);
    const wait = (window - drift) * TOTP_STEP_SECONDS - epoch;
    if (wait > 0) await clock.advance(wait);
    epoch = drift > 0 ? window * TOTP_STEP_SECONDS : Math.max(Math.floor((await clock.nowMs()) / 1000), window * TOTP_STEP_SECONDS);
    meter.code(options.owner?.label ?? 'an authenticator secret', Math.max(0, wait) * 1000);
  }
  const code = await totpCode(secret, epoch);
  secrets.add(code);
  return { code, step: Math.floor(epoch / TOTP_STEP_SECONDS) };
}

/** Seconds an authenticator code's window must still have when it is used and then replayed at once (two requests). */
export const REPLAY_MARGIN_SECONDS = 15;

/**
 * After a replayed code was refused: the target's time is still in the code's own 30-second step, so the refusal
 * was the server's replay protection, not the code's age. On a real clock a slow run can cross into the next step.
 */
export async function expectStillInStep(clock: TargetClock, step: number | undefined): Promise<void> {
  if (step === undefined) throw new Error('no authenticator code was taken in this scenario');
  const now = Math.floor((await clock.nowMs()) / 1000 / TOTP_STEP_SECONDS);
  if (now !== step) {
    throw new Error(`the replayed code was refused ${now - step} window(s) after its own 30-second window: it may have been refused for its age, so the refusal proves nothing about replays`);
  }
}

/** A syntactically valid code guaranteed not to be `avoid`: what a guesser would type. */
export function wrongCode(avoid?: string, seed = 0): string {
  for (let attempt = 0; ; attempt += 1) {
    const candidate = String((123_457 + (seed + attempt) * 271_829) % 1_000_000).padStart(6, '0');
    if (candidate !== avoid) return candidate;
  }
}
