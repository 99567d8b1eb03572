import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../../support/world/actor';
import { expectEnhanceError, expectSessionCookieCleared, expectSessionCookieSet } from '../../support/enhance/expectations';
import { earlierAuthenticatorCode, guessSecondFactorAcrossSignIns, mailedPin, secondFactorOf, signIn as signInWithPin, signInOnDevice, signInOnTwoDevices, useDeviceOfTwo } from '../../support/enhance/tasks';
import { REPLAY_MARGIN_SECONDS, wrongCode } from '../../support/core/totp';
import type { AuthWorld } from '../../support/world/world';

const REMEMBER_SECONDS = 3600;

When('{actor} enters the PIN from the email', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.enhance.driver.verify2FA({ authMethod: 'email', pin: await mailedPin(this, actor.enhance) }));
});

When('{actor} enters a code from her/his/their authenticator app', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.enhance.driver.verify2FA({ authMethod: 'otp', pin: await secondFactorOf(this, actor.enhance) }));
});

When('{actor} enters a wrong PIN', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.enhance.driver.verify2FA({ authMethod: 'email', pin: wrongCode(await mailedPin(this, actor.enhance)) }));
});

Given('{actor} has asked for a new PIN', async function (this: AuthWorld, actor: Actor) {
  actor.enhance.previousPin = await mailedPin(this, actor.enhance);
  const response = await this.expectingMail(actor.enhance.account.email, () => actor.enhance.driver.resendPin('email'));
  assert.equal(response.status, 200, `resending the PIN answered ${response.status}`);
  assert.notEqual(await mailedPin(this, actor.enhance), actor.enhance.previousPin, 'the new PIN is the old one');
});

When('{actor} enters the PIN from the first email', async function (this: AuthWorld, actor: Actor) {
  assert.ok(actor.enhance.previousPin, `${actor.name} has no earlier PIN`);
  this.remember(await actor.enhance.driver.verify2FA({ authMethod: 'email', pin: actor.enhance.previousPin }));
});

Given('{actor} has passed the second factor with a code from her/his/their authenticator app', async function (this: AuthWorld, actor: Actor) {
  assert.equal((await actor.enhance.signIn()).status, 201, 'the sign-in did not ask for the authenticator');
  const response = await actor.enhance.driver.verify2FA({ authMethod: 'otp', pin: await secondFactorOf(this, actor.enhance) });
  assert.equal(response.status, 200, `the authenticator code was refused (${response.status})`);
});

When('{actor} enters the same code again', async function (this: AuthWorld, actor: Actor) {
  assert.ok(actor.enhance.lastAuthenticatorCode, `${actor.name} has not used a code yet`);
  this.remember(await actor.enhance.driver.verify2FA({ authMethod: 'otp', pin: actor.enhance.lastAuthenticatorCode }));
});

Given('{actor} has entered the PIN and asked the panel to remember this device', async function (this: AuthWorld, actor: Actor) {
  const { enhance } = actor;
  const pin = await secondFactorOf(this, enhance);
  const response = await enhance.driver.verify2FA({
    authMethod: enhance.account.authMethod,
    pin,
    rememberMe: { deviceId: enhance.device.deviceId, ttl: REMEMBER_SECONDS },
  });
  assert.equal(response.status, 200, `the PIN was refused (${response.status})`);
});

When('{actor} enters the PIN and asks the panel to remember a device named with {int} characters', async function (this: AuthWorld, actor: Actor, length: number) {
  const pin = await mailedPin(this, actor.enhance);
  this.remember(await actor.enhance.driver.verify2FA({ authMethod: 'email', pin, rememberMe: { deviceId: 'd'.repeat(length), ttl: REMEMBER_SECONDS } }));
});

Then('{actor} is signed in to the panel with a new session cookie', function (this: AuthWorld, actor: Actor) {
  assert.equal(this.lastResponse.status, 200, `the PIN answered ${this.lastResponse.status}`);
  const renewed = expectSessionCookieSet(this.lastResponse);
  // A new value after the second factor: a cookie seen before it (fixation) must not become a full session.
  assert.notEqual(renewed, actor.enhance.keptSessionCookie, 'the session cookie was not renewed');
});

