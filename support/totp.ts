import { generate } from 'otplib';
import type { TargetClock } from './clock';
import { secrets } from './redaction/secrets';

export const TOTP_STEP_SECONDS = 30;

/** On a real clock, a code is not sent this close to the end of its window (it could expire in flight). */
export const WINDOW_MARGIN_SECONDS = 3;

/** The last window a code was taken from, per secret: a real server refuses a second code of the same window. */
const lastStepTaken = new Map<string, number>();

/**
 * The code an authenticator app shows for `secret` at the target's current time (registered as a secret).
 * On a real clock it waits (at most one window) for the next window when the current one is nearly over or
 * already gave a code for this secret; on the mocks' clock time only moves when a step says so. With
 * `reuseAllowed` (VRCHAT_TOTP_REUSE_ALLOWED=1: a server that takes a code again within its window and, like every
 * TOTP server, one window of drift, such as the benchmark's mocks) it never waits.
 */
export async function authenticatorCode(secret: string, clock: TargetClock, options: { reuseAllowed?: boolean } = {}): Promise<string> {
  let epoch = Math.floor((await clock.nowMs()) / 1000);
  if (clock.realTime && !options.reuseAllowed) {
    const left = TOTP_STEP_SECONDS - (epoch % TOTP_STEP_SECONDS);
    const used = lastStepTaken.get(secret) === Math.floor(epoch / TOTP_STEP_SECONDS);
    if (left <= WINDOW_MARGIN_SECONDS || used) {
      await clock.advance(left);
      epoch = Math.floor((await clock.nowMs()) / 1000);
    }
    lastStepTaken.set(secret, Math.floor(epoch / TOTP_STEP_SECONDS));
  }
  const code = await generate({ secret, epoch });
  secrets.add(code);
  return code;
}

/** A syntactically valid code guaranteed not to be `avoid`: what a guesser would type. */
export function wrongCode(avoid?: string, seed = 0): string {
  for (let attempt = 0; ; attempt += 1) {
    const candidate = String((123_457 + (seed + attempt) * 271_829) % 1_000_000).padStart(6, '0');
    if (candidate !== avoid) return candidate;
  }
}
