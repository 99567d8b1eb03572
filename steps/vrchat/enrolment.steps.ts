import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../../support/actor';
import { secrets } from '../../support/redaction/secrets';
import { authenticatorCode, wrongCode } from '../../support/totp';
import type { PendingEnrolment, RecoveryCodes } from '../../support/vrchat/types';
import type { AuthWorld } from '../../support/world';

async function startEnrolment(world: AuthWorld, actor: Actor) {
  const response = world.remember(await actor.vrchat.driver.enable2FA());
  if (response.status === 200) {
    actor.vrchat.enrolmentSecret = response.json<PendingEnrolment>().secret;
    secrets.add(actor.vrchat.enrolmentSecret);
  }
  return response;
}

When('{actor} starts adding an authenticator app', async function (this: AuthWorld, actor: Actor) {
  await startEnrolment(this, actor);
});

Given('{actor} has started adding an authenticator app', async function (this: AuthWorld, actor: Actor) {
  const response = await startEnrolment(this, actor);
  assert.equal(response.status, 200, `starting the enrolment answered ${response.status}`);
});

Then('the server offers a secret for the app and its QR code', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `starting the enrolment answered ${this.lastResponse.status}`);
  const { secret, qrCodeDataUrl } = this.lastResponse.json<PendingEnrolment>();
  assert.match(secret, /^[A-Z2-7]{16,}=*$/, 'the secret is not a base32 TOTP secret');
  assert.match(qrCodeDataUrl, /^data:image\/(png|svg\+xml|gif);base64,/, 'the QR code is not an image data URL');
});

When('{actor} confirms the app with a code it shows', async function (this: AuthWorld, actor: Actor) {
  const secret = actor.vrchat.enrolmentSecret;
  assert.ok(secret, `${actor.name} has not started adding an authenticator app`);
  this.remember(await actor.vrchat.driver.verifyPending2FA(await authenticatorCode(secret, this.clock, { owner: this.codeOwner('VRChat', `${actor.vrchat.account.username} (enrolment)`) })));
});

When('{actor} confirms the app with a wrong code', async function (this: AuthWorld, actor: Actor) {
  const secret = actor.vrchat.enrolmentSecret;
  assert.ok(secret, `${actor.name} has not started adding an authenticator app`);
  this.remember(await actor.vrchat.driver.verifyPending2FA(wrongCode(await authenticatorCode(secret, this.clock, { owner: this.codeOwner('VRChat', `${actor.vrchat.account.username} (enrolment)`) }))));
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

When('{actor} cancels adding the authenticator app', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.vrchat.driver.cancelPending2FA());
});

Then('the pending enrolment is removed', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `cancelling answered ${this.lastResponse.status}`);
  assert.equal(this.lastResponse.json<{ removed: boolean }>().removed, true, 'nothing was removed');
});

When('{actor} turns off two-factor authentication', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.vrchat.driver.disable2FA());
});

Then('two-factor authentication is reported as removed', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `turning 2FA off answered ${this.lastResponse.status}`);
  assert.equal(this.lastResponse.json<{ removed: boolean }>().removed, true, 'two-factor authentication was not removed');
});
