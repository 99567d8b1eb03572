import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { expectChallenge, expectRefusal, expectSignedIn, sessionCookieSet } from '../../support/better-auth/expectations';
import {
  codeFromThePast,
  currentCode,
  guessedCode,
  guessSecondFactor,
  mailedCode,
  passSecondFactor,
  secretOf,
  sessionOf,
  signIn,
} from '../../support/better-auth/tasks';
import { secrets } from '../../support/redaction/secrets';
import type { Actor } from '../../support/world/actor';
import type { AuthWorld } from '../../support/world/world';

// The challenge: the password alone, then a second factor on the same device.

Given(/^([A-Z][a-zß-ÿ]+) has signed in to the app with (?:her|his|their) password( on another device)? but not yet passed the second factor$/, async function (this: AuthWorld, actor: Actor, another?: string) {
  // "on another device": a device of its own, so the first one's session is left alone.
  const device = another ? actor.betterAuth.use(`device-${actor.betterAuth.allDevices().length + 1}`) : actor.betterAuth.device;
  expectChallenge(await signIn(this, actor.betterAuth, device.label), actor.name);
});

Given(/^([A-Z][a-zß-ÿ]+) has passed the second factor with (?:her|his|their) authenticator app$/, async function (this: AuthWorld, actor: Actor) {
  expectSignedIn(await passSecondFactor(this, actor.betterAuth, 'app'), actor.name);
});

When(/^([A-Z][a-zß-ÿ]+) enters the code from (?:her|his|their) authenticator app$/, async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.betterAuth.driver.verifyTotp({ code: await currentCode(this, actor.betterAuth) }));
});

When('{actor} enters the same authenticator code again', async function (this: AuthWorld, actor: Actor) {
  assert.ok(actor.betterAuth.lastCode, `${actor.name} has entered no authenticator code`);
  this.remember(await actor.betterAuth.driver.verifyTotp({ code: actor.betterAuth.lastCode }));
});

When('{actor} enters a wrong authenticator code', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.betterAuth.driver.verifyTotp({ code: guessedCode(1, actor.betterAuth.lastCode) }));
});

When(/^([A-Z][a-zß-ÿ]+) enters the code (?:her|his|their) authenticator app showed five minutes ago$/, async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.betterAuth.driver.verifyTotp({ code: await codeFromThePast(actor.betterAuth, 5 * 60) }));
});

Then('the app refuses the code', function (this: AuthWorld) {
  expectRefusal(this.lastResponse, 'the code');
});

When(/^someone who knows ([A-Z][a-zß-ÿ]+)'s password guesses (\d+) authenticator codes$/, async function (this: AuthWorld, actor: Actor, count: string) {
  await guessSecondFactor(this, actor.betterAuth, Number(count));
});

Then('{actor} is kept out of the app for a while, even with the right code', async function (this: AuthWorld, actor: Actor) {
  // From a device of her own (another client address): the lock is the account's, not the guesser's.
  const device = actor.betterAuth.use('after-the-guessing');
  const challenge = await signIn(this, actor.betterAuth, device.label);
  if (challenge.status === 429) return;
  expectChallenge(challenge, actor.name);
  const response = this.remember(await device.driver.verifyTotp({ code: await currentCode(this, actor.betterAuth) }));
  // docs/plugins/2fa, accountLockout: a locked account is answered 429 until the lock ends, even for the right code.
  expectRefusal(response, `${actor.name}'s right code after the guessing`, [429]);
});

// Turning the app off, and its setup link.

When(/^([A-Z][a-zß-ÿ]+) turns (?:her|his|their) authenticator app off with a wrong password$/, async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.betterAuth.driver.disableTwoFactor(`${actor.betterAuth.account.password}-wrong`));
});

Given(/^([A-Z][a-zß-ÿ]+) has turned (?:her|his|their) authenticator app off with (?:her|his|their) password$/, async function (this: AuthWorld, actor: Actor) {
  const response = this.remember(await actor.betterAuth.driver.disableTwoFactor(actor.betterAuth.account.password));
  assert.equal(response.status, 200, `turning the app off answered ${response.status}`);
});

Then('the app refuses the change', function (this: AuthWorld) {
  expectRefusal(this.lastResponse, 'the change');
});

Then(/^([A-Z][a-zß-ÿ]+) is still asked for a second factor when (?:she|he|they) signs? in$/, async function (this: AuthWorld, actor: Actor) {
  expectChallenge(await signIn(this, actor.betterAuth, actor.betterAuth.use('still-asked').label), actor.name);
});

When(/^([A-Z][a-zß-ÿ]+) asks for (?:her|his|their) authenticator app's setup link with (?:her|his|their) password$/, async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.betterAuth.driver.totpUri(actor.betterAuth.account.password));
});

Then(/^the setup link carries the secret (?:her|his|their) app already has$/, function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `asking for the setup link answered ${this.lastResponse.status}`);
  const actor = [...this.actors.values()].find((candidate) => candidate.has('better-auth') && candidate.betterAuth.totpSecret);
  assert.ok(actor, 'nobody in the scenario has an authenticator app');
  assert.equal(secretOf(this.lastResponse.json<{ totpURI: string }>().totpURI), actor.betterAuth.totpSecret, 'the setup link carries another secret');
});

// A code by email.

When('{actor} asks for a code by email', async function (this: AuthWorld, actor: Actor) {
  const { driver } = actor.betterAuth;
  const response = this.remember(await this.expectingMail(actor.betterAuth.account.email, () => driver.sendTwoFactorCode()));
  assert.equal(response.status, 200, `asking for a code by email answered ${response.status}`);
});