Then('{actor} has to start again with her/his/their password', function (this: AuthWorld, _actor: Actor) {
  expectEnhanceError(this.lastResponse, 401);
  expectSessionCookieCleared(this.lastResponse);
});

Then('{actor}\'s unfinished sign-in cannot be completed any more, even with the right PIN', async function (this: AuthWorld, actor: Actor) {
  // Even the right PIN, sent with the old cookie from a clean client, must be refused.
  const replay = await actor.enhance.replayingKeptSession();
  expectEnhanceError(await replay.verify2FA({ authMethod: 'email', pin: await mailedPin(this, actor.enhance) }), 401);
});

Given('{actor} has entered the PIN from the email', async function (this: AuthWorld, actor: Actor) {
  const pin = await mailedPin(this, actor.enhance);
  const response = await actor.enhance.driver.verify2FA({ authMethod: 'email', pin });
  assert.equal(response.status, 200, `the PIN was refused (${response.status})`);
  actor.enhance.previousPin = pin;
});

When('{actor} enters the PIN she/he/they used before', async function (this: AuthWorld, actor: Actor) {
  assert.ok(actor.enhance.previousPin, `${actor.name} has not used a PIN yet`);
  this.remember(await actor.enhance.driver.verify2FA({ authMethod: 'email', pin: actor.enhance.previousPin }));
});

When('{actor} enters the PIN sent to {actor}', async function (this: AuthWorld, actor: Actor, other: Actor) {
  const [own, othersPin] = [await mailedPin(this, actor.enhance), await mailedPin(this, other.enhance)];
  assert.notEqual(othersPin, own, `${other.name}'s PIN happens to be ${actor.name}'s too: nothing to tell apart`);
  this.remember(await actor.enhance.driver.verify2FA({ authMethod: 'email', pin: othersPin }));
});

When('{actor} enters the code her/his/their authenticator app showed two minutes ago', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.enhance.driver.verify2FA({ authMethod: 'otp', pin: await earlierAuthenticatorCode(this, actor.enhance, 120) }));
});

When('{actor} signs in to the panel with the right password on {actor}\'s remembered device', async function (this: AuthWorld, actor: Actor, owner: Actor) {
  this.remember(await signInOnDevice(this, actor.enhance, owner.enhance.device));
});

// Two waiting sign-ins of one login (support/enhance/tasks.ts, signInOnTwoDevices).

Given('{actor} has signed in to the panel on two devices but not yet passed the second factor', async function (this: AuthWorld, actor: Actor) {
  await signInOnTwoDevices(this, actor.enhance);
});

Given('{actor} has entered a code from her/his/their authenticator app on the second device', async function (this: AuthWorld, actor: Actor) {
  useDeviceOfTwo(actor.enhance, 2);
  // The code is sent again on the other device right after: its window must last through both requests.
  const pin = await secondFactorOf(this, actor.enhance, { marginSeconds: REPLAY_MARGIN_SECONDS });
  const response = await actor.enhance.driver.verify2FA({ authMethod: 'otp', pin });
  assert.equal(response.status, 200, `the authenticator code was refused (${response.status})`);
});

When('{actor} enters the same code on the first device', async function (this: AuthWorld, actor: Actor) {
  useDeviceOfTwo(actor.enhance, 1);
  assert.ok(actor.enhance.lastAuthenticatorCode, `${actor.name} has not used a code yet`);
  this.remember(await actor.enhance.driver.verify2FA({ authMethod: 'otp', pin: actor.enhance.lastAuthenticatorCode }));
});

/** The PIN mailed for device 1 or 2 of signInOnTwoDevices. */
function pinFor(actor: Actor, index: 1 | 2): string {
  const pin = actor.enhance.twoDevices[index - 1]?.pin;
  assert.ok(pin, `no PIN was mailed for ${actor.name}'s sign-in on device ${index}`);
  return pin;
}

Given('{actor} has entered on the second device the PIN sent for it', async function (this: AuthWorld, actor: Actor) {
  useDeviceOfTwo(actor.enhance, 2);
  const response = await actor.enhance.driver.verify2FA({ authMethod: 'email', pin: pinFor(actor, 2) });
  assert.equal(response.status, 200, `the PIN was refused (${response.status})`);
});

