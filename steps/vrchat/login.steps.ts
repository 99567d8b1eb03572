import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../../support/world/actor';
import { secrets } from '../../support/redaction/secrets';
import { vrchatDevice, vrchatDeviceReplaying } from '../../support/vrchat/device';
import { expectChallenge, expectChallengeAsSdksReadIt, expectCurrentUser, expectVrchatError } from '../../support/vrchat/expectations';
import { completeLogin, loggedIn, logIn, loginUntilChallenged } from '../../support/vrchat/tasks';
import { inAnotherLetterCase } from '../../support/core/other-site';
import { signedWithOwnKey, unsigned } from '../../support/core/forged-token';
import type { AuthWorld } from '../../support/world/world';

When('{actor} logs in with the right password', async function (this: AuthWorld, actor: Actor) {
  this.remember(await logIn(this, actor.vrchat));
});

When('{actor} logs in on another device with the right password', async function (this: AuthWorld, actor: Actor) {
  actor.vrchat.switchDevice();
  this.remember(await logIn(this, actor.vrchat));
});

When('{actor} logs in with a wrong password', async function (this: AuthWorld, actor: Actor) {
  const { username, password } = actor.vrchat.credentials;
  this.remember(await actor.vrchat.driver.getCurrentUser({ username, password: `${password}-wrong` }));
});

When('{actor} logs in with her/his/their email address and the right password', async function (this: AuthWorld, actor: Actor) {
  this.remember(await logIn(this, actor.vrchat, actor.vrchat.email));
});

When('{actor} asks who is logged in', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.vrchat.driver.getCurrentUser());
});

When('{actor} asks who is logged in without any credentials', async function (this: AuthWorld, actor: Actor) {
  actor.vrchat.switchDevice();
  this.remember(await actor.vrchat.driver.getCurrentUser());
});

When('{actor} asks who is logged in with her/his/their session and a wrong password', async function (this: AuthWorld, actor: Actor) {
  const { username, password } = actor.vrchat.credentials;
  this.remember(await actor.vrchat.driver.getCurrentUser({ username, password: `${password}-wrong` }));
});

Given('{actor} has logged in but not yet passed the second factor', async function (this: AuthWorld, actor: Actor) {
  await loginUntilChallenged(this, actor.vrchat);
});

Given('{actor} has logged in on another device but not yet passed the second factor', async function (this: AuthWorld, actor: Actor) {
  actor.vrchat.switchDevice();
  await loginUntilChallenged(this, actor.vrchat);
});

Given('{actor} is fully logged in', async function (this: AuthWorld, actor: Actor) {
  await loggedIn(this, actor.vrchat);
});

Given('{actor} has completed a login on this device before', async function (this: AuthWorld, actor: Actor) {
  await completeLogin(this, actor.vrchat);
  // The session is gone (expired, or the browser closed); the device cookie stays. Its value is kept: a later login
  // must not hand the same session back.
  const session = await actor.vrchat.sessionCookie();
  if (session) actor.vrchat.earlierSessionCookies.push(session);
  await actor.vrchat.client.jar.remove('auth', actor.vrchat.client.baseUrl);
});

Then('{actor} is asked for a code from an authenticator app or a recovery code', function (this: AuthWorld, _actor: Actor) {
  expectChallenge(this.lastResponse, ['totp', 'otp']);
});

Then('{actor} is asked for a code sent by email', function (this: AuthWorld, _actor: Actor) {
  expectChallenge(this.lastResponse, ['emailOtp']);
});

Then('the request for a code from an authenticator app or a recovery code reads exactly as the SDKs recognise it', function (this: AuthWorld) {
  expectChallengeAsSdksReadIt(this.lastResponse, ['totp', 'otp']);
});

Then('the request for a code sent by email reads exactly as the SDKs recognise it', function (this: AuthWorld) {
  expectChallengeAsSdksReadIt(this.lastResponse, ['emailOtp']);
});

Then('the login completes without asking for a second factor', function (this: AuthWorld) {
  expectCurrentUser(this.lastResponse);
});

Then('{actor} is recognised as herself/himself/themselves', function (this: AuthWorld, actor: Actor) {
  expectCurrentUser(this.lastResponse, actor.vrchat.account.id);
});

