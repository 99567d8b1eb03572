import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../../support/world/actor';
import { EnhanceAbility } from '../../support/enhance/ability';
import { expectEnhanceError } from '../../support/enhance/expectations';
import { hostingCompany, methodChangeHelp, newLoginDetails } from '../../support/enhance/tasks';
import { switchSignInMethod } from '../../support/enhance/sign-in-method';
import type { AuthWorld } from '../../support/world/world';

interface LoginBody {
  id: string;
  email: string;
  name: string;
  authMethod: string;
  avatarPath?: string;
}

When('{actor} looks at her/his/their panel login', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.enhance.driver.getLogin());
});

Then('the panel shows {actor}\'s email address, name and sign-in method', function (this: AuthWorld, actor: Actor) {
  assert.equal(this.lastResponse.status, 200);
  const { account } = actor.enhance;
  const login = this.lastResponse.json<LoginBody>();
  actor.enhance.recognise(login);
  // Addresses compared as the panel matches them at sign-in (a configured one may be written in other letter case).
  assert.deepEqual({ id: login.id, email: login.email.trim().toLowerCase(), name: login.name, authMethod: login.authMethod }, {
    id: account.id,
    email: account.email.trim().toLowerCase(),
    name: account.name,
    authMethod: account.authMethod,
  });
});

When('{actor} lists her/his/their memberships', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.enhance.driver.getLoginMemberships());
});

Then('{actor} is listed as a member of the customer organisation', function (this: AuthWorld, actor: Actor) {
  assert.equal(this.lastResponse.status, 200);
  const { memberships } = this.lastResponse.json<{ memberships: { orgId: string; memberId: string; roles: string[] }[] }>();
  const membership = memberships.find((entry) => entry.orgId === actor.enhance.account.orgId);
  assert.ok(membership, 'the customer organisation is not listed');
  assert.equal(membership.memberId, actor.enhance.account.memberId);
  assert.ok(Array.isArray(membership.roles));
});

/** Sends a change of the login; on 200 the account remembers it (and its old password). */
async function change(world: AuthWorld, actor: Actor, update: Record<string, string>) {
  const response = world.remember(await actor.enhance.driver.updateLoginInfo(update));
  if (response.status !== 200 && update.password) actor.enhance.refusedPassword = update.password;
  if (response.status === 200) {
    const { account } = actor.enhance;
    if (update.password) {
      actor.enhance.previousPassword = account.password;
      account.password = update.password;
    }
    if (update.email) account.email = update.email;
    if (update.name) account.name = update.name;
    if (update.authMethod) account.authMethod = update.authMethod as typeof account.authMethod;
  }
  return response;
}

When('{actor} changes her/his/their panel password without giving the current one', async function (this: AuthWorld, actor: Actor) {
  await change(this, actor, { password: EnhanceAbility.newPassword() });
});

When('{actor} changes her/his/their panel password giving the current one', async function (this: AuthWorld, actor: Actor) {
  await change(this, actor, { password: EnhanceAbility.newPassword(), currentPassword: actor.enhance.account.password });
});

When('{actor} changes her/his/their panel password giving a wrong current password', async function (this: AuthWorld, actor: Actor) {
  await change(this, actor, { password: EnhanceAbility.newPassword(), currentPassword: `${actor.enhance.account.password}-wrong` });
});

When('{actor} turns off two-factor authentication for her/his/their panel login with neither a PIN nor the current password', async function (this: AuthWorld, actor: Actor) {
  await change(this, actor, { authMethod: 'basic' });
});

/**
 * Enhance documents that turning MFA off needs the PIN of the enabled method: the panel answers `verifyPin: true` and
 * waits for it (assumption EN-022); a panel that asks the current password instead refuses the request.
 */
Then('the panel does not turn the second factor off yet', function (this: AuthWorld) {
  const { status } = this.lastResponse;
  if (status >= 400 && status < 500) return;
  assert.equal(status, 200, `turning the second factor off answered ${status}`);
  assert.equal(this.lastResponse.json<{ verifyPin?: boolean }>().verifyPin, true, 'the panel turned the second factor off without its PIN or the current password');
});

