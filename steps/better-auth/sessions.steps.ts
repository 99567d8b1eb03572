import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import { isSessionCookie } from '../../support/better-auth/expectations';
import { assertSignedIn, assertSignedOut, sessionOf } from '../../support/better-auth/tasks';
import type { Actor } from '../../support/world/actor';
import type { AuthWorld } from '../../support/world/world';

// Signing out.

When('{actor} signs out of the app', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.betterAuth.driver.signOut());
});

Then('the app confirms that {actor} is signed out', function (this: AuthWorld, _actor: Actor) {
  assert.equal(this.lastResponse.status, 200, `signing out answered ${this.lastResponse.status}`);
  assert.equal(this.lastResponse.json<{ success?: boolean }>().success, true, 'signing out did not report success');
});

Then('the browser is told to forget {actor}\'s session cookie', function (this: AuthWorld, actor: Actor) {
  const cleared = this.lastResponse.setCookies.find((cookie) => isSessionCookie(cookie.name));
  assert.ok(cleared, `signing out did not touch ${actor.name}'s session cookie`);
  assert.ok(cleared.value === '' || (cleared.maxAge !== undefined && cleared.maxAge <= 0), `the session cookie was set again instead of cleared (Max-Age ${cleared.maxAge})`);
});

// Seeing and ending sessions.

When(/^([A-Z][a-zß-ÿ]+) lists (?:her|his|their) sessions on (?:her|his|their) (\w+)$/, async function (this: AuthWorld, actor: Actor, device: string) {
  this.remember(await actor.betterAuth.use(device).driver.listSessions());
});

/** Both devices' sessions, by the token each device holds; and every session listed is the actor's own. */
Then(/^the list shows the sessions of ([A-Z][a-zß-ÿ]+)'s (\w+) and (\w+), and nobody else's$/, async function (this: AuthWorld, actor: Actor, first: string, second: string) {
  const list = this.lastResponse;
  assert.equal(list.status, 200, `listing the sessions answered ${list.status}`);
  const sessions = list.json<{ token: string; userId: string }[]>();
  for (const device of [first, second]) {
    const token = (await sessionOf(this, actor.betterAuth.on(device)))?.token;
    assert.ok(token && sessions.some((session) => session.token === token), `the list does not show the ${device}'s session`);
  }
  const owner = sessions.find((session) => session.token === sessions[0]?.token)?.userId;
  assert.ok(sessions.every((session) => session.userId === owner), 'the list shows another user\'s session');
});

/** The token of the session a device holds (what the list and the revoking operations name it by). */
async function tokenOf(world: AuthWorld, actor: Actor, device: string): Promise<string> {
  const session = await sessionOf(world, actor.betterAuth.on(device));
  assert.ok(session, `${actor.name}'s ${device} holds no session`);
  return session.token;
}

When(/^([A-Z][a-zß-ÿ]+) ends (?:her|his|their) (\w+)'s session from (?:her|his|their) (\w+)$/, async function (this: AuthWorld, actor: Actor, other: string, device: string) {
  const token = await tokenOf(this, actor, other);
  this.remember(await actor.betterAuth.use(device).driver.revokeSession(token));
  assert.equal(this.lastResponse.status, 200, `ending the ${other}'s session answered ${this.lastResponse.status}`);
});

When(/^([A-Z][a-zß-ÿ]+) ends (?:her|his|their) other sessions from (?:her|his|their) (\w+)$/, async function (this: AuthWorld, actor: Actor, device: string) {
  this.remember(await actor.betterAuth.use(device).driver.revokeOtherSessions());
  assert.equal(this.lastResponse.status, 200, `ending the other sessions answered ${this.lastResponse.status}`);
});

When(/^([A-Z][a-zß-ÿ]+) ends all (?:her|his|their) sessions from (?:her|his|their) (\w+)$/, async function (this: AuthWorld, actor: Actor, device: string) {
  this.remember(await actor.betterAuth.use(device).driver.revokeSessions());
  assert.equal(this.lastResponse.status, 200, `ending all sessions answered ${this.lastResponse.status}`);
});

When(/^([A-Z][a-zß-ÿ]+) tries to end ([A-Z][a-zß-ÿ]+)'s (\w+) session$/, async function (this: AuthWorld, attacker: Actor, victim: Actor, device: string) {
  this.remember(await attacker.betterAuth.driver.revokeSession(await tokenOf(this, victim, device)));
});

Then(/^([A-Z][a-zß-ÿ]+)'s (\w+) is signed out of the app$/, async function (this: AuthWorld, actor: Actor, device: string) {
  await assertSignedOut(this, actor.betterAuth, actor.betterAuth.on(device));
});

Then(/^([A-Z][a-zß-ÿ]+) is still signed in to the app on (?:her|his|their) (\w+)$/, async function (this: AuthWorld, actor: Actor, device: string) {
  await assertSignedIn(this, actor.betterAuth, actor.betterAuth.on(device));
});

/**
 * ASVS 5.0.0 7.3.2: a session has an absolute maximum lifetime (4.0.3's 3.3.2 put it at 30 days for L1), whatever the
 * user does; its cookie may not outlive that either.
 */
Then(/^([A-Z][a-zß-ÿ]+)'s session on (?:her|his|their) (\w+) ends within (\d+) days$/, async function (this: AuthWorld, actor: Actor, device: string, days: string) {
  const on = actor.betterAuth.on(device);
  const session = await sessionOf(this, on);
  assert.ok(session, `${actor.name}'s ${device} holds no session`);
  const limit = Date.now() + Number(days) * 86_400_000;
  assert.ok(Date.parse(session.expiresAt) <= limit, `the session ends ${session.expiresAt}, more than ${days} days from now`);
  const cookies = await on.client.jar.headerFor(on.client.baseUrl);
  const name = cookies.split('; ').map((pair) => pair.split('=')[0] ?? '').find(isSessionCookie);
  assert.ok(name, `${actor.name}'s ${device} holds no session cookie`);
  const cookie = await on.client.jar.get(name, on.client.baseUrl);
  const ends = cookie?.maxAge !== undefined ? Date.now() + cookie.maxAge * 1000 : cookie?.expires?.getTime();
  assert.ok(ends === undefined || ends <= limit + 60_000, `the session cookie is kept until ${new Date(ends ?? 0).toISOString()}, more than ${days} days from now`);
  this.log(`The session ends ${session.expiresAt}; its cookie ${ends === undefined ? 'when the browser closes' : `on ${new Date(ends).toISOString()}`}.`);
});

When(/^([A-Z][a-zß-ÿ]+) updates (?:her|his|their) session on (?:her|his|their) (\w+) without changing anything$/, async function (this: AuthWorld, actor: Actor, device: string) {
  this.remember(await actor.betterAuth.use(device).driver.updateSession());
});
