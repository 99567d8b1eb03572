import assert from 'node:assert/strict';
import type { HttpResponse } from '../http/response';
import { inTurn, type Attempt } from '../core/alike-refusals';
import { leaseAccount } from '../coordination/leases';
import { totpCode } from '../core/otp-codes';
import { secrets } from '../redaction/secrets';
import { familyTarget } from '../core/target';
import { authenticatorCodeWithStep } from '../core/totp';
import type { Scenario } from '../core/scenario';
import { EnhanceAbility, type EnhanceAccount, type EnhanceDevice } from './ability';
import type { AuthMethod } from './driver';
import { EnhanceDriver } from './driver';
import { controlClient, enhanceOrganisation, otherHostingCompany } from './organisation';
import { wrongCode } from '../core/totp';
import { uniqueSuffix } from '../core/unique';
import { footprint } from '../core/footprint';
import { loginPool, NEW_LOGIN_DOMAIN } from './pool';
import { switchSignInMethod, type MethodChangeHelp } from './sign-in-method';

function newClientFor(world: Scenario) {
  return () => world.clientFor('Enhance');
}

/** Another hosting company on the same panel (mocks only), acting with its own access token. */
export async function otherCompany(world: Scenario): Promise<{ driver: EnhanceDriver; customerOrgId: string }> {
  const { companyToken, customerOrgId } = await otherHostingCompany(world);
  return { driver: new EnhanceDriver(world.clientFor('Enhance')).withToken(companyToken), customerOrgId };
}

/** The hosting company acting with its access token (an organisation credential, not a login). */
export async function hostingCompany(world: Scenario): Promise<EnhanceDriver> {
  const { companyToken } = await enhanceOrganisation(world);
  return new EnhanceDriver(world.clientFor('Enhance')).withToken(companyToken);
}

export function newLoginDetails(name: string) {
  const suffix = uniqueSuffix();
  return { email: `${name.toLowerCase()}.${suffix}@${NEW_LOGIN_DOMAIN}`, name: `${name} ${suffix}`, password: EnhanceAbility.newPassword() };
}

/** The ability of a login just created (password only, until its owner switches the method). */
export function abilityForCreatedLogin(
  world: Scenario,
  details: { email: string; name: string; password: string },
  ids: { id: string; orgId: string; memberId?: string },
): EnhanceAbility {
  const account: EnhanceAccount = { ...details, ...ids, memberId: ids.memberId, authMethod: 'basic', otpSecret: undefined };
  return new EnhanceAbility(account, newClientFor(world));
}

/**
 * A customer login made the way an administrator would make it on a real panel: created in the realm with the
 * hosting company's token (`POST /logins`), made a member of the customer organisation with the same token
 * (`POST /orgs/{org_id}/members`: a login is nobody's member until then), then switched to its sign-in method
 * by its owner (`PATCH /login`), then signed out.
 */
export async function createCustomerLogin(world: Scenario, name: string, method: AuthMethod): Promise<EnhanceAbility> {
  if (usesPool(world)) return pooledLogin(world, name, method);
  const organisation = await enhanceOrganisation(world);
  const ability = await createCustomerMember(world, name);
  const { account } = ability;
  const session = await ability.signIn();
  assert.equal(session.status, 200, `${name} could not sign in to set up the login (${session.status})`);
  const memberships = session.json<{ memberships: { memberId: string; orgId: string }[] }>().memberships;
  assert.ok(
    memberships.some((membership) => membership.orgId === organisation.customerOrgId),
    `${name}'s sign-in does not list the membership the hosting company made`,
  );
  if (method !== 'basic') {
    const switched = await switchSignInMethod(ability.driver, account, method, methodChangeHelp(world, account.email));
    assert.ok(typeof switched !== 'string', `${name} could not switch to ${method}: ${switched}`);
    account.authMethod = method;
    account.otpSecret = switched.otpSecret;
  }
  assert.equal((await ability.driver.deleteCurrentSession()).status, 200, `${name} could not sign out after the set-up`);
  ability.switchDevice();
  return ability;
}

