import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { expectSignedIn } from '../../support/better-auth/expectations';
import { assertSignedIn, askForSignInCode, askForSignInLink, guessedCode, mailedCode, mailedLink, newAbility, newAccountDetails } from '../../support/better-auth/tasks';
import type { Actor } from '../../support/world/actor';
import { SOMEONE } from '../../support/better-auth/tasks';
import type { AuthWorld } from '../../support/world/world';

// A code by email instead of the password.

Given(/^([A-Z][a-zß-ÿ]+) has asked for a sign-in code( for an address without an account)?$/, async function (this: AuthWorld, actor: Actor, newAddress?: string) {
  if (newAddress) actor.betterAuth = newAbility(this, newAccountDetails(this, actor.name));
  assert.equal((await askForSignInCode(this, actor.betterAuth)).status, 200, 'asking for a sign-in code was refused');
});

When('{actor} signs in to the app with the code from the email', async function (this: AuthWorld, actor: Actor) {
  const { email } = actor.betterAuth.account;
  this.remember(await actor.betterAuth.driver.signInWithEmailCode({ email, otp: await mailedCode(this, actor.betterAuth) }));
});

Given('{actor} has signed in to the app with a mailed code', async function (this: AuthWorld, actor: Actor) {
  assert.equal((await askForSignInCode(this, actor.betterAuth)).status, 200);
  const { email } = actor.betterAuth.account;
  expectSignedIn(this.remember(await actor.betterAuth.driver.signInWithEmailCode({ email, otp: await mailedCode(this, actor.betterAuth) })), actor.name);
});

When('someone signs in to the app as {actor} with the same code', async function (this: AuthWorld, actor: Actor) {
  const { lastCode, account } = actor.betterAuth;
  assert.ok(lastCode, `${actor.name} has read no code`);
  this.remember(await actor.betterAuth.on('someone').driver.signInWithEmailCode({ email: account.email, otp: lastCode }));
});

When(/^someone guesses (\d+) sign-in codes for ([A-Z][a-zß-ÿ]+)$/, async function (this: AuthWorld, count: string, actor: Actor) {
  const { driver } = actor.betterAuth.on('guesser');
  for (let guess = 1; guess <= Number(count); guess += 1) this.remember(await driver.signInWithEmailCode({ email: actor.betterAuth.account.email, otp: guessedCode(guess) }));
});

// A link by email.

Given('{actor} has asked for a sign-in link', async function (this: AuthWorld, actor: Actor) {
  assert.equal((await askForSignInLink(this, actor.betterAuth)).status, 200, 'asking for a sign-in link was refused');
});

When('{actor} opens the sign-in link', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.betterAuth.driver.verifyMagicLink(await mailedLink(this, actor.betterAuth)));
});

Given('{actor} has signed in to the app with the mailed link', async function (this: AuthWorld, actor: Actor) {
  assert.equal((await askForSignInLink(this, actor.betterAuth)).status, 200);
  const opened = this.remember(await actor.betterAuth.driver.verifyMagicLink(await mailedLink(this, actor.betterAuth)));
  assert.equal(opened.status, 302, `the sign-in link answered ${opened.status}`);
  await assertSignedIn(this, actor.betterAuth);
});

When('someone opens the same sign-in link', async function (this: AuthWorld) {
  const holder = [...this.actors.values()].find((actor) => actor.has('better-auth') && actor.betterAuth.lastLink);
  assert.ok(holder?.betterAuth.lastLink, 'nobody in the scenario read a sign-in link');
  const someone = this.actor(SOMEONE);
  someone.betterAuth = newAbility(this, holder.betterAuth.account);
  this.remember(await someone.betterAuth.driver.verifyMagicLink(holder.betterAuth.lastLink));
});

When('someone asks for a sign-in link for {actor} that leads to another site', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.betterAuth.on('someone').driver.requestMagicLink({ email: actor.betterAuth.account.email, callbackURL: 'https://elsewhere.authflow.test/welcome' }));
});

Then('that someone is not signed in to the app', async function (this: AuthWorld) {
  const someone = this.actor(SOMEONE);
  assert.ok(someone.has('better-auth'), 'nobody else acted in this scenario');
  const session = this.remember(await someone.betterAuth.driver.getSession(someone.betterAuth.usedApiKey));
  assert.ok(session.status === 200 || session.status === 401 || session.status === 403, `asking for the session answered ${session.status}`);
  assert.ok(session.status !== 200 || session.body === 'null', 'that someone holds a session the server accepts');
});

