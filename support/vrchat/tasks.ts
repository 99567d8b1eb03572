import assert from 'node:assert/strict';
import type { HttpClient } from '../http/client';
import type { HttpResponse } from '../http/response';
import { totpCode } from '../core/otp-codes';
import { secrets } from '../redaction/secrets';
import { authenticatorCodeWithStep, TOTP_STEP_SECONDS } from '../core/totp';
import type { Scenario } from '../core/scenario';
import type { VrchatAbility } from './ability';
import { VrchatDriver } from './driver';
import { footprint } from '../core/footprint';
import { wrongCode } from '../core/totp';
import { expectNotVerified } from './expectations';
import type { CurrentUser, TwoFactorChallenge } from './types';

/**
 * A login with a username (or the given one) and password. An account without an authenticator app may be
 * mailed (a code, or a link to confirm a new place): that mail is looked for from here on.
 */
export function logIn(world: Scenario, vrchat: VrchatAbility, username = vrchat.account.username): Promise<HttpResponse> {
  const credentials = { username, password: vrchat.account.password };
  if (vrchat.account.totpSecret) return vrchat.driver.getCurrentUser(credentials);
  return world.expectingMail(vrchat.account.email, () => vrchat.driver.getCurrentUser(credentials));
}

/** Basic login expected to stop at the second factor; returns the challenge response. */
export async function loginUntilChallenged(world: Scenario, vrchat: VrchatAbility): Promise<HttpResponse> {
  const response = await logIn(world, vrchat);
  assert.equal(response.status, 200, `login answered ${response.status} instead of 200`);
  const body = response.json<Partial<TwoFactorChallenge>>();
  assert.ok(Array.isArray(body.requiresTwoFactorAuth), 'login did not ask for a second factor');
  return response;
}

/** The current code of the account's authenticator app, remembered as the code the actor typed. */
export async function currentAuthenticatorCode(world: Scenario, vrchat: VrchatAbility, options: { marginSeconds?: number } = {}): Promise<string> {
  const secret = vrchat.account.totpSecret;
  assert.ok(secret, `${vrchat.account.displayName} has no authenticator app`);
  const { code, step } = await authenticatorCodeWithStep(secret, world.clock, {
    reuseAllowed: world.target.config.vrchat?.totpReuseAllowed,
    owner: world.codeOwner('VRChat', vrchat.account.username),
    ...options,
  });
  vrchat.lastAuthenticatorCode = code;
  vrchat.lastAuthenticatorStep = step;
  return code;
}

/**
 * Pending logins on two devices of the account, the first device's before the second's; the code mailed for each
 * (an account without an authenticator app) is read before the next login, so each mail is told apart. The second
 * device stays the current one.
 */
export async function loginOnTwoDevices(world: Scenario, vrchat: VrchatAbility): Promise<void> {
  vrchat.twoDevices = [];
  for (const device of [1, 2]) {
    if (device === 2) vrchat.switchDevice();
    const challenge = await loginUntilChallenged(world, vrchat);
    const mailed = challenge.json<TwoFactorChallenge>().requiresTwoFactorAuth.includes('emailOtp');
    vrchat.twoDevices.push({ client: vrchat.client, emailCode: mailed ? await emailedLoginCode(world, vrchat) : undefined });
  }
}

/** Device 1 or 2 of loginOnTwoDevices becomes the current one; returns the code mailed for its login, if any. */
export function useDeviceOfTwo(vrchat: VrchatAbility, index: 1 | 2): string | undefined {
  const device = vrchat.twoDevices[index - 1];
  assert.ok(device, `${vrchat.account.username} has not logged in on two devices`);
  vrchat.useDevice(device.client);
  return device.emailCode;
}

/**
 * The code the account's authenticator app showed `secondsAgo` seconds before the target's current time: what
 * someone who saw the screen (or a log) then would type. Never the current code, so it costs no fresh window.
 */
export async function pastAuthenticatorCode(world: Scenario, vrchat: VrchatAbility, secondsAgo: number): Promise<string> {
  const secret = vrchat.account.totpSecret;
  assert.ok(secret, `${vrchat.account.displayName} has no authenticator app`);
  const now = Math.floor((await world.clock.nowMs()) / 1000);
  const current = await totpCode(secret, now);
  for (let back = secondsAgo; ; back += TOTP_STEP_SECONDS) {
    const code = await totpCode(secret, now - back);
    // Codes of different steps collide one time in a million: take the step before, still older than allowed.
    if (code !== current) {
      secrets.add(code);
      return code;
    }
  }
}