Then('{actor} receives a new session cookie', async function (this: AuthWorld, actor: Actor) {
  const cookie = this.lastResponse.setCookie('auth');
  assert.ok(cookie && cookie.value !== '', 'the response set no "auth" session cookie');
  // ASVS 7.2.4: a new session token on every authentication, not the device's earlier one handed back.
  assert.ok(!actor.vrchat.earlierSessionCookies.includes(cookie.value), 'the login handed back a session cookie this device held before');
  assert.equal(await actor.vrchat.sessionCookie(), cookie.value, 'the client did not keep the session cookie');
});

// The benchmark's workload (features/bench/) keeps its own checks of the cookie's attributes; the families' features
// check each attribute in a scenario of its own (features/vrchat/session-cookie.feature).
Then('{actor} receives a session cookie that scripts cannot read', async function (this: AuthWorld, actor: Actor) {
  const cookie = this.lastResponse.setCookie('auth');
  assert.ok(cookie && cookie.value !== '', 'the response set no "auth" session cookie');
  assert.ok(cookie.httpOnly, 'the session cookie is not HttpOnly: scripts on the page can read it');
  assert.equal(cookie.path, '/', 'the session cookie is not scoped to the whole API');
  assert.equal(await actor.vrchat.sessionCookie(), cookie.value, 'the client did not keep the session cookie');
});

Then('no new session is opened', function (this: AuthWorld) {
  const cookie = this.lastResponse.chain.flatMap((hop) => hop.setCookies).find((set) => set.name === 'auth' && set.value !== '');
  assert.equal(cookie, undefined, 'a session cookie was set');
});

Then('{actor} is told to log in first', function (this: AuthWorld, _actor: Actor) {
  expectVrchatError(this.lastResponse, 401, 'Missing Credentials');
});

Then('{actor} is told her/his/their username or password is wrong', function (this: AuthWorld, _actor: Actor) {
  expectVrchatError(this.lastResponse, 401, 'Invalid Username/Email or Password');
});

Then('{actor} is told to pass the second factor first', function (this: AuthWorld, _actor: Actor) {
  expectVrchatError(this.lastResponse, 401, 'Requires Two-Factor Authentication');
});

Then('{actor} is kept out until the new place is confirmed', function (this: AuthWorld, _actor: Actor) {
  expectVrchatError(this.lastResponse, 401, 'logging in from somewhere new');
});

Then('{actor} receives an email asking to confirm the new place', async function (this: AuthWorld, actor: Actor) {
  actor.vrchat.lastMailLink = await this.mailbox.link(this.mailMark(actor.vrchat.email));
});

When('{actor} opens the link in that email', async function (this: AuthWorld, actor: Actor) {
  const link = actor.vrchat.lastMailLink;
  assert.ok(link, `${actor.name} has not received a mail with a link yet`);
  this.remember(await actor.vrchat.driver.openMailLink(link));
});

/**
 * The confirmation and login-place links answer 302 ([spec]); where they send the browser is not documented
 * (assumptions VR-016, VR-017), so the outcome is read from the account in the steps that follow.
 */
Then('the link redirects to the website', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 302, `the link answered ${this.lastResponse.status}, not a redirect`);
  assert.ok(this.lastResponse.header('location'), 'the redirect names no page');
});

// Attacks on the login.

Given('someone has tried {int} wrong passwords for {actor}\'s account', async function (this: AuthWorld, attempts: number, actor: Actor) {
  const { username, password } = actor.vrchat.credentials;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const response = await vrchatDevice(this).getCurrentUser({ username, password: `${password}-guess-${attempt}` });
    assert.equal(response.status, 401, `a wrong password answered ${response.status}`);
  }
});

Then('{actor} is kept out for a while, even with the right password', function (this: AuthWorld, _actor: Actor) {
  const { status } = this.lastResponse;
  assert.ok(status === 401 || status === 429, `the login after the guesses answered ${status}, not a refusal`);
  const wait = Number(this.lastResponse.header('retry-after'));
  assert.ok(Number.isFinite(wait) && wait > 0, 'the refusal does not say how long to wait (Retry-After)');
  const body = this.lastResponse.json<{ id?: unknown; requiresTwoFactorAuth?: unknown }>();
  assert.equal(body.id, undefined, 'the login went through');
  assert.equal(body.requiresTwoFactorAuth, undefined, 'the password was accepted and a second factor asked for');
});

