import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../support/world/actor';
import { EnhanceAbility } from '../../support/enhance/ability';
import type { EnhanceDriver, Paging } from '../../support/enhance/driver';
import { expectEnhanceError } from '../../support/enhance/expectations';
import { enhanceOrganisation } from '../../support/enhance/organisation';
import { abilityForCreatedLogin, createCustomerMember, hostingCompany, newLoginDetails, otherCompany } from '../../support/enhance/tasks';
import { footprint } from '../../support/core/footprint';
import type { AuthWorld } from '../../support/world/world';

/** Creates a login in the customer organisation as `by`; on 201 the new login becomes the actor's. */
async function createLogin(world: AuthWorld, by: EnhanceDriver, actor: Actor) {
  const { customerOrgId } = await enhanceOrganisation(world);
  const details = newLoginDetails(actor.name);
  const response = world.remember(await by.createLogin(customerOrgId, details));
  if (response.status === 201) {
    actor.enhance = abilityForCreatedLogin(world, details, { id: response.json<{ id: string }>().id, orgId: customerOrgId });
    footprint.record('Enhance logins', details.email, 'created');
    footprint.record('Enhance logins', details.email, 'left-behind', { why: 'a brand-new login a scenario had to create (@leaves-login): the API cannot delete a login', avoidable: false });
  }
  return response;
}

When('the hosting company creates a login for {actor} in the customer organisation', async function (this: AuthWorld, actor: Actor) {
  await createLogin(this, await hostingCompany(this), actor);
});

Given('the hosting company has created a login for {actor} in the customer organisation', async function (this: AuthWorld, actor: Actor) {
  const response = await createLogin(this, await hostingCompany(this), actor);
  assert.equal(response.status, 201, `the hosting company could not create ${actor.name}'s login (${response.status})`);
});

When('{actor} creates a login for {actor} in the customer organisation', async function (this: AuthWorld, creator: Actor, actor: Actor) {
  await createLogin(this, creator.enhance.driver, actor);
});

When('the hosting company creates another login with {actor}\'s email address', async function (this: AuthWorld, actor: Actor) {
  const { customerOrgId } = await enhanceOrganisation(this);
  const details = { ...newLoginDetails(actor.name), email: actor.enhance.account.email };
  this.remember(await (await hostingCompany(this)).createLogin(customerOrgId, details));
});

When('the hosting company creates a login with an email address that is not valid', async function (this: AuthWorld) {
  const { customerOrgId } = await enhanceOrganisation(this);
  const details = { ...newLoginDetails('Invalid'), email: 'not an email address' };
  this.remember(await (await hostingCompany(this)).createLogin(customerOrgId, details));
});

Then('the login is created', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 201, `creating the login answered ${this.lastResponse.status}`);
  assert.match(this.lastResponse.json<{ id: string }>().id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
});

Then('the panel refuses it as already existing', function (this: AuthWorld) {
  expectEnhanceError(this.lastResponse, 409);
});

// Memberships: a login exists in the realm first, then an administrator makes it a member of an organisation.

/** Makes the login a member of the customer organisation as `by`; on 201 the member id becomes the actor's. */
async function makeMember(world: AuthWorld, by: EnhanceDriver, loginId: string, actor?: Actor) {
  const { customerOrgId } = await enhanceOrganisation(world);
  const response = world.remember(await by.createMember(customerOrgId, { loginId, roles: ['SiteAccess'] }));
  if (response.status === 201 && actor) {
    actor.enhance.account.memberId = response.json<{ id: string }>().id;
    const item = `membership of ${actor.enhance.account.email}`;
    footprint.record('Enhance memberships', item, 'created');
    footprint.record('Enhance memberships', item, 'left-behind', { why: 'the membership of a brand-new login that stays behind anyway (the API cannot delete a login)', avoidable: false });
  }
  return response;
}

When(/^the hosting company makes ([A-Z][a-zß-ÿ]+) a member of the customer organisation(?: again)?$/, async function (this: AuthWorld, actor: Actor) {
  await makeMember(this, await hostingCompany(this), actor.enhance.account.id, actor);
});

When('{actor} makes {actor} a member of the customer organisation', async function (this: AuthWorld, by: Actor, actor: Actor) {
  await makeMember(this, by.enhance.driver, actor.enhance.account.id, actor);
});

When('the hosting company makes a login that does not exist a member of the customer organisation', async function (this: AuthWorld) {
  await makeMember(this, await hostingCompany(this), randomUUID());
});

Then('the membership is created', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 201, `making the member answered ${this.lastResponse.status}`);
  assert.match(this.lastResponse.json<{ id: string }>().id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
});

