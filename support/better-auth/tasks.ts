import assert from 'node:assert/strict';
import { SystemClock } from '../core/clock';
import type { Scenario } from '../core/scenario';
import { familyTarget, type FamilyTarget } from '../core/target';
import { authenticatorCode, TOTP_STEP_SECONDS } from '../core/totp';
import { totpCode } from '../core/otp-codes';
import { uniqueSuffix } from '../core/unique';
import type { HttpResponse } from '../http/response';
import { secrets } from '../redaction/secrets';
import { BetterAuthAbility, strongPassword, type BetterAuthAccount, type Device } from './ability';
import { clientAddresses } from './addresses';
import { accountFromConfiguration, removeWhatTheScenarioCreated } from './footprint';

export const FAMILY = 'better-auth';

/** The actor behind "someone" in a step (an outsider); never named in a feature, so never mistaken for a person of it. */
export const SOMEONE = 'Someone';

/** The kinds of account a scenario asks for ("Bella has an account on the app …"). */
export type AccountKind =
  | { kind: 'confirmed' }
  | { kind: 'unconfirmed' }
  | { kind: 'authenticator' }
  | { kind: 'password'; password: string };

/** Where the app sends a browser after a mailed link: the app itself (a trusted origin), never another site. */
export function appPage(world: Scenario, page = '/'): string {
  return `${serverOf(world).origin}${page}`;
}

export function serverOf(world: Scenario): FamilyTarget & { origin: string } {
  const target = familyTarget(world.target, FAMILY);
  return { ...target, origin: target.origin ?? new URL(target.baseUrl).origin };
}

/** The actor's ability, with devices that reach this run's server (and their own client address where the run plays the proxy). */
export function newAbility(world: Scenario, account: BetterAuthAccount): BetterAuthAbility {
  const server = serverOf(world);
  return new BetterAuthAbility(account, {
    newClient: () => world.clientFor(FAMILY),
    origin: server.origin,
    nextAddress: server.ownClientAddresses ? clientAddresses.next : undefined,
  });
}

/**
 * Whether the run's better-auth scenarios use this address: the lent account's, or one of the accounts they sign up
 * (at the run's domain). Mail to it is never another family's (see MailMark.notFor).
 */
export function isBetterAuthRunAddress(config: { emailDomain: string; account?: { email: string } } | undefined, address: string): boolean {
  const lower = address.trim().toLowerCase();
  return config !== undefined && (lower.endsWith(`@${config.emailDomain.toLowerCase()}`) || config.account?.email.trim().toLowerCase() === lower);
}

/** A fresh account's details: an address of this run's own (BETTER_AUTH_EMAIL_DOMAIN on a real deployment), a strong password. */
export function newAccountDetails(world: Scenario, name: string, password = strongPassword()): BetterAuthAccount {
  const domain = world.target.config.betterAuth?.emailDomain ?? 'better-auth.authflow.test';
  return { name, email: `${name.toLowerCase()}.${uniqueSuffix()}@${domain}`, password };
}

/**
 * `name`'s account for this scenario: signed up fresh (and removed again after the scenario on a real deployment),
 * its address confirmed through the mailed link unless the scenario wants it unconfirmed, and with an authenticator
 * app switched on if asked. Where the deployment turned sign-up off, the account the configuration names is lent
 * instead, for plain accounts only. A string says why the scenario cannot have one.
 */