Given('{actor} has asked for a code by email', async function (this: AuthWorld, actor: Actor) {
  const { driver } = actor.betterAuth;
  assert.equal((await this.expectingMail(actor.betterAuth.account.email, () => driver.sendTwoFactorCode())).status, 200);
});

When(/^([A-Z][a-zß-ÿ]+) enters the code from the email( again)?$/, async function (this: AuthWorld, actor: Actor, again?: string) {
  const code = again ? actor.betterAuth.lastCode : await mailedCode(this, actor.betterAuth);
  assert.ok(code, `${actor.name} has read no code`);
  this.remember(await actor.betterAuth.driver.verifyTwoFactorCode({ code }));
});

Given('{actor} has passed the second factor with a code from the email', async function (this: AuthWorld, actor: Actor) {
  expectSignedIn(await passSecondFactor(this, actor.betterAuth, 'email'), actor.name);
});

When(/^someone guesses (\d+) codes in ([A-Z][a-zß-ÿ]+)'s sign-in$/, async function (this: AuthWorld, count: string, actor: Actor) {
  for (let guess = 1; guess <= Number(count); guess += 1) this.remember(await actor.betterAuth.driver.verifyTwoFactorCode({ code: guessedCode(guess) }));
});

// Backup codes.

When(/^([A-Z][a-zß-ÿ]+) enters one of (?:her|his|their) (old )?backup codes$/, async function (this: AuthWorld, actor: Actor, old?: string) {
  const codes = old ? actor.betterAuth.oldBackupCodes : actor.betterAuth.backupCodes;
  const code = codes.find((candidate) => candidate !== actor.betterAuth.lastCode);
  assert.ok(code, `${actor.name} has no ${old ?? ''}backup code left`);
  actor.betterAuth.lastCode = code;
  this.remember(await actor.betterAuth.driver.verifyBackupCode({ code }));
});

Given(/^([A-Z][a-zß-ÿ]+) has passed the second factor with one of (?:her|his|their) backup codes$/, async function (this: AuthWorld, actor: Actor) {
  expectSignedIn(await passSecondFactor(this, actor.betterAuth, 'backup code'), actor.name);
});

When('{actor} enters the same backup code again', async function (this: AuthWorld, actor: Actor) {
  assert.ok(actor.betterAuth.lastCode, `${actor.name} has entered no backup code`);
  this.remember(await actor.betterAuth.driver.verifyBackupCode({ code: actor.betterAuth.lastCode }));
});

When('{actor} enters a made-up backup code', async function (this: AuthWorld, actor: Actor) {
  const madeUp = `${actor.betterAuth.backupCodes[0]?.slice(0, 5) ?? 'aaaaa'}-zzzzz`;
  secrets.add(madeUp);
  this.remember(await actor.betterAuth.driver.verifyBackupCode({ code: madeUp }));
});

Given(/^([A-Z][a-zß-ÿ]+) has asked for new backup codes with (?:her|his|their) password$/, async function (this: AuthWorld, actor: Actor) {
  const response = this.remember(await actor.betterAuth.driver.generateBackupCodes(actor.betterAuth.account.password));
  assert.equal(response.status, 200, `asking for new backup codes answered ${response.status}`);
  actor.betterAuth.oldBackupCodes = actor.betterAuth.backupCodes;
  actor.betterAuth.backupCodes = response.json<{ backupCodes: string[] }>().backupCodes;
  for (const code of actor.betterAuth.backupCodes) secrets.add(code);
});

// Trusted devices.

Given(/^([A-Z][a-zß-ÿ]+) (?:has passed|passes) the second factor on (?:her|his|their) (\w+) and (?:asked|asks) the app to trust it$/, async function (this: AuthWorld, actor: Actor, device: string) {
  actor.betterAuth.use(device);
  expectSignedIn(await passSecondFactor(this, actor.betterAuth, 'app', { trustDevice: true }), actor.name);
});

Given(/^([A-Z][a-zß-ÿ]+) has signed out of the app on (?:her|his|their) (\w+)$/, async function (this: AuthWorld, actor: Actor, device: string) {
  assert.equal((await actor.betterAuth.use(device).driver.signOut()).status, 200, `${actor.name} could not sign out on the ${device}`);
});

Then(/^the app trusts the (\w+) for (\d+) days at most$/, function (this: AuthWorld, device: string, days: string) {
  const trusted = this.lastResponse.chain.flatMap((hop) => hop.setCookies).find((cookie) => /(^|\.)trust_device$/.test(cookie.name) && cookie.value !== '');
  assert.ok(trusted, `trusting the ${device} set no trusted-device cookie`);
  // Without Max-Age or Expires the browser forgets it when it closes: no lifetime beyond that.
  const lifetime = trusted.maxAge ?? (trusted.expires ? Math.round((trusted.expires.getTime() - Date.now()) / 1000) : 0);
  this.log(`The trusted-device cookie lasts ${Math.round(lifetime / 86_400)} days (Max-Age ${trusted.maxAge ?? 'none'}).`);
  assert.ok(lifetime <= Number(days) * 86_400, `the ${device} is trusted for ${Math.round(lifetime / 86_400)} days, more than ${days}`);
});

/** After a sign-in by mail (a code or a link): no session cookie, no session, until the second factor is passed. */
Then(/^([A-Z][a-zß-ÿ]+) is not signed in before (?:her|his|their) second factor$/, async function (this: AuthWorld, actor: Actor) {
  const answer = this.lastResponse;
  const session = await sessionOf(this, actor.betterAuth.device);
  assert.ok(!sessionCookieSet(answer) && !session, `${actor.name} was signed in without the second factor (${answer.status}, ${session ? 'a session the server accepts' : 'a session cookie'})`);
});
