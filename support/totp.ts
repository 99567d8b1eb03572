import { generate } from 'otplib';
import type { TargetClock } from './clock';
import { secrets } from './redaction/secrets';

export const TOTP_STEP_SECONDS = 30;

/** The code an authenticator app shows for `secret` at the target's current time (registered as a secret). */
export async function authenticatorCode(secret: string, clock: TargetClock): Promise<string> {
  const epoch = Math.floor((await clock.nowMs()) / 1000);
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
