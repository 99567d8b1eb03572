import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../../support/world/actor';
import { replayingSession } from '../../support/enhance/ability';
import { EnhanceDriver } from '../../support/enhance/driver';
import { signedWithOwnKey, unsigned, withChangedContents } from '../../support/core/forged-token';
import { expectEnhanceError, expectSessionCookieCleared } from '../../support/enhance/expectations';
import { hostingCompany, newestSessionId } from '../../support/enhance/tasks';
import type { AuthWorld } from '../../support/world/world';

When('{actor} lists her/his/their panel sessions', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.enhance.driver.getSessions());
});

Then('both of {actor}\'s sessions are listed', function (this: AuthWorld, actor: Actor) {
  assert.equal(this.lastResponse.status, 200, `listing sessions answered ${this.lastResponse.status}`);
  const listed = this.lastResponse.json<{ items: { id: string; createdAt: string }[] }>().items;
  for (const device of actor.enhance.devices.filter((candidate) => candidate.sessionId)) {
    const session = listed.find((item) => item.id === device.sessionId);
    assert.ok(session, 'a signed-in device\'s session is missing');
    assert.ok(!Number.isNaN(Date.parse(session.createdAt)), 'the session has no creation time');
  }
});

Then('{actor}\'s session is listed', function (this: AuthWorld, _actor: Actor) {
  assert.equal(this.lastResponse.status, 200, `listing sessions answered ${this.lastResponse.status}`);
  const listed = this.lastResponse.json<{ items: { id: string }[] }>().items;
  assert.equal(typeof listed[0]?.id, 'string', 'no session is listed');
});

async function endSessions(world: AuthWorld, actor: Actor, which: 'current' | 'all') {
  actor.enhance.keptSessionCookie = await actor.enhance.sessionCookie();
  const { driver } = actor.enhance;
  return world.remember(await (which === 'current' ? driver.deleteCurrentSession() : driver.deleteSessions()));
}

When('{actor} signs out of the panel', async function (this: AuthWorld, actor: Actor) {
  await endSessions(this, actor, 'current');
});

Given('{actor} has signed out of the panel', async function (this: AuthWorld, actor: Actor) {
  assert.equal((await endSessions(this, actor, 'current')).status, 200);
});

When('{actor} ends all her/his/their panel sessions', async function (this: AuthWorld, actor: Actor) {
  await endSessions(this, actor, 'all');
});

When('{actor} ends the session of her/his/their other device', async function (this: AuthWorld, actor: Actor) {
  const other = actor.enhance.devices.at(-2)?.sessionId;
  assert.ok(other, `${actor.name} has no other device with a session`);
  this.remember(await actor.enhance.driver.deleteSession(other));
});

Then('the panel confirms that {actor} is signed out', function (this: AuthWorld, _actor: Actor) {
  assert.equal(this.lastResponse.status, 200, `signing out answered ${this.lastResponse.status}`);
  expectSessionCookieCleared(this.lastResponse);
});

Then('{actor}\'s other device is signed out', async function (this: AuthWorld, actor: Actor) {
  const other = actor.enhance.devices.at(-2);
  assert.ok(other, `${actor.name} has no other device`);
  const response = await new EnhanceDriver(other.client).getLogin();
  assert.equal(response.status, 401, `the other device is still signed in (${response.status})`);
});

When('the hosting company lists panel sessions with its access token', async function (this: AuthWorld) {
  this.remember(await (await hostingCompany(this)).getSessions());
});

When('someone lists panel sessions without signing in', async function (this: AuthWorld) {
  this.remember(await new EnhanceDriver(this.clientFor('Enhance')).getSessions());
});

/** Sends the actor's session token, forged by `forge`, from a clean client; the untouched token must work there first. */
async function useForgedToken(world: AuthWorld, actor: Actor, forge: (token: string, nowSeconds: number) => string) {
  const token = await actor.enhance.sessionCookie();
  assert.ok(token, `${actor.name} holds no session token`);
  const untouched = await (await replayingSession(world.clientFor('Enhance'), token)).getLogin();
  assert.equal(untouched.status, 200, `the untouched token does not work from another client (${untouched.status}): nothing to compare with`);
  const forged = forge(token, Math.floor((await world.clock.nowMs()) / 1000));
  world.remember(await (await replayingSession(world.clientFor('Enhance'), forged)).getLogin());
}

When('someone changes the contents of {actor}\'s session token, keeps its signature and uses it', async function (this: AuthWorld, actor: Actor) {
  await useForgedToken(this, actor, withChangedContents);
});

When('someone marks {actor}\'s session token as unsigned, drops its signature and uses it', async function (this: AuthWorld, actor: Actor) {
  await useForgedToken(this, actor, (token) => unsigned(token));
});

When('someone signs {actor}\'s session token with a key of their own, names that key in the token and uses it', async function (this: AuthWorld, actor: Actor) {
  await useForgedToken(this, actor, (token) => signedWithOwnKey(token));
});

When('{actor} ends {actor}\'s session, knowing its id', async function (this: AuthWorld, actor: Actor, owner: Actor) {
  // A session id is no secret (it is listed, logged, shown in a support chat): only ownership may decide.
  this.remember(await actor.enhance.driver.deleteSession(await newestSessionId(owner.enhance)));
});

Then('the panel refuses to end a session that is not {actor}\'s', function (this: AuthWorld, _actor: Actor) {
  // Refused as unauthorised (documented), or as not found: the session is none of the caller's (assumption EN-017).
  expectEnhanceError(this.lastResponse, [401, 404]);
});