When('{actor} enters that PIN on the first device', async function (this: AuthWorld, actor: Actor) {
  useDeviceOfTwo(actor.enhance, 1);
  this.remember(await actor.enhance.driver.verify2FA({ authMethod: 'email', pin: pinFor(actor, 2) }));
});

When('{actor} enters on the first device the PIN sent for the second', async function (this: AuthWorld, actor: Actor) {
  useDeviceOfTwo(actor.enhance, 1);
  this.remember(await actor.enhance.driver.verify2FA({ authMethod: 'email', pin: pinFor(actor, 2) }));
});

When('{actor} enters on the second device the PIN sent for it', async function (this: AuthWorld, actor: Actor) {
  useDeviceOfTwo(actor.enhance, 2);
  this.remember(await actor.enhance.driver.verify2FA({ authMethod: 'email', pin: pinFor(actor, 2) }));
});

When('{actor}\'s PIN is entered twice at the same moment with her/his/their waiting session', async function (this: AuthWorld, actor: Actor) {
  const pin = await mailedPin(this, actor.enhance);
  // Two clean clients holding the same waiting session: only the server decides which one gets it.
  const [first, second] = [await actor.enhance.replayingKeptSession(), await actor.enhance.replayingKeptSession()];
  const answers = await first.client.together([() => first.verify2FA({ authMethod: 'email', pin }), () => second.verify2FA({ authMethod: 'email', pin })]);
  actor.enhance.answers = answers.map((response, index) => ({ what: `request ${index + 1}`, response }));
});

Then('only one of the two opens a session for {actor}', function (this: AuthWorld, actor: Actor) {
  const opened = actor.enhance.answers.filter(({ response }) => response.status === 200);
  assert.equal(opened.length, 1, `one PIN opened ${opened.length} sessions (${actor.enhance.answers.map(({ what, response }) => `${what}: ${response.status}`).join(', ')})`);
});

Then('the session cookie {actor} had before her/his/their PIN does not open the panel', async function (this: AuthWorld, actor: Actor) {
  // From a clean client holding only the cookie of the waiting session: it must not have become a full session.
  const replay = await actor.enhance.replayingKeptSession();
  expectEnhanceError(await replay.getLogin(), 401);
});

When('someone who knows {actor}\'s password guesses her/his/their PIN wrongly in {int} sign-ins in a row', async function (this: AuthWorld, actor: Actor, times: number) {
  // A lock is what the scenario hopes for: only the scenario's own login may get it.
  if (actor.enhance.borrowed) {
    return this.skip(this.scenarioName, `would lock the login the environment lends with ${times} wrong PINs: needs admin credentials to create a login of its own`);
  }
  const answers = await guessSecondFactorAcrossSignIns(this, actor.enhance, times);
  const accepted = answers.filter((answer) => answer.status === 200).length;
  assert.equal(accepted, 0, `${accepted} wrong PIN(s) were accepted`);
  this.log(`${answers.length} wrong PINs in ${answers.length} sign-ins answered ${[...new Set(answers.map((answer) => answer.status))].join(', ')}${answers.length < times ? '; then a sign-in was refused' : ''}.`);
  return undefined;
});

Then('{actor} cannot complete a sign-in for now, even with the right password and PIN', async function (this: AuthWorld, actor: Actor) {
  // Locked either way will do: the sign-in refused, or the sign-in waiting for a PIN that is then refused.
  actor.enhance.switchDevice();
  const signIn = this.remember(await signInWithPin(this, actor.enhance));
  if (signIn.status !== 201) {
    assert.notEqual(signIn.status, 200, 'the right password signed in without a PIN');
    expectEnhanceError(signIn, [401, 403]);
    return;
  }
  const verified = this.remember(await actor.enhance.driver.verify2FA({ authMethod: actor.enhance.account.authMethod, pin: await secondFactorOf(this, actor.enhance) }));
  assert.notEqual(verified.status, 200, 'the right password and PIN still sign in after the guesses: guessing the PIN is never stopped');
});
