import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMocks, type RunningMocks } from '../../mocks/start-mocks';
import { HttpClient } from '../../support/http/client';
import { EnhanceDriver } from '../../support/enhance/driver';

describe('the Enhance mock', () => {
  let mocks: RunningMocks;
  let control: HttpClient;
  let org: { id: string };
  let token: string;
  let counter = 0;

  before(async () => {
    mocks = await startMocks({ clock: 'manual' });
    control = new HttpClient({ baseUrl: new URL(mocks.urls.enhance).origin });
    const realm = (await control.send('/_mock/orgs', { method: 'POST', json: { name: 'Realm' } })).json<{ id: string }>();
    org = (await control.send('/_mock/orgs', { method: 'POST', json: { name: 'Customer', parentId: realm.id } })).json<{ id: string }>();
    token = (await control.send(`/_mock/orgs/${realm.id}/access-tokens`, { method: 'POST', json: { roles: ['Owner'] } })).json<{ token: string }>().token;
  });
  after(() => mocks.close());

  const device = () => new EnhanceDriver(new HttpClient({ baseUrl: mocks.urls.enhance }));

  async function login(authMethod: 'basic' | 'email' = 'basic') {
    counter += 1;
    const creds = { email: `user${counter}@x.test`, password: `pw-${counter}` };
    await control.send('/_mock/logins', { method: 'POST', json: { ...creds, name: `User ${counter}`, authMethod, orgId: org.id, roles: ['SiteAccess'] } });
    return creds;
  }

  it('answers every error in the one {code, message} shape, bad JSON and unknown routes included', async () => {
    const client = device().client;
    const responses = [
      await client.send('/login/sessions', { method: 'POST', body: '{oops', headers: { 'content-type': 'application/json' } }),
      await client.send('/login/sessions', { method: 'POST', body: '<x/>', headers: { 'content-type': 'application/xml' } }),
      await client.send('/nowhere'),
      await client.send('/login'),
    ];
    assert.deepEqual(responses.map((response) => response.status), [400, 415, 404, 401]);
    for (const response of responses) assert.deepEqual(Object.keys(response.json<object>()).sort(), ['code', 'message']);
  });

  it('answers a multipart upload that ends before its closing boundary with a 400, not a server error', async () => {
    const olga = device();
    assert.equal((await olga.createSession(await login())).status, 200);
    const part = '--x\r\nContent-Disposition: form-data; name="avatar"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n';
    // Found by the fuzz test: `[]` is no multipart body at all; the others stop before the part's end.
    for (const body of ['[]', '--x\r\n', `${part}PNG`]) {
      const response = await olga.client.send('/login/avatar', { method: 'PUT', body, headers: { 'content-type': 'multipart/form-data; boundary=x' } });
      assert.equal(response.status, 400, body);
      assert.deepEqual(Object.keys(response.json<object>()).sort(), ['code', 'message']);
    }
    // The session still uploads a well-formed one.
    assert.equal((await olga.setLoginAvatar(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image/png')).status, 200);
  });

  it('refuses a pending session everywhere but the 2FA endpoints', async () => {
    const creds = await login('email');
    const olga = device();
    assert.equal((await olga.createSession(creds)).status, 201);
    for (const response of [await olga.getLogin(), await olga.getSessions(), await olga.deleteCurrentSession()]) {
      assert.equal(response.status, 401);
    }
    assert.equal((await olga.resendPin('email')).status, 200);
  });

  /** The PIN in the newest mail to `email` (Mailpit lists newest first). */
  async function newestPin(email: string): Promise<string> {
    const search = (await (await fetch(`${mocks.urls.mailbox}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`)).json()) as { messages: { ID: string }[] };
    const id = search.messages[0]?.ID;
    assert.ok(id, `no mail reached ${email}`);
    const { Text } = (await (await fetch(`${mocks.urls.mailbox}/api/v1/message/${id}`)).json()) as { Text: string };
    return /\b(\d{6})\b/.exec(Text)?.[1] ?? '';
  }

  /** A signed-in session of a new login with PINs sent by email. */
  async function signedInWithPin() {
    const creds = await login('email');
    const olga = device();
    assert.equal((await olga.createSession(creds)).status, 201);
    assert.equal((await olga.verify2FA({ authMethod: 'email', pin: await newestPin(creds.email) })).status, 200);
    return { creds, olga };
  }

  it('turns an emailed second factor off only with the PIN it mails, as the spec\'s text says (EN-022)', async () => {
    const { creds, olga } = await signedInWithPin();
    // No password asked: the answer says a PIN must confirm it, and until then the method stays.
    const off = await olga.updateLoginInfo({ authMethod: 'basic' });
    assert.equal(off.status, 200);
    assert.deepEqual(off.json(), { verifyPin: true });
    const pin = await newestPin(creds.email);
    assert.equal((await olga.getLogin()).json<{ authMethod: string }>().authMethod, 'email');
    assert.equal((await device().createSession(creds)).status, 201, 'the second factor went off before its PIN');
    assert.equal((await olga.verify2FA({ authMethod: 'email', pin })).status, 200);
    assert.equal((await olga.getLogin()).json<{ authMethod: string }>().authMethod, 'basic');
    assert.equal((await device().createSession(creds)).status, 200, 'the password alone does not sign in after the PIN');
  });

  it('ends the session of a wrong PIN for turning the second factor off, and keeps the factor (EN-022)', async () => {
    const { creds, olga } = await signedInWithPin();
    assert.deepEqual((await olga.updateLoginInfo({ authMethod: 'basic' })).json(), { verifyPin: true });
    assert.equal((await olga.verify2FA({ authMethod: 'email', pin: '000000' })).status, 401);
    assert.equal((await olga.getLogin()).status, 401, 'the session survived a wrong PIN');
    assert.equal((await device().createSession(creds)).status, 201, 'a wrong PIN turned the second factor off');
  });

  it('signs in within the realm realmId names, as the spec\'s text says (EN-021)', async () => {
    const creds = await login();
    const other = (await control.send('/_mock/orgs', { method: 'POST', json: { name: 'Other realm' } })).json<{ id: string }>();
    assert.equal((await device().createSession(creds, org.id)).status, 200, 'its own organisation\'s realm');
    assert.equal((await device().createSession(creds, other.id)).status, 401, 'a realm the login is not in');
    assert.equal((await device().createSession(creds)).status, 200, 'no realmId: the panel\'s realm');
  });

  it('takes an ico avatar, as the spec\'s text lists it (EN-024)', async () => {
    const olga = device();
    assert.equal((await olga.createSession(await login())).status, 200);
    assert.equal((await olga.setLoginAvatar(new Uint8Array([0x00, 0x00, 0x01, 0x00, 0x01, 0x00]), 'image/x-icon', 'a.ico')).status, 200);
  });

  it('refuses the 2FA endpoints to an active session that waits for no PIN', async () => {
    const olga = device();
    assert.equal((await olga.createSession(await login())).status, 200);
    assert.equal((await olga.verify2FA({ authMethod: 'email', pin: '123456' })).status, 401);
  });

  it('takes the organisation token for organisation operations but not for the current login', async () => {
    const company = device().withToken(token);
    assert.equal((await company.getOrgLogins(org.id)).status, 200);
    assert.equal((await company.getLogin()).status, 401);
    assert.equal((await device().withToken('forged').getOrgLogins(org.id)).status, 401);
  });

  it('creates a login in the realm only, and makes it a member through createMember alone', async () => {
    const company = device().withToken(token);
    counter += 1;
    const details = { email: `member${counter}@x.test`, name: `Member ${counter}`, password: `pw-${counter}` };
    const created = await company.createLogin(org.id, details);
    assert.equal(created.status, 201);
    const loginId = created.json<{ id: string }>().id;
    const memberships = async () => (await device().createSession(details)).json<{ memberships: { memberId: string; orgId: string }[] }>().memberships;
    assert.deepEqual(await memberships(), [], 'createLogin made a member');
    const member = await company.createMember(org.id, { loginId, roles: ['SiteAccess'] });
    assert.equal(member.status, 201);
    const listed = (await memberships()).map(({ memberId, orgId }) => ({ memberId, orgId }));
    assert.deepEqual(listed, [{ memberId: member.json<{ id: string }>().id, orgId: org.id }]);
    const answers = [
      await company.createMember(org.id, { loginId, roles: ['SiteAccess'] }),
      await company.createMember(org.id, { loginId: '00000000-0000-4000-8000-000000000000', roles: ['SiteAccess'] }),
      await company.createMember(org.id, { loginId: 'not-a-uuid', roles: ['SiteAccess'] }),
      await company.createMember(org.id, { loginId, roles: ['Emperor' as never] }),
      await device().createMember(org.id, { loginId, roles: ['SiteAccess'] }),
    ];
    assert.deepEqual(answers.map((answer) => answer.status), [409, 404, 400, 400, 401]);
    for (const answer of answers) assert.deepEqual(Object.keys(answer.json<object>()).sort(), ['code', 'message']);
    // A member with a lesser role cannot make members, and a login of another realm cannot become one here.
    const customer = device();
    assert.equal((await customer.createSession(details)).status, 200);
    assert.equal((await customer.createMember(org.id, { loginId, roles: ['Owner'] })).status, 403);
    const otherRealm = (await control.send('/_mock/orgs', { method: 'POST', json: { name: 'Other realm' } })).json<{ id: string }>();
    const stranger = await company.createLogin(otherRealm.id, { email: `stranger${counter}@x.test`, name: 'Stranger', password: 'pw' });
    assert.equal(stranger.status, 403, 'the hosting company acted on another realm');
    const outsider = (await control.send('/_mock/logins', { method: 'POST', json: { email: `outsider${counter}@x.test`, name: 'Outsider', password: 'pw', orgId: otherRealm.id, roles: ['Owner'] } })).json<{ id: string }>();
    assert.equal((await company.createMember(org.id, { loginId: outsider.id, roles: ['SiteAccess'] })).status, 404);
  });

  it('lets a locked-out login in again after an administrator sets its password (Assumption EN-027)', async () => {
    const creds = await login();
    const olga = device();
    await olga.createSession(creds);
    const loginId = (await olga.getLogin()).json<{ id: string }>().id;
    for (let guess = 0; guess < 10; guess += 1) await device().createSession({ ...creds, password: 'wrong' });
    assert.equal((await device().createSession(creds)).status, 401, 'ten wrong passwords did not lock the login');
    assert.equal((await device().withToken(token).setCustomerLoginPassword(loginId, 'new-pw')).status, 200);
    assert.equal((await device().createSession({ ...creds, password: 'new-pw' })).status, 200);
  });

  it('validates paging and sorting parameters', async () => {
    const company = device().withToken(token);
    for (const bad of [{ limit: 0 }, { offset: -1 }, { sortBy: 'password' }, { sortOrder: 'up' }] as const) {
      assert.equal((await company.client.send(`/orgs/${org.id}/logins`, { query: Object.fromEntries(Object.entries(bad).map(([k, v]) => [k, String(v)])), headers: { authorization: `Bearer ${token}` } })).status, 400, JSON.stringify(bad));
    }
  });

  it('issues a new session cookie when the second factor is passed', async () => {
    const creds = await login('email');
    const olga = device();
    const pending = (await olga.createSession(creds)).setCookie('id0')?.value;
    const mail = (await new HttpClient({ baseUrl: mocks.urls.mailbox }).send('/api/v1/search', { query: { query: `to:${creds.email}` } })).json<{ messages: { Snippet: string }[] }>();
    const pin = /\b(\d{6})\b/.exec(mail.messages[0]?.Snippet ?? '')?.[1] ?? '';
    const verified = await olga.verify2FA({ authMethod: 'email', pin });
    assert.equal(verified.status, 200);
    assert.notEqual(verified.setCookie('id0')?.value, pending);
    const replay = new HttpClient({ baseUrl: mocks.urls.enhance });
    assert.equal((await replay.send('/login', { headers: { cookie: `id0=${pending}` } })).status, 401, 'the pre-2FA cookie must not become a session');
  });
});