export async function betterAuthUserFor(world: Scenario, name: string, kind: AccountKind): Promise<BetterAuthAbility | string> {
  const off = turnedOff(world, 'sign-up');
  if (off) {
    if (kind.kind !== 'confirmed') return `needs a new account (${off})`;
    return accountFromConfiguration(world, name);
  }
  const ability = newAbility(world, newAccountDetails(world, name, kind.kind === 'password' ? kind.password : undefined));
  world.onCleanup(() => removeWhatTheScenarioCreated(world, ability));
  const { driver } = ability.on('sign-up');
  const { email } = ability.account;
  const signUp = world.remember(await world.expectingMail(email, () => driver.signUp({ name, email, password: ability.account.password })));
  assert.equal(signUp.status, 200, `${name} could not sign up (${signUp.status} ${signUp.body})`);
  ability.userId = signUp.json<{ user: { id: string } }>().user.id;
  const signedIn = Boolean(signUp.json<{ token: string | null }>().token);
  if (kind.kind !== 'unconfirmed') {
    // Signed in at once (the defaults), the confirmation mail is asked for with the new session: without one,
    // better-auth answers that request no sooner than 500 ms (its guard against telling addresses apart by time).
    // Not signed in (a configuration that wants the address confirmed first), the sign-up mailed the link already
    // (emailVerification.sendOnSignUp follows requireEmailVerification), unless nothing came.
    const mailed = !signedIn && (await world.mailbox.count(world.mailMark(email))) > 0;
    if (mailed) await openConfirmation(world, ability, 'sign-up');
    else await confirmAddress(world, ability, 'sign-up');
  }
  // A set-up session is ended, so that the scenario's sessions are the ones its steps open.
  if (signedIn) assert.equal((await driver.signOut()).status, 200, `${name} could not sign out after signing up`);
  if (kind.kind === 'authenticator') await switchOnAuthenticator(world, ability);
  return ability;
}

/** The reason a scenario step cannot run because the server turned something off, or undefined. */
export function turnedOff(world: Scenario, what: string): string | undefined {
  return serverOf(world).turnedOff?.[what];
}

/** Asks for a confirmation mail and opens its link: the address is then confirmed. */
export async function confirmAddress(world: Scenario, ability: BetterAuthAbility, device = ability.device.label): Promise<HttpResponse> {
  const { driver } = ability.on(device);
  const { email } = ability.account;
  const sent = await world.expectingMail(email, () => driver.sendVerificationEmail({ email, callbackURL: appPage(world) }));
  assert.equal(sent.status, 200, `no confirmation mail could be asked for ${email} (${sent.status})`);
  return openConfirmation(world, ability, device);
}

/** Opens the newest confirmation link mailed to the account. */
async function openConfirmation(world: Scenario, ability: BetterAuthAbility, device: string): Promise<HttpResponse> {
  const opened = world.remember(await ability.on(device).driver.verifyEmail(await mailedLink(world, ability)));
  assert.ok(opened.status === 302 || opened.status === 200, `the confirmation link answered ${opened.status}`);
  return opened;
}

/**
 * Signs in with the password, sets up the authenticator app (`enable` with the password, then a code from the new
 * secret to confirm it), keeps its secret and backup codes, and signs out again.
 */
export async function switchOnAuthenticator(world: Scenario, ability: BetterAuthAbility): Promise<void> {
  const { driver } = ability.on('setup');
  assert.equal((await signIn(world, ability, 'setup')).status, 200, `${ability.account.name} could not sign in to set up the authenticator app`);
  const enabled = world.remember(await driver.enableTwoFactor(ability.account.password));
  assert.equal(enabled.status, 200, `the authenticator app could not be switched on (${enabled.status})`);
  const { totpURI, backupCodes } = enabled.json<{ totpURI: string; backupCodes: string[] }>();
  ability.totpSecret = secretOf(totpURI);
  ability.backupCodes = backupCodes;
  for (const code of backupCodes) secrets.add(code);
  const confirmed = world.remember(await driver.verifyTotp({ code: await currentCode(world, ability) }));
  assert.equal(confirmed.status, 200, `the authenticator app's first code was refused (${confirmed.status} ${confirmed.body})`);
  // On a real deployment the set-up session is kept to delete the account after the scenario: a scenario that locks
  // the second factor (guessing codes) would otherwise keep the clean-up out for the lock's 15 minutes.
  if (world.target.kind === 'real') ability.cleanupDevice = 'setup';
  else assert.equal((await driver.signOut()).status, 200, 'could not sign out after setting up the authenticator app');
}

