import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateSecret, generateSync } from 'otplib';
import { startMocks, type RunningMocks } from '../../mocks/start-mocks';
import { HttpClient } from '../../support/http/client';
import { VrchatDriver } from '../../support/vrchat/driver';

const UA = 'authflow-test/1 (qa@example.test)';
const MISSING_CREDENTIALS = '{"error":{"message":"\\"Missing Credentials\\"","status_code":401}}';

describe('the VRChat mock', () => {
  let mocks: RunningMocks;
  let accountNumber = 0;

  before(async () => {
    mocks = await startMocks({ clock: 'manual' });
  });
  after(() => mocks.close());

  const device = (userAgent: string | undefined = UA) => new VrchatDriver(new HttpClient({ baseUrl: mocks.urls.vrchat, userAgent }));

  async function account(options: { totp?: boolean } = { totp: true }) {
    accountNumber += 1;
    const secret = options.totp ? generateSecret() : undefined;
    const credentials = { username: `user${accountNumber}`, password: `pw:${accountNumber}+x` };
    const control = new HttpClient({ baseUrl: new URL(mocks.urls.vrchat).origin });
    const response = await control.send('/_mock/accounts', {
      method: 'POST',
      json: { ...credentials, email: `user${accountNumber}@x.test`, ...(secret ? { totpSecret: secret } : {}) },
    });
    const created = response.json<{ id: string; recoveryCodes: string[] }>();
    const code = () => generateSync({ secret: secret ?? '', epoch: Math.floor(mocks.clock.now() / 1000) });
    return { ...created, credentials, code };
  }

  it('answers a missing credential with the exact 65-byte body', async () => {
    const response = await device().getCurrentUser();
    assert.equal(response.status, 401);
    assert.equal(response.body, MISSING_CREDENTIALS);
    assert.equal(Buffer.byteLength(response.body), 65);
    assert.equal(response.header('content-type'), 'application/json; charset=utf-8');
  });

  it('refuses anonymous or library-default user agents with the WAF body, on any route', async () => {
    for (const agent of [undefined, 'curl/8.5.0', 'node']) {
      const client = new HttpClient({ baseUrl: mocks.urls.vrchat, userAgent: agent });
      const response = await client.send('/auth/exists', { query: { username: 'x' } });
      assert.equal(response.status, 403, String(agent));
      assert.equal(response.header('content-type'), 'application/json');
      assert.match(response.body, /"waf_code":13799/);
    }
  });

  it('answers unknown routes with the bare 404 error, inside and outside the API prefix', async () => {
    for (const path of ['/auth/nope', `${new URL(mocks.urls.vrchat).origin}/elsewhere`]) {
      const response = await device().client.send(path);
      assert.equal(response.status, 404);
      assert.equal(response.body, '{"error":"The endpoint you\'re looking for is not implemented by our system."}');
    }
  });

  it('repeats the challenge to a pending cookie without a new cookie, and refuses it elsewhere', async () => {
    const { credentials } = await account();
    const tess = device();
    await tess.getCurrentUser(credentials);
    const again = await tess.getCurrentUser();
    assert.equal(again.body, '{"requiresTwoFactorAuth":["totp","otp"]}');
    assert.equal(again.headers.getSetCookie().length, 0);
    const token = await tess.verifyAuthToken();
    assert.equal(token.body, '{"error":{"message":"\\"Requires Two-Factor Authentication\\"","status_code":401}}');
  });

  it('answers a verify without a cookie with 401 before looking at the body', async () => {
    const response = await device().verifyWithRawBody('{not json');
    assert.equal(response.status, 401);
    assert.equal(response.body, MISSING_CREDENTIALS);
  });

  it('answers malformed JSON with 400 in VRChat\'s envelope and keeps serving', async () => {
    const { credentials } = await account();
    const tess = device();
    await tess.getCurrentUser(credentials);
    for (const body of ['{not json', '"123456"', '{}', '{"code":{"digits":123456}}', '']) {
      const response = await tess.verifyWithRawBody(body);
      assert.equal(response.status, 400, body);
      assert.equal(response.json<{ error: { status_code: number } }>().error.status_code, 400);
    }
    assert.equal((await tess.getCurrentUser()).status, 200);
  });

  it('lets an authenticated cookie win over a wrong Basic header, without a new cookie', async () => {
    const { credentials, code, id } = await account();
    const tess = device();
    await tess.getCurrentUser(credentials);
    assert.equal((await tess.verify2FA(code())).status, 200);
    const response = await tess.getCurrentUser({ username: 'null', password: 'null' });
    assert.equal(response.json<{ id: string }>().id, id);
    assert.equal(response.headers.getSetCookie().length, 0);
  });

  it('accepts the same code sent concurrently to the authenticator and recovery endpoints (JS SDK)', async () => {
    const { credentials, code } = await account();
    const tess = device();
    await tess.getCurrentUser(credentials);
    const now = code();
    const [totp, otp] = await Promise.all([tess.verify2FA(now), tess.verifyRecoveryCode(now)]);
    assert.deepEqual([totp.status, otp.status].sort(), [200, 400]);
    assert.equal((await tess.verifyAuthToken()).status, 200);
  });

  it('keeps the device cookie on logout, so the next Basic login skips the second factor', async () => {
    const { credentials, code, id } = await account();
    const tess = device();
    await tess.getCurrentUser(credentials);
    await tess.verify2FA(code());
    const logout = await tess.logout();
    assert.deepEqual(logout.setCookies.map((cookie) => cookie.name), ['auth', 'age', 'tos']);
    const again = await tess.getCurrentUser(credentials);
    assert.equal(again.json<{ id: string }>().id, id);
    assert.equal(again.setCookie('auth')?.value.startsWith('authcookie_'), true);
  });

  it('spends a recovery code for good', async () => {
    const { credentials, recoveryCodes } = await account();
    const [first] = recoveryCodes;
    assert.ok(first);
    const one = device();
    await one.getCurrentUser(credentials);
    assert.equal((await one.verifyRecoveryCode(first)).status, 200);
    const two = device();
    await two.getCurrentUser(credentials);
    assert.equal((await two.verifyRecoveryCode(first)).body, '{"verified":false}');
  });

  it('cancels a scheduled deletion on the next authenticated request, not on the request itself', async () => {
    const { credentials, code, id } = await account();
    const tess = device();
    await tess.getCurrentUser(credentials);
    await tess.verify2FA(code());
    const scheduled = (await tess.deleteUser(id)).json<{ accountDeletionDate: string | null }>();
    assert.ok(scheduled.accountDeletionDate);
    await tess.getRecoveryCodes();
    const after = (await tess.getCurrentUser()).json<{ accountDeletionDate: string | null; accountDeletionLog: { message: string }[] }>();
    assert.equal(after.accountDeletionDate, null);
    assert.deepEqual(after.accountDeletionLog.map((entry) => entry.message), ['Deletion requested', 'Deletion canceled']);
  });

  it('rejects registrations missing any required field', async () => {
    const complete = {
      acceptedTOSVersion: 9, captchaCode: 'c', day: '1', month: '1', year: '1990',
      email: 'new@x.test', password: 'long-enough', subscribe: false, username: 'newcomer',
    };
    for (const field of Object.keys(complete)) {
      const { [field as keyof typeof complete]: _dropped, ...partial } = complete;
      const response = await device().registerUserAccount(partial);
      assert.equal(response.status, 400, field);
    }
  });

  it('treats a userId alone as no name at all in existence checks', async () => {
    const response = await device().checkUserExists({ userId: 'usr_00000000-0000-0000-0000-000000000000' });
    assert.equal(response.body, '{"error":{"message":"\\"username, email, or displayName required\\"","status_code":400}}');
  });
});