/**
 * A new login made a member of the customer organisation with the hosting company's token, as an administrator
 * would: createLogin puts it in the realm only, createMember gives it its (least) role in the organisation.
 */
export async function createCustomerMember(world: Scenario, name: string): Promise<EnhanceAbility> {
  if (usesPool(world)) return pooledLogin(world, name, 'basic');
  const { customerOrgId } = await enhanceOrganisation(world);
  const details = newLoginDetails(name);
  const company = await hostingCompany(world);
  const created = await company.createLogin(customerOrgId, details);
  assert.equal(created.status, 201, `the hosting company could not create ${name}'s login (${created.status})`);
  const id = created.json<{ id: string }>().id;
  const member = await company.createMember(customerOrgId, { loginId: id, roles: ['SiteAccess'] });
  assert.equal(member.status, 201, `the hosting company could not make ${name} a member of its customer (${member.status})`);
  return abilityForCreatedLogin(world, details, { id, orgId: customerOrgId, memberId: member.json<{ id: string }>().id });
}

/** What completing a change of sign-in method may need in this scenario: its mailbox (if any), clock, code owner. */
export function methodChangeHelp(world: Scenario, email: string): MethodChangeHelp {
  return { mailbox: world.target.mailboxUrl ? world.mailbox : undefined, clock: world.clock, owner: world.codeOwner('Enhance', email) };
}

/** On a real panel with admin credentials, customer logins come from the pool of the naming scheme (support/enhance/pool.ts). */
function usesPool(world: Scenario): boolean {
  return world.target.kind === 'real' && Boolean(world.target.config.enhance?.admin);
}

/** The panel as the pool sees it in a scenario: clients whose exchanges land in the scenario's transcript. */
async function scenarioPanel(world: Scenario) {
  const { realmId, customerOrgId } = await enhanceOrganisation(world);
  return {
    driver: () => new EnhanceDriver(world.clientFor('Enhance')),
    company: await hostingCompany(world),
    realmId,
    orgId: customerOrgId,
    help: (email: string) => methodChangeHelp(world, email),
  };
}

/**
 * A login of the pool, leased for the scenario and put into a known state; afterwards a changed email address is
 * put back at once (the scheme finds the login by it); an uploaded avatar goes at the next reset or the run's end.
 */
async function pooledLogin(world: Scenario, name: string, method: AuthMethod): Promise<EnhanceAbility> {
  const panel = await scenarioPanel(world);
  const pool = loginPool();
  const { ability, slot } = await pool.acquire(panel, name, method);
  world.log(`${name} uses the panel login ${ability.account.email}, reset for this scenario.`);
  world.onCleanup(() => pool.restoreAddress(panel, slot, ability.account.email));
  world.onRelease(() => pool.release(slot));
  return ability;
}

/** An administrator (Owner) of the hosting company itself: only the mock can make one on demand. */
export async function createCompanyAdministrator(world: Scenario, name: string): Promise<EnhanceAbility> {
  const organisation = await enhanceOrganisation(world);
  const details = newLoginDetails(name);
  const response = await controlClient(world).send('/_mock/logins', {
    method: 'POST',
    json: { ...details, authMethod: 'basic', orgId: organisation.realmId, roles: ['Owner'] },
  });
  assert.equal(response.status, 201, `the mock could not create ${name}'s administrator login`);
  const created = response.json<{ id: string; memberId: string }>();
  return abilityForCreatedLogin(world, details, { id: created.id, orgId: organisation.realmId, memberId: created.memberId });
}

/** The PIN of the newest mail with a code that reached the login since its last sign-in or resend. */
export async function mailedPin(world: Scenario, ability: EnhanceAbility): Promise<string> {
  return world.mailbox.code(world.mailMark(ability.account.email));
}