Then('{actor}\'s memberships include the customer organisation', async function (this: AuthWorld, actor: Actor) {
  const { customerOrgId } = await enhanceOrganisation(this);
  const { email, password, memberId } = actor.enhance.account;
  const session = await actor.enhance.elsewhere().createSession({ email, password });
  assert.equal(session.status, 200, `${actor.name}'s sign-in answered ${session.status}`);
  const memberships = session.json<{ memberships: { memberId: string; orgId: string }[] }>().memberships;
  assert.ok(
    memberships.some((membership) => membership.orgId === customerOrgId && membership.memberId === memberId),
    `${actor.name} is not listed as the member the hosting company made`,
  );
});

// Listings.

function names(list: string): string[] {
  return list.split(/,\s*|\s+and\s+/).map((name) => name.trim()).filter(Boolean);
}

Given(/^the customer organisation has logins for (.+)$/, async function (this: AuthWorld, list: string) {
  for (const name of names(list)) this.actor(name).enhance = await createCustomerMember(this, name);
});

/** The first names of the listed logins (each login's name is "<First name> <suffix>"). */
function listedNames(world: AuthWorld): { names: string[]; total: number } {
  assert.equal(world.lastResponse.status, 200, `the listing answered ${world.lastResponse.status}`);
  const { items, total } = world.lastResponse.json<{ items: { name: string }[]; total: number }>();
  return { names: items.map((item) => item.name.split(' ')[0] ?? ''), total };
}

When(
  /^the hosting company lists the customer organisation's logins by (name|email) (asc|desc), (\d+) from position (\d+)$/,
  async function (this: AuthWorld, sortBy: Paging['sortBy'], sortOrder: Paging['sortOrder'], limit: string, offset: string) {
    const { customerOrgId } = await enhanceOrganisation(this);
    this.remember(await (await hostingCompany(this)).getOrgLogins(customerOrgId, { sortBy, sortOrder, limit: Number(limit), offset: Number(offset) }));
  },
);

Then(/^the page lists (.+) of (\d+) logins$/, function (this: AuthWorld, list: string, total: string) {
  assert.deepEqual(listedNames(this), { names: names(list), total: Number(total) });
});

When('the hosting company lists the logins of its customers', async function (this: AuthWorld) {
  const { realmId } = await enhanceOrganisation(this);
  this.remember(await (await hostingCompany(this)).getCustomerLogins(realmId, { limit: 100 }));
});

When('the hosting company lists the logins of its realm', async function (this: AuthWorld) {
  const { realmId } = await enhanceOrganisation(this);
  this.remember(await (await hostingCompany(this)).getLogins({ realmId, limit: 100 }));
});

Then(/^the listing includes (.+)$/, function (this: AuthWorld, list: string) {
  const listed = listedNames(this);
  // By id as well as by name: a reused login of a real panel may carry an earlier scenario's name.
  const ids = this.lastResponse.json<{ items: { id: string }[] }>().items.map((item) => item.id);
  for (const name of names(list)) assert.ok(listed.names.includes(name) && ids.includes(this.actor(name).enhance.account.id), `${name} is not listed`);
  assert.ok(listed.total >= names(list).length, 'the total is smaller than the logins listed');
});

When('{actor} lists the customer organisation\'s logins', async function (this: AuthWorld, actor: Actor) {
  const { customerOrgId } = await enhanceOrganisation(this);
  this.remember(await actor.enhance.driver.getOrgLogins(customerOrgId));
});

// Setting a customer's password.

async function setPassword(world: AuthWorld, by: EnhanceDriver, actor: Actor) {
  const password = EnhanceAbility.newPassword();
  const response = world.remember(await by.setCustomerLoginPassword(actor.enhance.account.id, password));
  if (response.status === 200) {
    actor.enhance.previousPassword = actor.enhance.account.password;
    actor.enhance.account.password = password;
  }
  return response;
}

When('the hosting company sets a new password for {actor}', async function (this: AuthWorld, actor: Actor) {
  await setPassword(this, await hostingCompany(this), actor);
});

When('{actor} sets a new password for {actor}', async function (this: AuthWorld, by: Actor, actor: Actor) {
  await setPassword(this, by.enhance.driver, actor);
});

When('the hosting company sets a new password for a login that does not exist', async function (this: AuthWorld) {
  this.remember(await (await hostingCompany(this)).setCustomerLoginPassword(randomUUID(), EnhanceAbility.newPassword()));
});

// 404, or 400 invalid_argument for a loginId that names no login (assumption EN-018: the status is not documented).
Then('the panel answers that there is no such login', function (this: AuthWorld) {
  expectEnhanceError(this.lastResponse, [404, 400]);
});

Given('another hosting company manages its own customers on the same panel', async function (this: AuthWorld) {
  await otherCompany(this);
});

When('the other hosting company sets a new password for {actor}', async function (this: AuthWorld, actor: Actor) {
  await setPassword(this, (await otherCompany(this)).driver, actor);
});

// Another tenant's login is none of the caller's business: forbidden, or not found (both documented).
Then('the panel refuses the other hosting company', function (this: AuthWorld) {
  expectEnhanceError(this.lastResponse, [403, 404]);
});
