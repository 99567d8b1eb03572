import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMocks, type RunningMocks } from '../../mocks/start-mocks';
import { HttpClient } from '../../support/http/client';
import { ShokoDriver } from '../../support/shoko/driver';

describe('the Shoko mock', () => {
  let mocks: RunningMocks;
  let shoko: ShokoDriver;

  before(async () => {
    mocks = await startMocks({ clock: 'manual' });
    const client = new HttpClient({ baseUrl: mocks.urls.shoko });
    shoko = new ShokoDriver(client);
    await client.send('/_mock/users', { method: 'POST', json: { username: 'Alice', password: ' secret ' } });
  });
  after(() => mocks.close());

  it('matches usernames case-insensitively and trims the password, like Shoko', async () => {
    const response = await shoko.login({ user: 'ALICE', pass: 'secret', device: 'Phone ' });
    assert.equal(response.status, 200);
    assert.equal((await shoko.login({ user: 'alice', pass: 'secret', device: 'phone' })).body, response.body, 'the device is normalised');
  });

  it('reads a text/plain body as JSON, and answers an empty or non-JSON body with a validation problem', async () => {
    const plain = await shoko.loginWithRawBody('{"user":"alice","pass":"secret","device":"tv"}', 'text/plain');
    assert.equal(plain.status, 200);
    for (const body of ['', 'user=alice', '[1,2]', 'null']) {
      const response = await shoko.loginWithRawBody(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.header('content-type'), 'application/problem+json; charset=utf-8');
      assert.equal(response.json<{ title: string }>().title, 'One or more validation errors occurred.');
    }
  });

  it('allows an empty password field but not a missing one', async () => {
    const missing = await shoko.login({ user: 'alice', device: 'tv' });
    assert.deepEqual(missing.json<{ errors: unknown }>().errors, { pass: ['Password is required'] });
    assert.equal((await shoko.login({ user: 'alice', pass: '', device: 'tv' })).status, 401);
  });

  it('serves the generated client\'s /api/v3/api/auth alias and case-insensitive routes', async () => {
    const { apikey } = (await shoko.client.send('/api/v3/api/auth', { method: 'POST', json: { user: 'alice', pass: 'secret', device: 'alias' } })).json<{ apikey: string }>();
    assert.equal((await shoko.currentUser(apikey)).status, 200);
    const changed = await shoko.client.send('/api/auth/changepassword', { method: 'POST', body: '"secret"', headers: { 'content-type': 'application/json', apikey } });
    assert.equal(changed.status, 200);
    assert.equal((await shoko.currentUser(apikey)).status, 401, 'the change revoked the key used for it');
  });

  it('answers unknown routes with an empty 404 and a bad key with an empty 401', async () => {
    const unknown = await shoko.client.send('/api/nothing');
    assert.deepEqual([unknown.status, unknown.body], [404, '']);
    const refused = await shoko.currentUser('00000000-0000-0000-0000-000000000000');
    assert.deepEqual([refused.status, refused.body], [401, '']);
  });
});
