import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../support/world/actor';
import { EnhanceAbility } from '../../support/enhance/ability';
import { expectEnhanceError } from '../../support/enhance/expectations';
import * as allure from 'allure-js-commons';
import { newLoginDetails, timedResetRequests } from '../../support/enhance/tasks';
import { expectAlikeTimings } from '../../support/core/alike-refusals';
import { otherSiteOrigin } from '../../support/core/other-site';
import { expectNoSessionCookie } from '../../support/enhance/expectations';
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
  if (response.status === 200) adoptPassword(actor, password);
  return response;
}

function adoptPassword(actor: Actor, password: string): void {
  actor.enhance.previousPassword = actor.enhance.account.password;
  actor.enhance.account.password = password;
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


When('{actor} resets her/his/their panel password through the mailed link', async function (this: AuthWorld, actor: Actor) {
  assert.equal((await askForReset(this, actor)).status, 200);
  await readResetLink(this, actor);
  assert.equal((await finishReset(this, actor)).status, 200, 'the reset was refused');
});

Then('the reset signs nobody in', function (this: AuthWorld) {
  // finishPasswordRecovery documents a 200 without a body or a cookie: whoever holds the link gets a password, not a session.
  expectNoSessionCookie(this.lastResponse);
  assert.doesNotMatch(this.lastResponse.body, /[\w-]+\.[\w-]+\.[\w-]+/, 'the answer to the reset carries a token');
});

When(
  'someone asks to reset {actor}\'s panel password, naming another website as the host the request was forwarded for',
  async function (this: AuthWorld, actor: Actor) {
    this.otherSite = otherSiteOrigin();
    const host = new URL(this.otherSite).host;
    const { email } = actor.enhance.account;
    const forwarded = { 'x-forwarded-host': host, forwarded: `host=${host};proto=https` };
    assert.equal(this.remember(await this.expectingMail(email, () => actor.enhance.elsewhere().startPasswordRecovery(email, forwarded))).status, 200);
  },
);

Then('the reset link {actor} receives does not lead to the other website', async function (this: AuthWorld, actor: Actor) {
  await readResetLink(this, actor);
  const link = new URL(actor.enhance.recoveryLink ?? '');
  assert.ok(this.otherSite, 'no other website was named');
  assert.notEqual(link.host, new URL(this.otherSite).host, `the reset link leads to ${link.host}, the host the request claimed: whoever sent it gets the secret`);
  this.log(`The reset link leads to ${link.host}.`);
});

When('{actor} chooses two new passwords through the link at the same moment', async function (this: AuthWorld, actor: Actor) {
  const secret = secretOf(actor);
  const passwords = [EnhanceAbility.newPassword(), EnhanceAbility.newPassword()];
  const [first, second] = [actor.enhance.elsewhere(), actor.enhance.elsewhere()];
  this.answers = await first.client.together([() => first.finishPasswordRecovery(secret, passwords[0] as string), () => second.finishPasswordRecovery(secret, passwords[1] as string)]);
  const accepted = this.answers.findIndex((answer) => answer.status === 200);
  if (accepted >= 0) adoptPassword(actor, passwords[accepted] as string);
});

Then('only one of the two new passwords is accepted', function (this: AuthWorld) {
  const answers = this.answers ?? [];
  const statuses = answers.map((answer) => answer.status);
  assert.equal(statuses.filter((status) => status === 200).length, 1, `the two uses of one reset link at the same moment answered ${statuses.join(' and ')}: a single-use secret worked ${statuses.filter((status) => status === 200).length} times`);
  for (const answer of answers.filter((candidate) => candidate.status !== 200)) expectEnhanceError(answer, 400);
});

/** Rounds of each kind: few, since every request for the known address mails its login a link. */
const TIMED_RESET_ROUNDS = 9;

When(
  'someone asks several times, in turn, to reset the panel password of an address nobody uses and of {actor}\'s address',
  async function (this: AuthWorld, actor: Actor) {
    const { unknown, known } = await timedResetRequests(this, actor.enhance.account.email, TIMED_RESET_ROUNDS);
    this.refusals = { unknown, wrongPassword: known };
  },
);

Then('the panel takes about as long to answer either', async function (this: AuthWorld) {
  assert.ok(this.refusals, 'no reset requests were timed');
  const { unknown, wrongPassword: known } = this.refusals;
  const verdict = expectAlikeTimings(unknown, known, { unknown: 'a reset for an address nobody uses', known: 'a reset for a known address' });
  await allure.parameter('median reset answer, unknown address', `${verdict.unknownMedianMs} ms`);
  await allure.parameter('median reset answer, known address', `${verdict.wrongPasswordMedianMs} ms`);
  this.log(`Median reset answer: unknown address ${verdict.unknownMedianMs} ms (${unknown.map((a) => a.ms).join(', ')}), known address ${verdict.wrongPasswordMedianMs} ms (${known.map((a) => a.ms).join(', ')}).`);
});