/**
 * The code of the newest mail with a code that reached the account since its last login. A configured account's
 * address is unknown: its mail is then the newest with a code that reached the mailbox since that login.
 */
export async function emailedLoginCode(world: Scenario, vrchat: VrchatAbility): Promise<string> {
  return world.mailbox.code(world.mailMark(vrchat.account.email));
}

/** Passes whichever second factor the pending login asks for, the way the account holder would. */
export async function passSecondFactor(world: Scenario, vrchat: VrchatAbility, challenge: HttpResponse): Promise<HttpResponse> {
  const methods = challenge.json<TwoFactorChallenge>().requiresTwoFactorAuth;
  const response = methods.includes('totp')
    ? await vrchat.driver.verify2FA(await currentAuthenticatorCode(world, vrchat))
    : await vrchat.driver.verify2FAEmailCode(await emailedLoginCode(world, vrchat));
  assert.equal(response.status, 200, `the second factor answered ${response.status}`);
  return response;
}

/** Password, then the second factor: a complete login on the actor's current device. */
export async function completeLogin(world: Scenario, vrchat: VrchatAbility): Promise<HttpResponse> {
  const response = await passSecondFactor(world, vrchat, await loginUntilChallenged(world, vrchat));
  // A configured account's id is learnt from its first complete login: this session is the account's, whatever
  // login name (username or email address) the configuration gave.
  if (!vrchat.account.id) learnIdentity(vrchat, await whoIsLoggedIn(vrchat.client));
  return response;
}

const SESSION_COOKIES = ['auth', 'twoFactorAuth'];

/**
 * A logged-in session on the actor's device. Against a real server a session kept from an earlier scenario
 * (see SessionCache) is reused while the server accepts it; a complete login replaces it when it does not.
 */
export async function loggedIn(world: Scenario, vrchat: VrchatAbility): Promise<void> {
  if (world.target.kind !== 'real') {
    await completeLogin(world, vrchat);
    return;
  }
  const key = sessionCacheKey(vrchat);
  const cached = world.sessions.get(key);
  if (cached) {
    for (const name of SESSION_COOKIES) if (cached[name]) await vrchat.client.jar.put(name, cached[name], vrchat.client.baseUrl);
    const check = await vrchat.driver.getCurrentUser();
    const user = check.status === 200 ? check.json<Partial<CurrentUser>>() : undefined;
    if (user?.id) {
      // The cache is keyed by this account's login name: the session it kept is the account's.
      learnIdentity(vrchat, user);
      world.log(`Reused ${vrchat.account.username}'s session from the session cache.`);
      return;
    }
    world.sessions.drop(key);
    vrchat.switchDevice();
    world.log('The cached session was refused by the server: logging in again.');
  }
  await completeLogin(world, vrchat);
  const session: Record<string, string> = {};
  for (const name of SESSION_COOKIES) {
    const value = (await vrchat.client.jar.get(name, vrchat.client.baseUrl))?.value;
    if (value) session[name] = value;
  }
  world.sessions.set(key, session);
  footprint.record('VRChat sessions', cachedSessionItem(vrchat), 'created');
}

/** Where the account's reusable session is kept in the session cache. */
export function sessionCacheKey(vrchat: VrchatAbility): string {
  return sessionKeyOf(vrchat.client.baseUrl, vrchat.account.username);
}

/** The session cache's key of an account on a server, by its configured login name. */
export function sessionKeyOf(baseUrl: string, loginName: string): string {
  return `VRChat ${baseUrl} ${loginName}`;
}

export const cachedSessionItem = (vrchat: VrchatAbility) => `cached session of ${vrchat.account.username}`;

/**
 * After a scenario on a real server: each session the actor's devices still hold is logged out, except the one
 * kept in the session cache for the next scenarios and runs. The footprint says which.
 */
