import type { TargetClock } from '../core/clock';
import type { MailboxReader, MailMark } from '../core/mailbox';
import { authenticatorCode, type CodeOwner } from '../core/totp';
import type { HttpResponse } from '../http/response';
import { secrets } from '../redaction/secrets';
import type { AuthMethod, EnhanceDriver } from './driver';

/** What completing a change of sign-in method may need: where the panel's PINs arrive, and the target's clock. */
export interface MethodChangeHelp {
  /** The mailbox the login's mail reaches; undefined when the run has none. */
  mailbox: MailboxReader | undefined;
  clock: TargetClock;
  owner: CodeOwner;
}

export interface MethodChanged {
  /** The panel's last answer: the update's, or the confirmation's when it asked for a PIN. */
  response: HttpResponse;
  /** The authenticator secret of a switch to `otp` (from the answer's otpauth URL), registered as a secret. */
  otpSecret: string | undefined;
  /** Whether the panel asked for a PIN (`verifyPin: true`) and got it. */
  confirmedWithPin: boolean;
}

/**
 * Switches the signed-in login's sign-in method and completes what the panel asks, as the account holder would.
 * Turning a second factor off needs the PIN of the enabled method (updateLoginInfo's text); when the panel answers
 * `verifyPin: true` (a switch on may ask too, assumption EN-022), the PIN goes where the spec takes one, POST
 * /login/2fa with this session: the PIN mailed for an emailed login, the authenticator's code for an app. The current
 * password is sent along when known (a panel may ask it instead: an alternative of EN-022). A string says what failed.
 */
export async function switchSignInMethod(
  driver: EnhanceDriver,
  login: { email: string; password: string | undefined; authMethod: AuthMethod; otpSecret: string | undefined },
  to: AuthMethod,
  help: MethodChangeHelp,
): Promise<MethodChanged | string> {
  // A PIN for an emailed login may be mailed by the update itself: the mail already there is known before it.
  const mails = login.authMethod === 'email' || to === 'email';
  const mark: MailMark | undefined = mails && help.mailbox ? await help.mailbox.mark(login.email, new Date(await help.clock.nowMs())) : undefined;
  const update = await driver.updateLoginInfo({ authMethod: to, ...(to === 'basic' && login.password ? { currentPassword: login.password } : {}) });
  if (update.status !== 200) return `switching its sign-in method to ${to} answered ${update.status}`;
  const answer = update.json<{ otpUrl?: string; verifyPin?: boolean }>();
  const otpSecret = to === 'otp' && answer.otpUrl ? (new URL(answer.otpUrl).searchParams.get('secret') ?? undefined) : undefined;
  secrets.add(otpSecret);
  if (to === 'otp' && !otpSecret) return 'switching to an authenticator app gave no otpauth URL';
  if (answer.verifyPin !== true) return { response: update, otpSecret, confirmedWithPin: false };
  // The PIN of the method being turned off, or of the one being switched on.
  const pinOf = login.authMethod !== 'basic' ? login.authMethod : to;
  let pin: string;
  if (pinOf === 'email') {
    if (!mark || !help.mailbox) return 'the panel asks for the PIN it mailed to confirm the change, and this run has no mailbox (MAILBOX_URL)';
    pin = await help.mailbox.code(mark);
  } else {
    const secret = login.authMethod === 'otp' ? login.otpSecret : otpSecret;
    if (!secret) return 'the panel asks for the authenticator\'s code to confirm the change, and its secret is not known here';
    pin = await authenticatorCode(secret, help.clock, { owner: help.owner });
  }
  const confirmed = await driver.verify2FA({ authMethod: pinOf, pin });
  if (confirmed.status !== 200) return `confirming the change with the ${pinOf === 'email' ? 'mailed PIN' : 'authenticator\'s code'} answered ${confirmed.status}`;
  return { response: confirmed, otpSecret, confirmedWithPin: true };
}
