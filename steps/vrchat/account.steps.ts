import assert from 'node:assert/strict';
import { defineParameterType, Given, Then, When } from '@cucumber/cucumber';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../support/world/actor';
import { vrchatDevice } from '../../support/vrchat/device';
import { expectVrchatError } from '../../support/vrchat/expectations';
import { expectOwnProfile, loggedIn, usernameOf } from '../../support/vrchat/tasks';
import { deletionLog, type CurrentUser } from '../../support/vrchat/types';
import type { AuthWorld } from '../../support/world/world';

defineParameterType({
  name: 'accountName',
  regexp: /username|email|display name/,
  transformer: (field: string) => field,
});

/** The account field and the `/auth/exists` query parameter share their names. */
const NAME_FIELD = { username: 'username', email: 'email', 'display name': 'displayName' } as const;

// Is a name taken?

When('someone checks whether {actor}\'s {accountName} is taken', async function (this: AuthWorld, actor: Actor, field: keyof typeof NAME_FIELD) {
  const name = NAME_FIELD[field];
  // The username as the server shows it: a configured login name may be the account's address instead.
  const value = name === 'username' ? usernameOf(actor.vrchat) : actor.vrchat.account[name];
  this.remember(await vrchatDevice(this).checkUserExists({ [name]: value }));
});

When('someone checks whether {actor}\'s username is taken, leaving out {actor}\'s own account', async function (this: AuthWorld, actor: Actor, owner: Actor) {
  // A configured account's id is learnt from a logged-in session.
  if (!owner.vrchat.account.id) await loggedIn(this, owner.vrchat);
  const query = { username: usernameOf(actor.vrchat), excludeUserId: owner.vrchat.account.id };
  this.remember(await vrchatDevice(this).checkUserExists(query));
});

When('someone checks whether an unused username is taken', async function (this: AuthWorld) {
  this.remember(await vrchatDevice(this).checkUserExists({ username: `free${randomBytes(4).toString('hex')}` }));
});

When('someone checks whether a name is taken without naming anything', async function (this: AuthWorld) {
  this.remember(await vrchatDevice(this).checkUserExists({}));
});

When('someone checks whether a name is taken giving only a user id', async function (this: AuthWorld) {
  this.remember(await vrchatDevice(this).checkUserExists({ userId: 'usr_00000000-0000-0000-0000-000000000000' }));
});

Then('the name is reported as taken', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `the check answered ${this.lastResponse.status}`);
  assert.equal(this.lastResponse.json<{ userExists: boolean }>().userExists, true, 'the name is reported as free');
});

Then('the name is reported as free', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `the check answered ${this.lastResponse.status}`);
  assert.equal(this.lastResponse.json<{ userExists: boolean }>().userExists, false, 'the name is reported as taken');
});

// What `nameOk` means is not documented (assumption VR-021); that a username lookup carries it is [wire].
Then('the answer also says whether the username would be acceptable', function (this: AuthWorld) {
  assert.equal(typeof this.lastResponse.json<{ nameOk?: unknown }>().nameOk, 'boolean', 'a username lookup does not say whether the name is acceptable');
});

Then('the check asks for a username, email address or display name', function (this: AuthWorld) {
  expectVrchatError(this.lastResponse, 400, 'username, email, or displayName required');
});

// Deletion.

/** On a real server any later request of the account cancels its deletion; the scenario makes one at the end. */
function cancelDeletionAfterwards(world: AuthWorld, actor: Actor): void {
  if (world.target.kind !== 'real') return;
  world.onCleanup(async () => {
    const user = await expectOwnProfile(actor.vrchat);
    world.log((user.accountDeletionDate ?? null) === null ? `Cancelled the deletion of ${actor.vrchat.account.username}.` : `Could NOT cancel the deletion of ${actor.vrchat.account.username}: do it by hand.`);
  });
}

When('{actor} asks to delete her/his/their account', async function (this: AuthWorld, actor: Actor) {
  cancelDeletionAfterwards(this, actor);
  this.remember(await actor.vrchat.driver.deleteUser(actor.vrchat.account.id));
});

Given('{actor} has asked to delete her/his/their account', async function (this: AuthWorld, actor: Actor) {
  cancelDeletionAfterwards(this, actor);
  const response = await actor.vrchat.driver.deleteUser(actor.vrchat.account.id);
  assert.equal(response.status, 200, `the deletion request answered ${response.status}`);
});

/** How many deletions of the account were ever requested (a real account keeps its whole history). */
async function deletionRequests(actor: Actor): Promise<number> {
  return deletionLog(await expectOwnProfile(actor.vrchat)).filter((entry) => entry.message === 'Deletion requested').length;
}