/** A sign-in on the current device; for a login with emailed PINs, the PIN mail is looked for from here on. */
export function signIn(world: Scenario, ability: EnhanceAbility, password?: string): Promise<HttpResponse> {
  if (ability.account.authMethod !== 'email') return ability.signIn(password);
  return world.expectingMail(ability.account.email, () => ability.signIn(password));
}

/** Whatever the pending session asks for: the mailed PIN or the authenticator's code. */
export async function secondFactorOf(world: Scenario, ability: EnhanceAbility, options: { marginSeconds?: number } = {}): Promise<string> {
  const { account } = ability;
  if (account.authMethod === 'otp') {
    assert.ok(account.otpSecret, 'the login has no authenticator secret');
    const { code, step } = await authenticatorCodeWithStep(account.otpSecret, world.clock, { owner: world.codeOwner('Enhance', account.email), ...options });
    ability.lastAuthenticatorCode = code;
    ability.lastAuthenticatorStep = step;
    return code;
  }
  ability.lastPin = await mailedPin(world, ability);
  return ability.lastPin;
}

/**
 * Sign-ins waiting for the second factor on two devices of the login, the first device's before the second's; the
 * PIN mailed for each (a login with PINs by email) is read before the next sign-in, so each mail is told apart. The
 * second device stays the current one.
 */
export async function signInOnTwoDevices(world: Scenario, ability: EnhanceAbility): Promise<void> {
  ability.twoDevices = [];
  for (const index of [1, 2]) {
    const device = index === 1 ? ability.device : ability.switchDevice();
    const response = await signIn(world, ability);
    assert.equal(response.status, 201, `the sign-in on device ${index} did not wait for a second factor (${response.status})`);
    const pin = ability.account.authMethod === 'email' ? await mailedPin(world, ability) : undefined;
    ability.twoDevices.push({ device, pin, pendingCookie: await ability.sessionCookie(device) });
  }
}

/** Device 1 or 2 of signInOnTwoDevices becomes the current one (its waiting session the one kept to replay). */
export function useDeviceOfTwo(ability: EnhanceAbility, index: 1 | 2): { pin: string | undefined } {
  const entry = ability.twoDevices[index - 1];
  assert.ok(entry, 'the login has not signed in on two devices');
  ability.useDevice(entry.device);
  ability.keptSessionCookie = entry.pendingCookie;
  return entry;
}

/** A complete sign-in on the current device, passing the second factor when asked; returns the final answer. */
export async function signInFully(world: Scenario, ability: EnhanceAbility, name: string): Promise<HttpResponse> {
  const first = await signIn(world, ability);
  if (first.status === 200) return first;
  assert.equal(first.status, 201, `${name}'s sign-in answered ${first.status}`);
  const pin = await secondFactorOf(world, ability);
  const second = await ability.driver.verify2FA({ authMethod: ability.account.authMethod, pin });
  assert.equal(second.status, 200, `${name}'s second factor was refused (${second.status})`);
  ability.learnMembership(second);
  return second;
}

/** The id of the login's newest session: the one its current device signed in with last. */
export async function newestSessionId(ability: EnhanceAbility): Promise<string> {
  const [newest] = (await sessions(ability)).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  assert.ok(newest, 'the login has no session');
  return newest.id;
}

/** The login's sessions, as the current device sees them. */
export async function sessions(ability: EnhanceAbility): Promise<{ id: string; createdAt: string }[]> {
  const response = await ability.driver.getSessions();
  assert.equal(response.status, 200, `listing sessions answered ${response.status}`);
  return response.json<{ items: { id: string; createdAt: string }[] }>().items;
}

/**
 * On a real panel without admin credentials: the login the environment names for this method (ENHANCE_EMAIL or
 * ENHANCE_OTP_EMAIL), or why there is none. Its ids are learnt when it signs in; after the scenario its password
 * and email address are put back if the scenario changed them. It is lent to this scenario alone (another worker's
 * scenario that wants it waits), and given back after it is put back.
 */
