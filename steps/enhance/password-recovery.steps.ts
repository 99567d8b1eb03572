import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../support/world/actor';
import { EnhanceAbility } from '../../support/enhance/ability';
import { expectEnhanceError } from '../../support/enhance/expectations';
import { newLoginDetails } from '../../support/enhance/tasks';
import type { AuthWorld } from '../../support/world/world';

async function askForReset(world: AuthWorld, actor: Actor) {
  const { email } = actor.enhance.account;
  return world.remember(await world.expectingMail(email, () => actor.enhance.elsewhere().startPasswordRecovery(email)));
}

async function readResetLink(world: AuthWorld, actor: Actor): Promise<void> {
  actor.enhance.recoveryLink = await world.mailbox.link(world.mailMark(actor.enhance.account.email));
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

function secretOf(actor: Actor): string {
  // The link's shape is not documented (assumption EN-011): the `secret` parameter, else the one uuid in the link.
  const link = actor.enhance.recoveryLink ?? '';
  const secret = URL.canParse(link) ? new URL(link).searchParams.get('secret') ?? UUID.exec(link)?.[0] : undefined;
  assert.ok(secret, `${actor.name} has no reset link`);
  return secret;
}

/** Sends a new password through the link; on success the account's password becomes the new one. */
async function finishReset(world: AuthWorld, actor: Actor) {
  const password = EnhanceAbility.newPassword();
  const response = world.remember(await actor.enhance.elsewhere().finishPasswordRecovery(secretOf(actor), password));
  if (response.status !== 200) actor.enhance.refusedPassword = password;
  if (response.status === 200) {
    actor.enhance.previousPassword = actor.enhance.account.password;
    actor.enhance.account.password = password;
  }
  return response;
}

When('{actor} asks to reset her/his/their panel password', async function (this: AuthWorld, actor: Actor) {
  await askForReset(this, actor);
});

Given('{actor} has asked to reset her/his/their panel password', async function (this: AuthWorld, actor: Actor) {
  assert.equal((await askForReset(this, actor)).status, 200);
  await readResetLink(this, actor);
});

Given('{actor} has reset her/his/their panel password through the mailed link', async function (this: AuthWorld, actor: Actor) {
  assert.equal((await askForReset(this, actor)).status, 200);
  await readResetLink(this, actor);
  assert.equal((await finishReset(this, actor)).status, 200, 'the reset was refused');
});

Then('the panel accepts the reset request', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `the reset request answered ${this.lastResponse.status}`);
  assert.equal(this.lastResponse.body, '', 'the answer has a body that could tell known from unknown addresses');
});

Then('{actor} receives an email with a password reset link', async function (this: AuthWorld, actor: Actor) {
  await readResetLink(this, actor);
  secretOf(actor);
});

When('{actor} opens the password reset link', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.enhance.elsewhere().validatePasswordRecovery(secretOf(actor)));
});

Then('the panel shows {actor}\'s email address obscured', function (this: AuthWorld, actor: Actor) {
  assert.equal(this.lastResponse.status, 200, `validating the link answered ${this.lastResponse.status}`);
  const shown = this.lastResponse.json<{ obfuscatedEmail?: string }>().obfuscatedEmail ?? '';
  const email = actor.enhance.account.email;
  assert.notEqual(shown, email, 'the address is shown in full');
  assert.ok(shown.endsWith(email.slice(email.indexOf('@'))), `"${shown}" does not keep the domain`);
});

When(/^([A-Z][a-zß-ÿ]+) chooses a new password through the (?:same )?link(?: again)?$/, async function (this: AuthWorld, actor: Actor) {
  await finishReset(this, actor);
});

Then('the new password is accepted', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `setting the password answered ${this.lastResponse.status}`);
});

When('someone asks to reset the panel password of an address nobody uses', async function (this: AuthWorld) {
  const { email } = newLoginDetails('Nobody');
  this.nobodysAddress = email;
  this.remember(await this.expectingMail(email, () => this.clientFor('Enhance').send('/login/password-recovery', { method: 'PUT', json: { email } })));
});

Then('no reset email is sent to that address', async function (this: AuthWorld) {
  assert.ok(this.nobodysAddress);
  assert.equal(await this.mailbox.count(this.mailMark(this.nobodysAddress)), 0, 'a reset mail went to an address without a login');
});

Then('the password reset link no longer works', function (this: AuthWorld) {
  expectEnhanceError(this.lastResponse, 400);
});

When('someone opens a password reset link with a made-up secret', async function (this: AuthWorld) {
  this.remember(await this.clientFor('Enhance').send('/login/password-recovery/validate', { method: 'POST', query: { secret: randomUUID() } }));
});