/** The base32 secret of an `otpauth://` link (registered as a secret). */
export function secretOf(totpUri: string): string {
  const secret = new URL(totpUri).searchParams.get('secret');
  assert.ok(secret, 'the setup link carries no secret');
  secrets.add(secret);
  return secret;
}

/**
 * better-auth accepts the code of the current 30-second step and of the one either side (its verifyTOTP's window of
 * one step, @better-auth/utils otp.mjs; RFC 6238 §5.2 allows that drift), so up to three codes no earlier request
 * used are at hand at once; the ledger hands each window to one code, and only a fourth waits for a new window.
 * The framework's clock is this machine's, the embedded server's too (it runs in this process).
 */
export async function currentCode(world: Scenario, ability: BetterAuthAbility): Promise<string> {
  assert.ok(ability.totpSecret, `${ability.account.name} has no authenticator app`);
  const code = await authenticatorCode(ability.totpSecret, new SystemClock(), { owner: world.codeOwner(FAMILY, ability.account.email), driftSteps: 1 });
  ability.lastCode = code;
  return code;
}

/** What the app showed `stepsAgo` 30-second steps ago (a code the server must no longer take). */
export async function codeFromThePast(ability: BetterAuthAbility, secondsAgo: number): Promise<string> {
  assert.ok(ability.totpSecret, `${ability.account.name} has no authenticator app`);
  const then = Math.floor(Date.now() / 1000) - secondsAgo;
  const code = await totpCode(ability.totpSecret, Math.floor(then / TOTP_STEP_SECONDS) * TOTP_STEP_SECONDS);
  secrets.add(code);
  return code;
}

/** Signs in with the address and a password (the account's unless another is given) on a device. */
export async function signIn(world: Scenario, ability: BetterAuthAbility, device = ability.device.label, password = ability.account.password, email = ability.account.email): Promise<HttpResponse> {
  return world.remember(await ability.on(device).driver.signIn({ email, password }));
}

/** The session the device holds, as the server sees it: the user's address, or undefined when it holds none. */
export async function sessionOf(_world: Scenario, device: Device): Promise<{ email: string; name: string; emailVerified: boolean; expiresAt: string; token: string } | undefined> {
  // An observation, not an action: the step's "the response" stays the one its action got.
  const response = await device.driver.getSession();
  assert.equal(response.status, 200, `asking for the session answered ${response.status}`);
  const body = response.json<{ user: { email: string; name: string; emailVerified: boolean }; session: { expiresAt: string; token: string } } | null>();
  return body ? { ...body.user, expiresAt: body.session.expiresAt, token: body.session.token } : undefined;
}

/** The device is signed in as the actor. */
export async function assertSignedIn(world: Scenario, ability: BetterAuthAbility, device: Device = ability.device): Promise<void> {
  const session = await sessionOf(world, device);
  assert.ok(session, `${ability.account.name}'s ${device.label} holds no session the server accepts`);
  assert.equal(session.email.toLowerCase(), ability.account.email.toLowerCase(), `${ability.account.name}'s ${device.label} is signed in as someone else`);
}

export async function assertSignedOut(world: Scenario, ability: BetterAuthAbility, device: Device = ability.device): Promise<void> {
  const session = await sessionOf(world, device);
  assert.equal(session, undefined, `${ability.account.name}'s ${device.label} is still signed in`);
}

