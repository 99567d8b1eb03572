import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import type { Actor } from '../../support/world/actor';
import { vrchatDevice } from '../../support/vrchat/device';
import { expectVrchatError } from '../../support/vrchat/expectations';
import type { AuthWorld } from '../../support/world/world';

When('{actor} logs in from a client that does not identify itself', async function (this: AuthWorld, actor: Actor) {
  this.remember(await vrchatDevice(this, { anonymousAgent: true }).getCurrentUser(actor.vrchat.credentials));
});

When('someone calls an operation the API does not have', async function (this: AuthWorld) {
  this.remember(await vrchatDevice(this).client.send('/auth/no-such-operation'));
});

Then('the refusal asks the client to identify itself', function (this: AuthWorld) {
  expectVrchatError(this.lastResponse, 403, /user-agent/i);
});

Then('the answer says the endpoint is not implemented', function (this: AuthWorld) {
  const body = this.lastResponse.json<{ error: unknown }>();
  assert.equal(typeof body.error, 'string', 'an unknown route should get the bare {"error":"…"} shape');
  assert.match(String(body.error), /not implemented/);
});
