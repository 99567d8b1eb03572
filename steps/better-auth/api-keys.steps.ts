import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import { createApiKey, newAbility, newAccountDetails, SOMEONE } from '../../support/better-auth/tasks';
import type { HttpResponse } from '../../support/http/response';
import { secrets } from '../../support/redaction/secrets';
import type { Actor } from '../../support/world/actor';
import type { AuthWorld } from '../../support/world/world';

When('{actor} creates an API key named {string}', async function (this: AuthWorld, actor: Actor, name: string) {
  await createApiKey(this, actor.betterAuth, name);
});

Given('{actor} has created an API key named {string}', async function (this: AuthWorld, actor: Actor, name: string) {
  assert.equal((await createApiKey(this, actor.betterAuth, name)).status, 200, `${actor.name} could not create the "${name}" key`);
});

/** The key alone, from a client that never signed in: whom does the server take it for? */
async function whoTheKeyIs(world: AuthWorld, owner: Actor, name: string) {
  const key = owner.betterAuth.apiKeys.get(name);
  assert.ok(key, `${owner.name} has no key named "${name}"`);
  const someone = world.actor(SOMEONE);
  someone.betterAuth = newAbility(world, owner.betterAuth.account);
  someone.betterAuth.usedApiKey = key.key;
  return world.remember(await someone.betterAuth.driver.getSession(key.key));
}

Then('the {string} key stands for {actor}', async function (this: AuthWorld, name: string, actor: Actor) {
  const session = await whoTheKeyIs(this, actor, name);
  assert.equal(session.status, 200, `the key was refused (${session.status})`);
  const body = session.json<{ user?: { email: string } } | null>();
  assert.equal(body?.user?.email.toLowerCase(), actor.betterAuth.account.email.toLowerCase(), 'the key stands for nobody, or for someone else');
});

When(/^([A-Z][a-zß-ÿ]+) deletes (?:her|his|their) "([^"]+)" key$/, async function (this: AuthWorld, actor: Actor, name: string) {
  const key = actor.betterAuth.apiKeys.get(name);
  assert.ok(key, `${actor.name} has no key named "${name}"`);
  const response = this.remember(await actor.betterAuth.driver.deleteApiKey(key.id));
  assert.equal(response.status, 200, `deleting the key answered ${response.status}`);
});

Then('the {string} key no longer works', async function (this: AuthWorld, name: string) {
  const owner = [...this.actors.values()].find((actor) => actor.has('better-auth') && actor.betterAuth.apiKeys.has(name));
  assert.ok(owner, `nobody has a key named "${name}"`);
  const session = await whoTheKeyIs(this, owner, name);
  assert.ok(session.status >= 400 || session.body === 'null', `the deleted key still stands for someone (${session.status})`);
});

When(/^([A-Z][a-zß-ÿ]+) renames (?:her|his|their) "([^"]+)" key to "([^"]+)"$/, async function (this: AuthWorld, actor: Actor, name: string, newName: string) {
  const key = actor.betterAuth.apiKeys.get(name);
  assert.ok(key, `${actor.name} has no key named "${name}"`);
  const response = this.remember(await actor.betterAuth.driver.updateApiKey({ keyId: key.id, name: newName }));
  assert.equal(response.status, 200, `renaming the key answered ${response.status}`);
  actor.betterAuth.apiKeys.delete(name);
  actor.betterAuth.apiKeys.set(newName, key);
});

Then('{actor}\'s keys list a key named {string}', async function (this: AuthWorld, actor: Actor, name: string) {
  const list = this.remember(await actor.betterAuth.driver.listApiKeys());
  assert.equal(list.status, 200, `listing the keys answered ${list.status}`);
  const names = list.json<{ apiKeys: { name: string | null }[] }>().apiKeys.map((key) => key.name);
  assert.ok(names.includes(name), `the keys listed are ${JSON.stringify(names)}`);
});

Then('neither the list nor the key\'s details show its secret', async function (this: AuthWorld) {
  const owner = [...this.actors.values()].find((actor) => actor.has('better-auth') && actor.betterAuth.apiKeys.size > 0);
  assert.ok(owner, 'nobody has a key');
  for (const key of owner.betterAuth.apiKeys.values()) {
    const listed = this.remember(await owner.betterAuth.driver.listApiKeys());
    const details = this.remember(await owner.betterAuth.driver.getApiKey(key.id));
    assert.equal(details.status, 200, `reading the key answered ${details.status}`);
    assert.ok(!listed.body.includes(key.key), 'the list shows the key\'s secret');
    assert.ok(!details.body.includes(key.key), 'the key\'s details show its secret');
  }
});

When('{actor} tries to read and to delete {actor}\'s {string} key', async function (this: AuthWorld, attacker: Actor, owner: Actor, name: string) {
  const key = owner.betterAuth.apiKeys.get(name);
  assert.ok(key, `${owner.name} has no key named "${name}"`);
  attacker.betterAuth.attempts = [await attacker.betterAuth.driver.getApiKey(key.id), await attacker.betterAuth.driver.deleteApiKey(key.id)];
  this.remember(attacker.betterAuth.attempts[1] as HttpResponse);
});

Then('{actor} is refused both times', function (this: AuthWorld, actor: Actor) {
  const [read, deletion] = actor.betterAuth.attempts;
  assert.ok(read && deletion, `${actor.name} made no attempts`);
  // docs/plugins/api-key: another user's key is not found for the caller (404), never shown or deleted.
  assert.ok(read.status >= 400 && read.status < 500, `reading someone else's key answered ${read.status}`);
  assert.ok(deletion.status >= 400 && deletion.status < 500, `deleting someone else's key answered ${deletion.status}`);
});

When('someone uses a made-up API key', async function (this: AuthWorld) {
  const madeUp = randomBytes(48).toString('base64url').slice(0, 64);
  secrets.add(madeUp);
  const someone = this.actor(SOMEONE);
  someone.betterAuth = newAbility(this, newAccountDetails(this, 'someone'));
  someone.betterAuth.usedApiKey = madeUp;
  this.remember(await someone.betterAuth.driver.getSession(madeUp));
});
