import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../support/world/actor';
import { secrets } from '../../support/redaction/secrets';
import { EnhanceDriver } from '../../support/enhance/driver';
import { hostingCompany, otherCompany } from '../../support/enhance/tasks';
import { expectEnhanceError, expectNoSessionCookie } from '../../support/enhance/expectations';
import type { AuthWorld } from '../../support/world/world';

async function createLink(world: AuthWorld, by: EnhanceDriver, customer: Actor) {
  const { orgId, memberId } = customer.enhance.account;
  assert.ok(memberId, `${customer.name}'s membership is not known`);
  const response = world.remember(await by.getOrgMemberLogin(orgId, memberId));
  if (response.status === 201) {
    customer.enhance.ssoLink = response.json<string>();
    secrets.add(new URL(customer.enhance.ssoLink).searchParams.get('otp'));
  }
  return response;
}

function otpOf(actor: Actor): string {
  const link = actor.enhance.ssoLink;
  assert.ok(link, `${actor.name} has no one-time link`);
  const otp = new URL(link).searchParams.get('otp');
  assert.ok(otp, 'the link carries no otp');
  return otp;
}

Given('the hosting company has created a one-time sign-in link for {actor}', async function (this: AuthWorld, customer: Actor) {
  const response = await createLink(this, await hostingCompany(this), customer);
  assert.equal(response.status, 201, `creating the link answered ${response.status}`);
});

When('{actor} creates a one-time sign-in link for {actor}', async function (this: AuthWorld, admin: Actor, customer: Actor) {
  await createLink(this, admin.enhance.driver, customer);
});

Then('the panel returns a one-time sign-in link', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 201, `creating the link answered ${this.lastResponse.status}`);
  const link = this.lastResponse.json<unknown>();
  assert.equal(typeof link, 'string', 'the body is not a JSON string');
  assert.match(new URL(String(link)).searchParams.get('otp') ?? '', /^[0-9a-f-]{36}$/, 'the link carries no otp');
});

When('{actor} opens the one-time sign-in link', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.enhance.driver.createOtpSession(otpOf(actor)));
});

Given('{actor} has opened the one-time sign-in link', async function (this: AuthWorld, actor: Actor) {
  assert.equal((await actor.enhance.driver.createOtpSession(otpOf(actor))).status, 200);
});

When('{actor} opens the one-time sign-in link on another device', async function (this: AuthWorld, actor: Actor) {
  actor.enhance.switchDevice();
  this.remember(await actor.enhance.driver.createOtpSession(otpOf(actor)));
});

When('someone opens a malformed one-time sign-in link', async function (this: AuthWorld) {
  this.remember(await this.clientFor('Enhance').send('/login/sessions/sso', { query: { otp: `malformed-${randomBytes(4).toString('hex')}` } }));
});

When('{actor} opens the one-time sign-in link on two devices at the same moment', async function (this: AuthWorld, actor: Actor) {
  const otp = otpOf(actor);
  const [first, second] = [actor.enhance.switchDevice(), actor.enhance.switchDevice()].map((device) => new EnhanceDriver(device.client));
  this.answers = await actor.enhance.client.together([() => first.createOtpSession(otp), () => second.createOtpSession(otp)]);
});

Then('only one of the two devices is signed in', function (this: AuthWorld) {
  const answers = this.answers ?? [];
  const statuses = answers.map((answer) => answer.status);
  assert.equal(statuses.filter((status) => status === 200).length, 1, `one one-time link opened twice at the same moment answered ${statuses.join(' and ')}`);
  for (const refused of answers.filter((answer) => answer.status !== 200)) {
    expectEnhanceError(refused, [400, 401]);
    expectNoSessionCookie(refused);
  }
});

/**
 * The other company asks as an administrator would who guessed or saw Olga's member id: for her organisation,
 * and for its own customer organisation (whose administrator it is) with her member id.
 */
When('the other hosting company asks for a one-time sign-in link for {actor}', async function (this: AuthWorld, customer: Actor) {
  const { orgId, memberId } = customer.enhance.account;
  assert.ok(memberId, `${customer.name}'s membership is not known`);
  const other = await otherCompany(this);
  this.answers = [await other.driver.getOrgMemberLogin(orgId, memberId), await other.driver.getOrgMemberLogin(other.customerOrgId, memberId)];
});

Then('the panel gives the other hosting company no link for {actor}', function (this: AuthWorld, _customer: Actor) {
  for (const answer of this.answers ?? []) expectEnhanceError(answer, [403, 404]);
});
