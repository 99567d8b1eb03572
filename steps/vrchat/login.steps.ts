import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../../support/actor';
import { expectChallenge, expectCurrentUser, expectVrchatError } from '../../support/vrchat/expectations';
import { completeLogin, loggedIn, logIn, loginUntilChallenged } from '../../support/vrchat/tasks';
import type { AuthWorld } from '../../support/world';

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
  // The session is gone (expired, or the browser closed); the device cookie stays.
  await actor.vrchat.client.jar.remove('auth', actor.vrchat.client.baseUrl);
});

Then('{actor} is asked for a code from an authenticator app or a recovery code', function (this: AuthWorld, _actor: Actor) {
  expectChallenge(this.lastResponse, ['totp', 'otp']);
});

Then('{actor} is asked for a code sent by email', function (this: AuthWorld, _actor: Actor) {
  expectChallenge(this.lastResponse, ['emailOtp']);
});

Then('the login completes without asking for a second factor', function (this: AuthWorld) {
  expectCurrentUser(this.lastResponse);
});

Then('{actor} is recognised as herself/himself/themselves', function (this: AuthWorld, actor: Actor) {
  expectCurrentUser(this.lastResponse, actor.vrchat.account.id);
});

Then('{actor} receives a session cookie that scripts cannot read', async function (this: AuthWorld, actor: Actor) {
  const cookie = this.lastResponse.setCookie('auth');
  assert.ok(cookie && cookie.value !== '', 'the response set no "auth" session cookie');
  assert.ok(cookie.httpOnly, 'the session cookie is not HttpOnly: scripts on the page can read it');
  assert.equal(cookie.path, '/', 'the session cookie is not scoped to the whole API');
  assert.equal(await actor.vrchat.sessionCookie(), cookie.value, 'the client did not keep the session cookie');
});

Then('no session cookie is set', function (this: AuthWorld) {
  const cookie = this.lastResponse.chain.flatMap((hop) => hop.setCookies).find((set) => set.name === 'auth' && set.value !== '');
  assert.equal(cookie, undefined, 'a session cookie was set');
});

Then('the request is refused for missing credentials', function (this: AuthWorld) {
  expectVrchatError(this.lastResponse, 401, 'Missing Credentials');
});

Then('the login is refused for invalid credentials', function (this: AuthWorld) {
  expectVrchatError(this.lastResponse, 401, 'Invalid Username/Email or Password');
});

Then('the request is refused because the second factor is still required', function (this: AuthWorld) {
  expectVrchatError(this.lastResponse, 401, 'Requires Two-Factor Authentication');
});

Then('the login is refused until the new place is confirmed', function (this: AuthWorld) {
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

Then('the link redirects to the page saying the place is confirmed', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 302);
  assert.match(this.lastResponse.header('location') ?? '', /loginPlaceVerified/i);
});
