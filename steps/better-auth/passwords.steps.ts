import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { strongPassword } from '../../support/better-auth/ability';
import { expectRefusal } from '../../support/better-auth/expectations';
import {
  askForResetCode,
  askForResetLink,
  changePassword,
  mailedCode,
  newAccountDetails,
  resetWithCode,
  resetWithLink,
} from '../../support/better-auth/tasks';
import type { HttpResponse } from '../../support/http/response';
import type { Actor } from '../../support/world/actor';
import type { AuthWorld } from '../../support/world/world';

// Changing the password.

When(
  /^([A-Z][a-zß-ÿ]+) changes (?:her|his|their) password on (?:her|his|their) (\w+)( and asks to end (?:her|his|their) other sessions| giving a wrong current password)?$/,
  async function (this: AuthWorld, actor: Actor, device: string, how?: string) {
    actor.betterAuth.use(device);
    await changePassword(this, actor.betterAuth, { revokeOtherSessions: Boolean(how?.includes('end')), wrongCurrent: Boolean(how?.includes('wrong')) });
  },
);

Given(/^([A-Z][a-zß-ÿ]+) has changed (?:her|his|their) password on (?:her|his|their) (\w+)$/, async function (this: AuthWorld, actor: Actor, device: string) {
  actor.betterAuth.use(device);
  assert.equal((await changePassword(this, actor.betterAuth)).status, 200, `${actor.name} could not change the password`);
});

Then('the app accepts the new password', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `the new password was not accepted: ${this.lastResponse.status} ${this.lastResponse.body}`);
});

When(/^([A-Z][a-zß-ÿ]+)'s password is checked on (?:her|his|their) (\w+) with (a wrong password|(?:her|his|their) password)$/, async function (this: AuthWorld, actor: Actor, device: string, which: string) {
  const password = which === 'a wrong password' ? `${actor.betterAuth.account.password}-wrong` : actor.betterAuth.account.password;
  this.remember(await actor.betterAuth.use(device).driver.verifyPassword(password));
});

Then('the app refuses the password', function (this: AuthWorld) {
  expectRefusal(this.lastResponse, 'the password', [400, 401]);
});

Then('the app confirms the password', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `the password was not confirmed: ${this.lastResponse.status}`);
});

// A reset link by mail.

Given('{actor} has asked for a password reset link', async function (this: AuthWorld, actor: Actor) {
  assert.equal((await askForResetLink(this, actor.betterAuth)).status, 200);
});

When('{actor} opens the link and chooses a new password', async function (this: AuthWorld, actor: Actor) {
  await resetWithLink(this, actor.betterAuth);
});

When(/^([A-Z][a-zß-ÿ]+) resets (?:her|his|their) password with the mailed link$/, async function (this: AuthWorld, actor: Actor) {
  assert.equal((await askForResetLink(this, actor.betterAuth)).status, 200);
  assert.equal((await resetWithLink(this, actor.betterAuth)).status, 200, `${actor.name} could not reset the password`);
});

Given(/^([A-Z][a-zß-ÿ]+) has reset (?:her|his|their) password with the mailed link$/, async function (this: AuthWorld, actor: Actor) {
  assert.equal((await askForResetLink(this, actor.betterAuth)).status, 200);
  assert.equal((await resetWithLink(this, actor.betterAuth)).status, 200, `${actor.name} could not reset the password`);
});

When('someone sets another password with the same link', async function (this: AuthWorld) {
  const actor = [...this.actors.values()].find((candidate) => candidate.has('better-auth') && candidate.betterAuth.resetToken);
  assert.ok(actor?.betterAuth.resetToken, 'nobody in the scenario opened a reset link');
  this.remember(await actor.betterAuth.on('someone').driver.resetPassword({ newPassword: strongPassword(), token: actor.betterAuth.resetToken }));
});

Then('the app refuses the reset', function (this: AuthWorld) {
  expectRefusal(this.lastResponse, 'the reset', [400]);
});

When('someone asks for a password reset link for an address nobody uses, and for {actor}\'s', async function (this: AuthWorld, actor: Actor) {
  this.nobodysAddress = newAccountDetails(this, 'nobody').email;
  const nobody: HttpResponse = await askForResetLink(this, actor.betterAuth, this.nobodysAddress);
  const known = await askForResetLink(this, actor.betterAuth);
  this.refusals = { unknown: [{ response: nobody, ms: 0 }], wrongPassword: [{ response: known, ms: 0 }] };
});

Then('both requests get the same answer', function (this: AuthWorld) {
  const [nobody, known] = [this.refusals?.unknown[0]?.response, this.refusals?.wrongPassword[0]?.response];
  assert.ok(nobody && known, 'the two requests were not made');
  assert.equal(nobody.status, known.status, `an unknown address answered ${nobody.status}, a known one ${known.status}`);
  assert.deepEqual(nobody.json(), known.json(), 'the two answers differ');
});

Then('no mail goes to the address nobody uses', async function (this: AuthWorld) {
  assert.ok(this.nobodysAddress, 'no request was made for an unused address');
  assert.equal(await this.mailbox.count(this.mailMark(this.nobodysAddress)), 0, 'a reset mail went to an address without an account');
});

When('someone asks for a password reset link for {actor} that leads to another site', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.betterAuth.on('someone').driver.requestPasswordReset({ email: actor.betterAuth.account.email, redirectTo: 'https://elsewhere.authflow.test/reset' }));
});

// A reset code by mail.

Given(/^([A-Z][a-zß-ÿ]+) has asked for a password reset code( the way older clients do)?$/, async function (this: AuthWorld, actor: Actor, older?: string) {
  assert.equal((await askForResetCode(this, actor.betterAuth, older ? 'older path' : 'current path')).status, 200);
});

When('{actor} chooses a new password with the code from the email', async function (this: AuthWorld, actor: Actor) {
  await resetWithCode(this, actor.betterAuth);
});

When('{actor} checks the code from the email', async function (this: AuthWorld, actor: Actor) {
  const { email } = actor.betterAuth.account;
  this.remember(await actor.betterAuth.driver.checkEmailCode({ email, type: 'forget-password', otp: await mailedCode(this, actor.betterAuth) }));
});

Then('the app confirms the code', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `the code was not confirmed: ${this.lastResponse.status} ${this.lastResponse.body}`);
});

Given(/^([A-Z][a-zß-ÿ]+) has reset (?:her|his|their) password with a mailed code$/, async function (this: AuthWorld, actor: Actor) {
  assert.equal((await askForResetCode(this, actor.betterAuth, 'current path')).status, 200);
  assert.equal((await resetWithCode(this, actor.betterAuth)).status, 200, `${actor.name} could not reset the password`);
});

When('someone sets another password with the same code', async function (this: AuthWorld) {
  const actor = [...this.actors.values()].find((candidate) => candidate.has('better-auth') && candidate.betterAuth.lastCode);
  assert.ok(actor?.betterAuth.lastCode, 'nobody in the scenario read a reset code');
  const { email } = actor.betterAuth.account;
  this.remember(await actor.betterAuth.on('someone').driver.resetPasswordWithCode({ email, otp: actor.betterAuth.lastCode, password: strongPassword() }));
});