/** The lock's own word on its length (Retry-After, which the refusal must carry), waited out on the mocks' clock. */
When('as long as the server asked to wait has passed', async function (this: AuthWorld) {
  const wait = Number(this.lastResponse.header('retry-after'));
  assert.ok(Number.isFinite(wait) && wait > 0, 'the last answer does not say how long to wait (Retry-After)');
  await this.clock.advance(wait + 1);
});

When('{actor} logs in on her/his/their device with {actor}\'s password', async function (this: AuthWorld, actor: Actor, owner: Actor) {
  this.remember(await actor.vrchat.driver.getCurrentUser(owner.vrchat.credentials));
});

Given('the signature of {actor}\'s remembered-device cookie has been altered', async function (this: AuthWorld, actor: Actor) {
  const { jar, baseUrl } = actor.vrchat.client;
  const device = (await jar.get('twoFactorAuth', baseUrl))?.value;
  assert.ok(device, `${actor.name}'s device is not remembered`);
  // A character inside the last part (the signature of a JWT-like token), not its final one, whose low bits a
  // lenient base64 decoder may ignore.
  const at = device.lastIndexOf('.') + 6;
  assert.ok(at > 5 && at < device.length - 1, 'the device cookie has no signature part to alter');
  const altered = `${device.slice(0, at)}${device[at] === 'A' ? 'B' : 'A'}${device.slice(at + 1)}`;
  secrets.add(altered);
  await jar.put('twoFactorAuth', altered, baseUrl);
});

Then('{actor} gets a session cookie of the server\'s own choosing, not the planted one', async function (this: AuthWorld, actor: Actor) {
  const planted = actor.vrchat.plantedSessionCookie;
  assert.ok(planted, `no session cookie was planted on ${actor.name}'s device`);
  const issued = this.lastResponse.setCookie('auth');
  // No cookie at all would leave the planted one on the device, in use for whatever comes next.
  assert.ok(issued && issued.value !== '', 'the login set no session cookie of its own: the device keeps the planted one');
  assert.notEqual(issued.value, planted, 'the server adopted the session cookie the client made up');
  assert.equal(await actor.vrchat.sessionCookie(), issued.value, 'the device does not hold the cookie the server chose');
});

Then('the cookie planted on {actor}\'s device is refused by the server', async function (this: AuthWorld, victim: Actor) {
  const planted = victim.vrchat.plantedSessionCookie;
  assert.ok(planted, `no session cookie was planted on ${victim.name}'s device`);
  const response = this.remember(await (await vrchatDeviceReplaying(this, planted)).getCurrentUser());
  expectVrchatError(response, 401, 'Missing Credentials');
});

When('{actor} logs in with her/his/their password in another letter case', async function (this: AuthWorld, actor: Actor) {
  const { username, password } = actor.vrchat.credentials;
  const swapped = inAnotherLetterCase(password);
  if (swapped === password) return this.skip(this.scenarioName, `${actor.name}'s password has no letters whose case could change`);
  this.remember(await actor.vrchat.driver.getCurrentUser({ username, password: swapped }));
  return undefined;
});

/** Replaces the actor's remembered-device cookie with a forgery of it. */
async function forgeDeviceCookie(actor: Actor, forge: (token: string) => string): Promise<void> {
  const { jar, baseUrl } = actor.vrchat.client;
  const device = (await jar.get('twoFactorAuth', baseUrl))?.value;
  assert.ok(device, `${actor.name}'s device is not remembered`);
  const forged = forge(device);
  secrets.add(forged);
  await jar.put('twoFactorAuth', forged, baseUrl);
}

Given('{actor}\'s remembered-device cookie has been marked unsigned and its signature dropped', async function (this: AuthWorld, actor: Actor) {
  await forgeDeviceCookie(actor, unsigned);
});

Given('{actor}\'s remembered-device cookie has been signed again with a key it names itself', async function (this: AuthWorld, actor: Actor) {
  await forgeDeviceCookie(actor, signedWithOwnKey);
});