export async function endScenarioSessions(world: Scenario, vrchat: VrchatAbility): Promise<void> {
  const cached = world.sessions.get(sessionCacheKey(vrchat))?.auth;
  // The cached session stays for the next scenarios and runs (a later one drops it if the server ended it).
  if (cached) footprint.record('VRChat sessions', cachedSessionItem(vrchat), 'kept', { why: 'kept in .authflow-state/sessions.json for the next scenarios and runs: VRChat limits sessions per account, and each login costs a code' });
  const seen = new Set<string>();
  for (const [index, client] of vrchat.devices.entries()) {
    const auth = (await client.jar.get('auth', client.baseUrl))?.value;
    if (!auth || seen.has(auth)) continue;
    seen.add(auth);
    if (auth === cached) continue;
    const item = `session of ${vrchat.account.username} on device ${index + 1} of "${world.scenarioName}"`;
    footprint.record('VRChat sessions', item, 'created');
    const { status } = await new VrchatDriver(client).logout();
    // 401: the scenario ended it already (a logout, a password change).
    footprint.record('VRChat sessions', item, status === 200 || status === 401 ? 'put-back' : 'left-behind', status === 200 || status === 401 ? {} : { why: `logging it out answered ${status}`, avoidable: true });
  }
}

/** The current user of a device's session, asserting that the server answers with one. */
async function whoIsLoggedIn(device: HttpClient): Promise<CurrentUser> {
  const response = await new VrchatDriver(device).getCurrentUser();
  assert.equal(response.status, 200, `asking who is logged in answered ${response.status}`);
  return response.json<CurrentUser>();
}

/**
 * What the server says about the account, taken from a session that is the account's own (its first complete
 * login, or its cached session): its id, and its username when the server shows one (the description does not
 * require it). A configured login name is never compared with anything: it may be the username or the address.
 */
function learnIdentity(vrchat: VrchatAbility, user: Partial<CurrentUser>): void {
  if (user.id) vrchat.account.id = user.id;
  if (typeof user.username === 'string' && user.username !== '') vrchat.account.knownUsername = user.username;
}

/** Who the session cookie (of the actor's device, or the given one) belongs to, asserting it is the actor's account. */
export async function expectOwnProfile(vrchat: VrchatAbility, device = vrchat.client): Promise<CurrentUser> {
  const user = await whoIsLoggedIn(device);
  // A configured account's id is learnt from its first complete login, never guessed from a name: the first
  // session one of the actor's own devices completed (they log in with the actor's credentials only) shows it.
  if (!vrchat.account.id) {
    assert.ok(vrchat.devices.includes(device), `${vrchat.account.displayName}'s account id is not known yet: no complete login of it in this scenario`);
    learnIdentity(vrchat, user);
  }
  assert.equal(user.id, vrchat.account.id, 'the session belongs to another account');
  return user;
}

/** The account's username as the server shows it; a configured account's login name until the server has shown one. */
export function usernameOf(vrchat: VrchatAbility): string {
  return vrchat.account.knownUsername ?? vrchat.account.username;
}

/** The same request from the actor's last two devices (two pending logins) at the same moment; both answers. */
export function onTwoDevicesAtOnce(vrchat: VrchatAbility, request: (driver: VrchatDriver) => Promise<HttpResponse>): Promise<HttpResponse[]> {
  const devices = vrchat.devices.slice(-2);
  assert.equal(devices.length, 2, 'the actor has not logged in on two devices');
  const [first, second] = devices.map((client) => new VrchatDriver(client)) as [VrchatDriver, VrchatDriver];
  return vrchat.client.together([() => request(first), () => request(second)]);
}

/**
 * What a guesser who knows the password of an account without an authenticator app does: a login from a clean
 * device (VRChat mails a code), a wrong code, again and again. Every wrong code must be refused.
 */
export async function guessEmailedCodesAcrossLogins(world: Scenario, vrchat: VrchatAbility, times: number): Promise<void> {
  for (let guess = 1; guess <= times; guess += 1) {
    const device = new VrchatDriver(world.clientFor('VRChat'));
    const login = await device.getCurrentUser(vrchat.credentials);
    assert.ok(Array.isArray(login.json<Partial<TwoFactorChallenge>>().requiresTwoFactorAuth), `login ${guess} of the guesser did not wait for a code (${login.status})`);
    expectNotVerified(await device.verify2FAEmailCode(wrongCode(undefined, guess)));
  }
}