When('{actor} changes her/his/their panel email address without giving the current password', async function (this: AuthWorld, actor: Actor) {
  await change(this, actor, { email: newLoginDetails(actor.name).email });
});

When('{actor} changes her/his/their panel email address giving a wrong current password', async function (this: AuthWorld, actor: Actor) {
  await change(this, actor, { email: newLoginDetails(actor.name).email, currentPassword: `${actor.enhance.account.password}-wrong` });
});

When('{actor} changes her/his/their panel email address giving the current password', async function (this: AuthWorld, actor: Actor) {
  await change(this, actor, { email: newLoginDetails(actor.name).email, currentPassword: actor.enhance.account.password });
});

When('{actor} renames her/his/their panel login', async function (this: AuthWorld, actor: Actor) {
  await change(this, actor, { name: newLoginDetails(actor.name).name });
});

When('{actor} switches on PINs sent by email', async function (this: AuthWorld, actor: Actor) {
  // As the account holder would: the PIN the panel mails, if it asks for one before the change takes effect (EN-022).
  const { account } = actor.enhance;
  const switched = await switchSignInMethod(actor.enhance.driver, account, 'email', methodChangeHelp(this, account.email));
  assert.ok(typeof switched !== 'string', `${actor.name} could not switch on PINs sent by email: ${switched}`);
  this.remember(switched.response);
  if (switched.response.status === 200) account.authMethod = 'email';
});

/** Refused as input the login may not send (400) or a change it may not make (403): not as a signed-out request (401). */
Then('the panel refuses the change', function (this: AuthWorld) {
  expectEnhanceError(this.lastResponse, [400, 403]);
});

Then('the change is accepted', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `the change answered ${this.lastResponse.status}`);
});

Then('the panel shows {actor}\'s new name', async function (this: AuthWorld, actor: Actor) {
  const login = (await actor.enhance.driver.getLogin()).json<LoginBody>();
  assert.equal(login.name, actor.enhance.account.name);
});

When('the hosting company looks at the current login with its access token', async function (this: AuthWorld) {
  this.remember(await (await hostingCompany(this)).getLogin());
});

// The avatar.

/** A file that starts like a real PNG or JPEG and is padded to the size asked for. */
function image(format: 'PNG' | 'JPEG', kibibytes: number): Uint8Array {
  const signature = format === 'PNG' ? [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] : [0xff, 0xd8, 0xff, 0xe0];
  const bytes = new Uint8Array(kibibytes * 1024);
  bytes.set(signature);
  return bytes;
}

When(/^([A-Z][a-zß-ÿ]+) uploads a (PNG|JPEG) avatar of (\d+) KiB$/, async function (this: AuthWorld, actor: Actor, format: 'PNG' | 'JPEG', size: string) {
  actor.enhance.uploadedAvatar = true;
  this.remember(await actor.enhance.driver.setLoginAvatar(image(format, Number(size)), format === 'PNG' ? 'image/png' : 'image/jpeg'));
});

Given('{actor} has uploaded a PNG avatar', async function (this: AuthWorld, actor: Actor) {
  actor.enhance.uploadedAvatar = true;
  assert.equal((await actor.enhance.driver.setLoginAvatar(image('PNG', 4), 'image/png')).status, 200);
});

When('{actor} uploads a text file as her/his/their avatar', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.enhance.driver.setLoginAvatar(new TextEncoder().encode('not a picture at all'), 'image/png', 'avatar.png'));
});

When('{actor} removes her/his/their avatar', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.enhance.driver.deleteLoginAvatar());
});

Then('the avatar is accepted', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `the upload answered ${this.lastResponse.status}`);
});

Then('the avatar is removed', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 204);
  assert.equal(this.lastResponse.body, '');
});

Then(/^the panel shows that ([A-Z][a-zß-ÿ]+) has (an|no) avatar$/, async function (this: AuthWorld, actor: Actor, has: string) {
  const login = (await actor.enhance.driver.getLogin()).json<LoginBody>();
  assert.equal(login.avatarPath !== undefined, has === 'an', `the login ${has === 'an' ? 'has no' : 'still has an'} avatar`);
});