export async function configuredLogin(world: Scenario, method: AuthMethod): Promise<EnhanceAbility | string> {
  const config = world.target.config.enhance;
  const configured =
    method === 'basic' && config ? { email: config.email, password: config.password, otpSecret: undefined } : method === 'otp' ? config?.otpLogin && { ...config.otpLogin, otpSecret: config.otpLogin.secret } : undefined;
  if (!configured) {
    return method === 'email'
      ? 'needs ENHANCE_ADMIN_TOKEN, ENHANCE_ORG_ID and ENHANCE_REALM_ID to create a login with emailed PINs'
      : 'needs ENHANCE_OTP_EMAIL, ENHANCE_OTP_PASSWORD and ENHANCE_OTP_SECRET (or admin credentials to create the login)';
  }
  secrets.add(configured.password);
  secrets.add(configured.otpSecret);
  const baseUrl = familyTarget(world.target, 'Enhance').baseUrl;
  await leaseAccount(world, `the Enhance login ${configured.email} on ${baseUrl}`, [{ id: `Enhance ${baseUrl} ${configured.email}`, account: configured }]);
  const account: EnhanceAccount = { id: '', name: configured.email, email: configured.email, password: configured.password, authMethod: method, otpSecret: configured.otpSecret, orgId: '', memberId: undefined };
  const ability = new EnhanceAbility(account, newClientFor(world));
  ability.borrowed = true;
  const original = { email: account.email, password: account.password, authMethod: account.authMethod };
  world.onCleanup(() => restoreConfiguredLogin(world, ability, original));
  return ability;
}

async function restoreConfiguredLogin(world: Scenario, ability: EnhanceAbility, original: { email: string; password: string; authMethod: AuthMethod }): Promise<void> {
  const { account } = ability;
  const changed = account.email !== original.email || account.password !== original.password;
  const methodChanged = account.authMethod !== original.authMethod;
  if (!changed && !methodChanged && !ability.uploadedAvatar) return;
  ability.switchDevice();
  // A second factor the scenario switched on is passed as its holder would (the mailed PIN).
  const signedIn = (await signInFully(world, ability, original.email).catch(() => undefined))?.status === 200;
  if (methodChanged) {
    // Only a second factor switched on can be put back: a new authenticator app would not be the configured one.
    const back = signedIn && original.authMethod === 'basic' ? await switchSignInMethod(ability.driver, account, 'basic', methodChangeHelp(world, account.email)) : 'it could not be signed in to, or its configured method cannot be made again';
    const restored = typeof back !== 'string';
    world.log(restored ? `Turned ${original.email}'s second factor off again.` : `Could NOT turn ${original.email}'s second factor off again (${back}): do it by hand.`);
    noteRestored('Enhance logins', `sign-in method of ${original.email}`, restored);
    if (restored) account.authMethod = original.authMethod;
  }
  if (ability.uploadedAvatar) {
    const removed = signedIn && [200, 204].includes((await ability.driver.deleteLoginAvatar()).status);
    world.log(removed ? `Removed the avatar this scenario uploaded for ${original.email}.` : `Could NOT remove the avatar this scenario uploaded for ${original.email}.`);
    noteRestored('Enhance avatars', `avatar of ${original.email}`, removed);
  }
  if (!changed) return;
  const restored = signedIn && (await ability.driver.updateLoginInfo({ email: original.email, password: original.password, currentPassword: account.password })).status === 200;
  world.log(restored ? `Restored ${original.email}'s email address and password.` : `Could NOT restore ${original.email}'s email address and password: do it by hand.`);
  noteRestored('Enhance logins', original.email, restored);
  if (restored) Object.assign(account, original);
}

/** A borrowed login's change, and whether it was put back (the API has the operation, so a failure was avoidable). */
function noteRestored(kind: 'Enhance logins' | 'Enhance avatars', item: string, restored: boolean): void {
  footprint.record(kind, item, 'changed');
  footprint.record(kind, item, restored ? 'put-back' : 'left-behind', restored ? {} : { why: 'putting it back failed: do it by hand', avoidable: true });
}

