import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import { expectSignedIn } from '../../support/better-auth/expectations';
import { changeAddress, confirmAddress, deleteOwnAccount, mailedCode, mailedLink, newAbility, sessionOf, signIn, SOMEONE } from '../../support/better-auth/tasks';
import type { Actor } from '../../support/world/actor';
import type { AuthWorld } from '../../support/world/world';

// Confirming the address.

When(/^([A-Z][a-zß-ÿ]+) opens the confirmation link mailed to (?:her|him|them)$/, async function (this: AuthWorld, actor: Actor) {
  await confirmAddress(this, actor.betterAuth);
});

When(/^([A-Z][a-zß-ÿ]+) confirms (?:her|his|their) address with a code mailed to (?:her|him|them)$/, async function (this: AuthWorld, actor: Actor) {
  const { driver, account } = actor.betterAuth;
  const sent = await this.expectingMail(account.email, () => driver.sendEmailCode({ email: account.email, type: 'email-verification' }));
  assert.equal(sent.status, 200, `asking for a confirmation code answered ${sent.status}`);
  const confirmed = this.remember(await driver.verifyEmailWithCode({ email: account.email, otp: await mailedCode(this, actor.betterAuth) }));
  assert.equal(confirmed.status, 200, `the confirmation code was refused (${confirmed.status})`);
});

Then('{actor}\'s address is confirmed', async function (this: AuthWorld, actor: Actor) {
  const device = actor.betterAuth.use('confirmed-check');
  expectSignedIn(await signIn(this, actor.betterAuth, device.label), actor.name);
  const session = await sessionOf(this, device);
  assert.equal(session?.emailVerified, true, `${actor.name}'s address is not confirmed`);
});

// Changing the address.

When(/^([A-Z][a-zß-ÿ]+) asks to change (?:her|his|their) address$/, async function (this: AuthWorld, actor: Actor) {
  await changeAddress(this, actor.betterAuth, 'ask');
});

Then(/^the approval goes to (?:her|his|their) current address$/, async function (this: AuthWorld) {
  const actor = [...this.actors.values()].find((candidate) => candidate.has('better-auth') && candidate.betterAuth.newEmail);
  assert.ok(actor, 'nobody asked to change an address');
  await mailedLink(this, actor.betterAuth);
});

When(/^([A-Z][a-zß-ÿ]+) approves the change and confirms (?:her|his|their) new address$/, async function (this: AuthWorld, actor: Actor) {
  await changeAddress(this, actor.betterAuth, 'approve and confirm');
});

When(/^([A-Z][a-zß-ÿ]+) changes (?:her|his|their) address with a code mailed to the new one$/, async function (this: AuthWorld, actor: Actor) {
  await changeAddress(this, actor.betterAuth, 'by code');
});

// Name, sign-in methods, deletion.

When(/^([A-Z][a-zß-ÿ]+) changes (?:her|his|their) name to "([^"]+)"$/, async function (this: AuthWorld, actor: Actor, name: string) {
  const response = this.remember(await actor.betterAuth.driver.updateUser({ name }));
  assert.equal(response.status, 200, `changing the name answered ${response.status}`);
});

Then('the app shows {actor}\'s name as {string}', async function (this: AuthWorld, actor: Actor, name: string) {
  assert.equal((await sessionOf(this, actor.betterAuth.device))?.name, name);
});

Then(/^([A-Z][a-zß-ÿ]+)'s sign-in methods are (?:her|his|their) address and password$/, async function (this: AuthWorld, actor: Actor) {
  const accounts = this.remember(await actor.betterAuth.driver.listAccounts());
  assert.equal(accounts.status, 200, `listing the sign-in methods answered ${accounts.status}`);
  // docs/concepts/users-accounts: an address and password are the "credential" provider.
  assert.deepEqual(accounts.json<{ providerId: string }[]>().map((account) => account.providerId), ['credential']);
});

When(/^([A-Z][a-zß-ÿ]+) deletes (?:her|his|their) account$/, async function (this: AuthWorld, actor: Actor) {
  await deleteOwnAccount(this, actor.betterAuth);
});

// The server's conventions.

When('someone asks the app whether it is up', async function (this: AuthWorld) {
  const someone = this.actor(SOMEONE);
  someone.betterAuth = newAbility(this, { name: SOMEONE, email: '', password: '' });
  this.remember(await someone.betterAuth.driver.ok());
});

Then('the app answers that it is up', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `the health check answered ${this.lastResponse.status}`);
  assert.deepEqual(this.lastResponse.json(), { ok: true });
});

When('someone opens the app\'s error page for an error named {string}', async function (this: AuthWorld, error: string) {
  const someone = this.actor(SOMEONE);
  someone.betterAuth = newAbility(this, { name: SOMEONE, email: '', password: '' });
  this.remember(await someone.betterAuth.driver.errorPage(error));
});

Then('the page names the error {string}', function (this: AuthWorld, error: string) {
  assert.equal(this.lastResponse.status, 200, `the error page answered ${this.lastResponse.status}`);
  assert.match(this.lastResponse.header('content-type') ?? '', /text\/html/);
  assert.ok(this.lastResponse.body.includes(error), `the page does not name "${error}"`);
});