/** The newest link mailed to the account since the last request that mails it (registered as secrets: its token). */
export async function mailedLink(world: Scenario, ability: BetterAuthAbility, to = ability.account.email): Promise<string> {
  const link = await world.mailbox.link(world.mailMark(to));
  // A reset link carries its token in the path (`/reset-password/<token>`), not only in a query.
  const token = /\/reset-password\/([^/?#]+)/.exec(link)?.[1];
  if (token) {
    secrets.add(decodeURIComponent(token));
    ability.resetToken = decodeURIComponent(token);
  }
  ability.lastLink = link;
  return link;
}

/** The newest code mailed to the account since the last request that mails it. */
export async function mailedCode(world: Scenario, ability: BetterAuthAbility, to = ability.account.email): Promise<string> {
  const code = await world.mailbox.code(world.mailMark(to));
  ability.lastCode = code;
  return code;
}

/** A code of six digits that is not `avoid`: what a guesser types. */
export function guessedCode(seed: number, avoid?: string): string {
  for (let attempt = 0; ; attempt += 1) {
    const candidate = String((314_159 + (seed + attempt) * 271_829) % 1_000_000).padStart(6, '0');
    if (candidate !== avoid) return candidate;
  }
}

/** Whether an answer signed the device in: a 200 whose body carries a session token (not a second-factor challenge). */
export function signedIn(response: HttpResponse): boolean {
  if (response.status !== 200) return false;
  const body = response.json<{ token?: string | null; twoFactorRedirect?: boolean } | null>();
  return Boolean(body?.token) && !body?.twoFactorRedirect;
}

export function isChallenge(response: HttpResponse): boolean {
  return response.status === 200 && response.json<{ twoFactorRedirect?: boolean } | null>()?.twoFactorRedirect === true;
}

export type SecondFactor = 'app' | 'email' | 'backup code';

/**
 * Signs in with the password on the device in use and passes the second factor there: a code from the app, a code
 * mailed on request, or an unused backup code. The answer to the second factor is returned (and remembered).
 */
export async function passSecondFactor(world: Scenario, ability: BetterAuthAbility, factor: SecondFactor, options: { trustDevice?: boolean } = {}): Promise<HttpResponse> {
  const { driver } = ability.device;
  const challenge = await signIn(world, ability);
  assert.ok(isChallenge(challenge), `${ability.account.name} was not asked for a second factor (${challenge.status} ${challenge.body})`);
  if (factor === 'app') return world.remember(await driver.verifyTotp({ code: await currentCode(world, ability), ...options }));
  if (factor === 'email') {
    const sent = await world.expectingMail(ability.account.email, () => driver.sendTwoFactorCode());
    assert.equal(sent.status, 200, `asking for a code by email answered ${sent.status}`);
    return world.remember(await driver.verifyTwoFactorCode({ code: await mailedCode(world, ability), ...options }));
  }
  const code = ability.backupCodes.find((candidate) => candidate !== ability.lastCode);
  assert.ok(code, `${ability.account.name} has no backup code left`);
  ability.lastCode = code;
  return world.remember(await driver.verifyBackupCode({ code, ...options }));
}

/**
 * Someone who knows the password guesses authenticator codes from a device of their own: a new sign-in whenever
 * the server ends the challenge (after a few wrong codes), until `count` guesses are made or the server answers 429
 * (the account locked, or the guesser's address rate limited).
 */
export async function guessSecondFactor(world: Scenario, ability: BetterAuthAbility, count: number): Promise<void> {
  const { driver } = ability.on('guesser');
  let challenged = false;
  for (let guess = 1; guess <= count; ) {
    if (!challenged) {
      const challenge = await signIn(world, ability, 'guesser');
      if (challenge.status === 429) return;
      assert.ok(isChallenge(challenge), `the guesser's sign-in answered ${challenge.status}: ${challenge.body}`);
      challenged = true;
    }
    const answer = world.remember(await driver.verifyTotp({ code: guessedCode(guess, ability.lastCode) }));
    guess += 1;
    if (answer.status === 429) return;
    assert.notEqual(answer.status, 200, `a guessed code (guess ${guess - 1}) was accepted`);
    // A challenge that took its last wrong code (400) or is gone (401 for its cookie): sign in again.
    if (answer.status === 400 || /TWO_FACTOR_COOKIE/.test(answer.body)) challenged = false;
  }
}

// Passwords: changing it, and resetting it by link or by code.

/** Changes the password on the device in use; a 200 makes the new one the account's (the old one is kept to try it). */
export async function changePassword(world: Scenario, ability: BetterAuthAbility, options: { revokeOtherSessions?: boolean; wrongCurrent?: boolean } = {}): Promise<HttpResponse> {
  const newPassword = strongPassword();
  const currentPassword = options.wrongCurrent ? `${ability.account.password}-wrong` : ability.account.password;
  const response = await ability.driver.changePassword({ currentPassword, newPassword, ...(options.revokeOtherSessions ? { revokeOtherSessions: true } : {}) });
  return newPasswordIfAccepted(world, ability, response, newPassword);
}

/** Asks for a reset link for the account's address (or another), back to a page of the app itself. */
export async function askForResetLink(world: Scenario, ability: BetterAuthAbility, email = ability.account.email): Promise<HttpResponse> {
  const { driver } = ability.on('reset');
  return world.remember(await world.expectingMail(email, () => driver.requestPasswordReset({ email, redirectTo: appPage(world, '/reset-password') })));
}

/**
 * Opens the mailed reset link (a 302 to the app's page, the token in its query), then sets a new password with that
 * token, as the app's page would; a 200 makes the new password the account's.
 */
export async function resetWithLink(world: Scenario, ability: BetterAuthAbility): Promise<HttpResponse> {
  const { driver } = ability.on('reset');
  const opened = world.remember(await driver.resetPasswordCallback(await mailedLink(world, ability)));
  assert.equal(opened.status, 302, `the reset link answered ${opened.status}, not a redirect to the app`);
  const location = new URL(opened.header('location') ?? '', opened.url);
  assert.equal(location.origin, serverOf(world).origin, `the reset link leads to ${location.origin}, not the app`);
  const token = location.searchParams.get('token') ?? ability.resetToken;
  assert.ok(token, 'the reset link gave the app no token');
  ability.resetToken = token;
  const newPassword = strongPassword();
  return newPasswordIfAccepted(world, ability, await driver.resetPassword({ newPassword, token }), newPassword);
}

/** Asks for a reset code by mail: the plugin's current path, or the older one it still serves. */
export async function askForResetCode(world: Scenario, ability: BetterAuthAbility, path: 'current path' | 'older path'): Promise<HttpResponse> {
  const { driver } = ability.on('reset');
  const { email } = ability.account;
  return world.remember(await world.expectingMail(email, () => (path === 'current path' ? driver.requestPasswordResetCode(email) : driver.forgetPasswordCode(email))));
}

/** Sets a new password with the mailed reset code (read from the mail unless it was read already). */
export async function resetWithCode(world: Scenario, ability: BetterAuthAbility): Promise<HttpResponse> {
  const otp = ability.lastCode ?? (await mailedCode(world, ability));
  const newPassword = strongPassword();
  const response = world.remember(await ability.on('reset').driver.resetPasswordWithCode({ email: ability.account.email, otp, password: newPassword }));
  return newPasswordIfAccepted(world, ability, response, newPassword);
}

/** A 200 makes `password` the account's, the old one kept to try it again. */
function newPasswordIfAccepted(world: Scenario, ability: BetterAuthAbility, response: HttpResponse, password: string): HttpResponse {
  world.remember(response);
  if (response.status === 200) {
    ability.previousPassword = ability.account.password;
    ability.account.password = password;
  }
  return response;
}

// Signing in by mail: a code, or a link.

export async function askForSignInCode(world: Scenario, ability: BetterAuthAbility): Promise<HttpResponse> {
  const { email } = ability.account;
  return world.remember(await world.expectingMail(email, () => ability.driver.sendEmailCode({ email, type: 'sign-in' })));
}

export async function askForSignInLink(world: Scenario, ability: BetterAuthAbility): Promise<HttpResponse> {
  const { email } = ability.account;
  return world.remember(await world.expectingMail(email, () => ability.driver.requestMagicLink({ email, callbackURL: appPage(world, '/welcome') })));
}

// API keys.

/** Creates a key on the device in use; a 200 keeps its id and its secret (shown this once) under its name. */
export async function createApiKey(world: Scenario, ability: BetterAuthAbility, name: string): Promise<HttpResponse> {
  const response = world.remember(await ability.driver.createApiKey({ name }));
  if (response.status === 200) {
    const { id, key } = response.json<{ id: string; key: string }>();
    secrets.add(key);
    ability.apiKeys.set(name, { id, key });
  }
  return response;
}

// The address and the account.

/**
 * Changing the address, in the steps the framework takes: asked for (the approval goes to the current address),
 * approved from that mail (a confirmation then goes to the new address) and confirmed; or, with the email OTP
 * plugin, by a code mailed to the new address. The ability follows the account to its new address.
 */
export async function changeAddress(world: Scenario, ability: BetterAuthAbility, step: 'ask' | 'approve and confirm' | 'by code'): Promise<void> {
  const { driver } = ability;
  if (step === 'by code') {
    const newEmail = newAccountDetails(world, ability.account.name).email;
    const asked = world.remember(await world.expectingMail(newEmail, () => driver.requestEmailChangeCode(newEmail)));
    assert.equal(asked.status, 200, `asking for a code to the new address answered ${asked.status}`);
    const changed = world.remember(await driver.changeEmailWithCode({ newEmail, otp: await mailedCode(world, ability, newEmail) }));
    assert.equal(changed.status, 200, `the code from the new address was refused (${changed.status} ${changed.body})`);
    movedTo(ability, newEmail);
    return;
  }
  if (step === 'ask') {
    ability.newEmail = newAccountDetails(world, ability.account.name).email;
    const asked = world.remember(await world.expectingMail(ability.account.email, () => driver.changeEmail({ newEmail: ability.newEmail as string, callbackURL: appPage(world) })));
    assert.equal(asked.status, 200, `asking to change the address answered ${asked.status}`);
    return;
  }
  const newEmail = ability.newEmail;
  assert.ok(newEmail && ability.lastLink, `${ability.account.name} has no approval link to open`);
  const approved = world.remember(await world.expectingMail(newEmail, () => driver.verifyEmail(ability.lastLink as string)));
  assert.ok(approved.status === 302 || approved.status === 200, `the approval link answered ${approved.status}`);
  const confirmed = world.remember(await driver.verifyEmail(await mailedLink(world, ability, newEmail)));
  assert.ok(confirmed.status === 302 || confirmed.status === 200, `the confirmation link answered ${confirmed.status}`);
  movedTo(ability, newEmail);
}

function movedTo(ability: BetterAuthAbility, newEmail: string): void {
  ability.previousEmail = ability.account.email;
  ability.account.email = newEmail;
  ability.newEmail = undefined;
}

/**
 * Deletes the account from the device in use, with its password; where the configuration asks for a confirmation
 * by mail (user.deleteUser.sendDeleteAccountVerification), the mailed link is opened.
 */
export async function deleteOwnAccount(world: Scenario, ability: BetterAuthAbility): Promise<HttpResponse> {
  const { driver } = ability;
  const { email, password } = ability.account;
  const deletion = world.remember(await world.expectingMail(email, () => driver.deleteUser({ password })));
  assert.equal(deletion.status, 200, `deleting the account answered ${deletion.status}: ${deletion.body}`);
  if (/verification/i.test(deletion.json<{ message?: string }>().message ?? '')) {
    const confirmed = world.remember(await driver.deleteUserCallback(await mailedLink(world, ability)));
    assert.ok(confirmed.status === 302 || confirmed.status === 200, `the mailed deletion link answered ${confirmed.status}`);
  }
  ability.deleted = true;
  return deletion;
}