When('{actor} asks to delete {actor}\'s account', async function (this: AuthWorld, actor: Actor, owner: Actor) {
  owner.vrchat.deletionRequestsBefore = await deletionRequests(owner);
  cancelDeletionAfterwards(this, owner);
  this.remember(await actor.vrchat.driver.deleteUser(owner.vrchat.account.id));
});

When('{actor} looks at her/his/their own profile', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.vrchat.driver.getCurrentUser());
});

Then('the account is scheduled for deletion in {int} days', function (this: AuthWorld, days: number) {
  assert.equal(this.lastResponse.status, 200, `the deletion request answered ${this.lastResponse.status}`);
  const user = this.lastResponse.json<CurrentUser>();
  assert.ok(user.accountDeletionDate, 'no deletion date is set');
  const requested = deletionLog(user).at(-1);
  assert.ok(requested?.dateTime, 'the deletion log names no request');
  // The deletion date is a calendar date (format: date): the day of the request plus the delay.
  const requestDay = Date.parse(requested.dateTime.slice(0, 10));
  const delayDays = (Date.parse(user.accountDeletionDate.slice(0, 10)) - requestDay) / 86_400_000;
  assert.equal(delayDays, days, `the deletion is scheduled ${delayDays} days after the request`);
});

Then('the deletion request is logged', function (this: AuthWorld) {
  assert.equal(deletionLog(this.lastResponse.json<CurrentUser>()).at(-1)?.message, 'Deletion requested');
});

Then('the account is no longer scheduled for deletion', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `asking who is logged in answered ${this.lastResponse.status}`);
  // Null, or left out (the description neither requires the field nor says it stays once cancelled).
  assert.equal(this.lastResponse.json<CurrentUser>().accountDeletionDate ?? null, null, 'the deletion is still scheduled');
});

Then('the cancellation is logged after the request', function (this: AuthWorld) {
  const messages = deletionLog(this.lastResponse.json<CurrentUser>()).map((entry) => entry.message);
  assert.deepEqual(messages.slice(-2), ['Deletion requested', 'Deletion canceled']);
});

Then('{actor} is kept out of {actor}\'s account', function (this: AuthWorld, _actor: Actor, _owner: Actor) {
  assert.ok([401, 403].includes(this.lastResponse.status), `expected 401 or 403, got ${this.lastResponse.status}`);
});

Then('{actor}\'s account is not scheduled for deletion', async function (this: AuthWorld, actor: Actor) {
  assert.equal(await deletionRequests(actor), actor.vrchat.deletionRequestsBefore ?? 0, 'a deletion was requested for the account');
});

// Email confirmation.

async function resendConfirmation(world: AuthWorld, actor: Actor) {
  return world.remember(await world.expectingMail(actor.vrchat.account.email, () => actor.vrchat.driver.resendEmailConfirmation()));
}

When('{actor} asks for the confirmation email again', async function (this: AuthWorld, actor: Actor) {
  await resendConfirmation(this, actor);
});

Given('{actor} has asked for the confirmation email again', async function (this: AuthWorld, actor: Actor) {
  assert.equal((await resendConfirmation(this, actor)).status, 200);
});

Then('the confirmation email is reported as sent', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `resending answered ${this.lastResponse.status}`);
  assert.equal(this.lastResponse.json<{ success?: { status_code: number } }>().success?.status_code, 200);
});

Then('{actor} receives an email with a confirmation link', async function (this: AuthWorld, actor: Actor) {
  // A configured account's address is unknown: its mail is the newest with a link since the request.
  actor.vrchat.lastMailLink = await this.mailbox.link(this.mailMark(actor.vrchat.account.email));
});

When('{actor} opens the confirmation link with a tampered token', async function (this: AuthWorld, actor: Actor) {
  const link = new URL(await this.mailbox.link(this.mailMark(actor.vrchat.email)));
  link.searchParams.set('verify_email', `eml_${randomBytes(16).toString('hex')}`);
  this.remember(await actor.vrchat.driver.openMailLink(link.toString()));
});


Then('{actor}\'s email address is confirmed', async function (this: AuthWorld, actor: Actor) {
  assert.equal((await expectOwnProfile(actor.vrchat)).emailVerified, true, 'the email address is not confirmed');
});

Then('{actor}\'s email address is still unconfirmed', async function (this: AuthWorld, actor: Actor) {
  assert.equal((await expectOwnProfile(actor.vrchat)).emailVerified, false, 'a tampered link confirmed the address');
});
