import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../../support/world/actor';
import { wrongCode } from '../../support/core/totp';
import {
  cancelEnrolment, confirmEnrolment, enrolmentCode, expectSecondFactorAsBefore, putSecondFactorBack, startEnrolment, turnOffSecondFactor,
} from '../../support/vrchat/enrolment';
import { expectVrchatError } from '../../support/vrchat/expectations';
import type { PendingEnrolment, RecoveryCodes } from '../../support/vrchat/types';
import type { AuthWorld } from '../../support/world/world';

When('{actor} starts adding an authenticator app', async function (this: AuthWorld, actor: Actor) {
  this.remember(await startEnrolment(this, actor.vrchat));
});

Given('{actor} has started adding an authenticator app', async function (this: AuthWorld, actor: Actor) {
  const response = await startEnrolment(this, actor.vrchat);
  assert.equal(response.status, 200, `starting the enrolment answered ${response.status}`);
});

Given('{actor} has added an authenticator app', async function (this: AuthWorld, actor: Actor) {
  const started = await startEnrolment(this, actor.vrchat);
  assert.equal(started.status, 200, `starting the enrolment answered ${started.status}`);
  const confirmed = await confirmEnrolment(this, actor.vrchat);
  assert.equal(confirmed.status, 200, `confirming the app answered ${confirmed.status}`);
});

Then('the server offers a secret for the app and its QR code', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `starting the enrolment answered ${this.lastResponse.status}`);
  const { secret, qrCodeDataUrl } = this.lastResponse.json<PendingEnrolment>();
  assert.match(secret, /^[A-Z2-7]{16,}=*$/, 'the secret is not a base32 TOTP secret');
  assert.match(qrCodeDataUrl, /^data:image\/(png|svg\+xml|gif);base64,/, 'the QR code is not an image data URL');
});

When('{actor} confirms the app with a code it shows', async function (this: AuthWorld, actor: Actor) {
  this.remember(await confirmEnrolment(this, actor.vrchat));
});

When('{actor} confirms the app with a wrong code', async function (this: AuthWorld, actor: Actor) {
  this.remember(await confirmEnrolment(this, actor.vrchat, wrongCode(await enrolmentCode(this, actor.vrchat))));
});

Then('the authenticator app is switched on', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `confirming the app answered ${this.lastResponse.status}`);
  const body = this.lastResponse.json<{ verified: boolean; enabled?: boolean }>();
  assert.equal(body.verified, true, 'the code was not verified');
  assert.notEqual(body.enabled, false, 'the app is verified but not enabled');
});

Then('{actor} has recovery codes that are all unused', async function (this: AuthWorld, actor: Actor) {
  const response = await actor.vrchat.driver.getRecoveryCodes();
  assert.equal(response.status, 200, `listing recovery codes answered ${response.status}`);
  const { otp } = response.json<RecoveryCodes>();
  assert.ok(otp.length > 0, 'the account has no recovery codes');
  assert.ok(otp.every((entry) => !entry.used), 'a fresh recovery code is marked as used');
});

/** Every operation that manages the second factor but turning it off (see the feature), in a row. */
When('{actor} tries to list her/his/their recovery codes, to start, confirm and cancel adding an authenticator app', async function (this: AuthWorld, actor: Actor) {
  const { driver } = actor.vrchat;
  actor.vrchat.answers = [
    { what: 'listing the recovery codes', response: await driver.getRecoveryCodes() },
    { what: 'starting an enrolment', response: await driver.enable2FA() },
    { what: 'confirming an enrolment', response: await driver.verifyPending2FA(wrongCode()) },
    { what: 'cancelling an enrolment', response: await driver.cancelPending2FA() },
  ];
});

Then('{actor} is told to pass the second factor first, each time', function (this: AuthWorld, actor: Actor) {
  assert.equal(actor.vrchat.answers.length, 4, 'the operations were not all tried');
  for (const { what, response } of actor.vrchat.answers) {
    assert.equal(response.status, 401, `${what} answered ${response.status} to a login that has not passed the second factor`);
    expectVrchatError(response, 401, 'Requires Two-Factor Authentication');
  }
});

When('{actor} cancels adding the authenticator app', async function (this: AuthWorld, actor: Actor) {
  this.remember(await cancelEnrolment(actor.vrchat));
});

Then('the pending enrolment is removed', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `cancelling answered ${this.lastResponse.status}`);
  assert.equal(this.lastResponse.json<{ removed: boolean }>().removed, true, 'nothing was removed');
});

When('{actor} turns off two-factor authentication', async function (this: AuthWorld, actor: Actor) {
  this.remember(await turnOffSecondFactor(actor.vrchat));
});

Then('two-factor authentication is reported as removed', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `turning 2FA off answered ${this.lastResponse.status}`);
  assert.equal(this.lastResponse.json<{ removed: boolean }>().removed, true, 'two-factor authentication was not removed');
});

Then('{actor}\'s account is back as it was', async function (this: AuthWorld, actor: Actor) {
  assert.ok(await putSecondFactorBack(this, actor.vrchat), `${actor.name}'s second factor could not be put back`);
  await expectSecondFactorAsBefore(actor.vrchat);
  this.log(`${actor.vrchat.account.username}'s profile says its authenticator app is ${actor.vrchat.account.totpSecret ? 'on' : 'off'}, as before the scenario.`);
});
