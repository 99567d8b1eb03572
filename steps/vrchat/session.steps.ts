import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../../support/world/actor';
import { isClearing } from '../../support/http/cookies';
import { vrchatDeviceReplaying } from '../../support/vrchat/device';
import { expectVrchatError } from '../../support/vrchat/expectations';
import { crossSiteHeaders, otherSiteOrigin } from '../../support/core/other-site';
import type { AuthWorld } from '../../support/world/world';

// Logout.

When('{actor} logs out', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.vrchat.driver.logout());
});

When('a page on another website sends {actor}\'s browser to the logout address', async function (this: AuthWorld, actor: Actor) {
  // A link, a redirect or an image: a GET the browser sends with its cookies (SameSite Lax lets them ride along on
  // a link followed from another site), with none of the headers a script could add.
  this.otherSite = otherSiteOrigin();
  this.remember(await actor.vrchat.driver.logout({ headers: crossSiteHeaders(this.otherSite, 'navigate') }));
});

Given('{actor} has logged out', async function (this: AuthWorld, actor: Actor) {
  const response = await actor.vrchat.driver.logout();
  assert.equal(response.status, 200, `logout answered ${response.status}`);
});

Then('the logout is confirmed', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `logout answered ${this.lastResponse.status}`);
  const body = this.lastResponse.json<{ success?: { status_code: number } }>();
  assert.equal(body.success?.status_code, 200, 'the logout is not confirmed with a success envelope');
});

Then('the client is told to forget the session cookie', async function (this: AuthWorld) {
  const cleared = this.lastResponse.setCookie('auth');
  assert.ok(cleared && isClearing(cleared), 'the logout did not tell the client to drop the session cookie');
});

Then('the client is told to forget the {string}, {string} and {string} cookies', function (this: AuthWorld, first: string, second: string, third: string) {
  for (const name of [first, second, third]) {
    const cookie = this.lastResponse.setCookie(name);
    assert.ok(cookie, `the response does not mention the "${name}" cookie`);
    assert.ok(isClearing(cookie), `the "${name}" cookie is set again instead of cleared`);
  }
});

Then('{actor}\'s device is still remembered', async function (this: AuthWorld, actor: Actor) {
  assert.equal(this.lastResponse.setCookie('twoFactorAuth'), undefined, 'the response touched the device cookie');
  const device = await actor.vrchat.client.jar.get('twoFactorAuth', actor.vrchat.client.baseUrl);
  assert.ok(device?.value, 'the device cookie is gone');
});

/** Replays a session cookie from a clean client, without any credentials: only the server can refuse it. */
async function replaySessionCookie(world: AuthWorld, value: string | undefined) {
  assert.ok(value, 'no session cookie was kept to replay');
  return world.remember(await (await vrchatDeviceReplaying(world, value)).getCurrentUser());
}

Given('{actor} has copied {actor}\'s session cookie', async function (this: AuthWorld, thief: Actor, owner: Actor) {
  thief.copiedSessionCookie = await owner.vrchat.sessionCookie();
  assert.ok(thief.copiedSessionCookie, `${owner.name} has no session cookie to copy`);
});

Then('{actor} is kept out with the copied session cookie', async function (this: AuthWorld, thief: Actor) {
  expectVrchatError(await replaySessionCookie(this, thief.copiedSessionCookie), 401, 'Missing Credentials');
});

// The auth token.

When('{actor} checks her/his/their auth token', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.vrchat.driver.verifyAuthToken());
});

When('{actor} checks her/his/their auth token without having logged in', async function (this: AuthWorld, actor: Actor) {
  actor.vrchat.switchDevice();
  this.remember(await actor.vrchat.driver.verifyAuthToken());
});

Then('the token is reported as valid', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `the token check answered ${this.lastResponse.status}`);
  const body = this.lastResponse.json<{ ok: boolean; token: string }>();
  assert.equal(body.ok, true, 'the token is not reported as ok');
  assert.ok(typeof body.token === 'string' && body.token.length > 0, 'no token is reported');
});

Then('the reported token is {actor}\'s session cookie', async function (this: AuthWorld, actor: Actor) {
  assert.equal(this.lastResponse.json<{ token: string }>().token, await actor.vrchat.sessionCookie(), 'the token differs from the session cookie');
});

Given('{actor} has stored the reported auth token', async function (this: AuthWorld, actor: Actor) {
  const response = await actor.vrchat.driver.verifyAuthToken();
  assert.equal(response.status, 200, `the token check answered ${response.status}`);
  actor.vrchat.storedToken = response.json<{ token: string }>().token;
});

When('{actor} resumes her/his/their session on another device with the stored token', async function (this: AuthWorld, actor: Actor) {
  await replaySessionCookie(this, actor.vrchat.storedToken);
});