/** The code the login's authenticator app showed `secondsAgo` seconds ago, by the target's clock (registered as a secret). */
export async function earlierAuthenticatorCode(world: Scenario, ability: EnhanceAbility, secondsAgo: number): Promise<string> {
  assert.ok(ability.account.otpSecret, 'the login has no authenticator secret');
  const epoch = Math.floor((await world.clock.nowMs()) / 1000) - secondsAgo;
  const code = await totpCode(ability.account.otpSecret, epoch);
  secrets.add(code);
  return code;
}

/**
 * Wrong passwords for the login, each from a clean client (no cookie, no device id), as a guesser would send
 * them; the answers, in order.
 */
export async function guessPasswords(world: Scenario, ability: EnhanceAbility, times: number): Promise<HttpResponse[]> {
  const answers: HttpResponse[] = [];
  for (let guess = 1; guess <= times; guess += 1) {
    const wrong = `${ability.account.password}-guess-${guess}`;
    answers.push(await new EnhanceDriver(world.clientFor('Enhance')).createSession({ email: ability.account.email, password: wrong }));
  }
  return answers;
}

/** A sign-in of `ability`'s login from another actor's device: that device's client and remembered device id. */
export function signInOnDevice(world: Scenario, ability: EnhanceAbility, device: EnhanceDevice): Promise<HttpResponse> {
  const { email, password } = ability.account;
  return world.expectingMail(email, () => new EnhanceDriver(device.client).createSession({ email, password, deviceId: device.deviceId }));
}

/**
 * Reset requests for a made-up address and for the login's own, in turn, each timed on the wire (the exchange's
 * duration: pacing and retries excluded). One made-up address first, not counted: the first request of a scenario
 * may open a connection. The login's mails are looked for from the first of its requests (a real run deletes them).
 */
export async function timedResetRequests(world: Scenario, email: string, rounds: number): Promise<{ unknown: Attempt[]; known: Attempt[] }> {
  const attempt = async (address: string): Promise<Attempt> => {
    const send = () => new EnhanceDriver(world.clientFor('Enhance')).startPasswordRecovery(address);
    const response = address === email ? await world.expectingMail(address, send) : await send();
    const exchange = world.transcript.at(-1);
    assert.ok(exchange?.response, 'the reset request left no exchange to time');
    assert.equal(response.status, 200, `a reset request answered ${response.status}`);
    return { response, ms: exchange.durationMs };
  };
  await attempt(newLoginDetails('Nobody').email);
  const { unknown, wrongPassword: known } = await inTurn(rounds, () => attempt(newLoginDetails('Nobody').email), () => attempt(email));
  return { unknown, known };
}

/**
 * What a guesser who knows the password does: a sign-in from a clean client, a wrong second factor, again and
 * again until a sign-in is refused; the answers to the wrong second factors, in order. The login's mails are looked for from the first sign-in
 * (a real run deletes them afterwards).
 */
export async function guessSecondFactorAcrossSignIns(world: Scenario, ability: EnhanceAbility, times: number): Promise<HttpResponse[]> {
  const { email, password, authMethod } = ability.account;
  const answers: HttpResponse[] = [];
  for (let guess = 1; guess <= times; guess += 1) {
    const driver = new EnhanceDriver(world.clientFor('Enhance'));
    const signIn = () => driver.createSession({ email, password });
    const pending = guess === 1 ? await world.expectingMail(email, signIn) : await signIn();
    // A sign-in refused after some guesses is the lock the guesses should bring: nothing more to guess.
    if (guess > 1 && pending.status === 401) break;
    assert.equal(pending.status, 201, `sign-in ${guess} of the guesser answered ${pending.status}, not a wait for the second factor`);
    answers.push(await driver.verify2FA({ authMethod, pin: wrongCode(undefined, guess) }));
  }
  return answers;
}
