import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { seedBetterAuthAccount, seedRealModeAccounts } from '../../mocks/seed';
import { startMocks, type RunningMocks } from '../../mocks/start-mocks';
import { BASE_PATH, startBetterAuth, type RunningBetterAuth } from '../../servers/better-auth/server';
import { readConfig } from '../../support/core/config';
import { contractProblems } from '../../support/world/configuration-check';

describe('the configuration check that knows the contract (against the mocks)', () => {
  let mocks: RunningMocks;
  let betterAuth: RunningBetterAuth;
  let env: Record<string, string>;
  const state = mkdtempSync(join(tmpdir(), 'authflow-config-check-'));

  before(async () => {
    // The check's own state: no pacing, a session cache and a ledger of the test's own.
    Object.assign(process.env, { AUTHFLOW_SESSION_CACHE: join(state, 'sessions.json'), AUTHFLOW_LEDGER: join(state, 'ledger.json') });
    mocks = await startMocks({ clock: 'system' });
    betterAuth = await startBetterAuth({ configuration: 'defaults', mailboxUrl: mocks.urls.mailbox });
    env = {
      ...(await seedRealModeAccounts(mocks, { extraAccounts: 1 })),
      BETTER_AUTH_BASE_URL: betterAuth.origin,
      BETTER_AUTH_BASE_PATH: BASE_PATH,
      ...(await seedBetterAuthAccount(betterAuth.apiUrl, mocks.urls.mailbox)),
      REQUEST_INTERVAL_MS: '0',
    };
  });
  after(async () => {
    await betterAuth?.close();
    await mocks.close();
    rmSync(state, { recursive: true, force: true });
  });

  const problemsWith = async (changes: Record<string, string>) => {
    const { config, problems } = readConfig({ ...env, ...changes });
    assert.deepEqual(problems, [], 'the variables themselves are wrong');
    return contractProblems(config);
  };

  it('finds nothing wrong with the block npm run mocks prints', async () => {
    assert.deepEqual(await problemsWith({}), []);
  });

  it('stops an organisation that is the realm itself, naming both', async () => {
    const problems = await problemsWith({ ENHANCE_ORG_ID: env.ENHANCE_REALM_ID as string });
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', new RegExp(`ENHANCE_ORG_ID and ENHANCE_REALM_ID are both ${env.ENHANCE_REALM_ID}`));
  });

  it('stops an organisation that is no customer of the realm', async () => {
    const origin = new URL(env.ENHANCE_BASE_URL as string).origin;
    const post = async (path: string, body: unknown) => (await fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<{ id: string }>;
    // Another hosting company's customer, with a login, which this realm's token may still reach as an MO Owner would not.
    const elsewhere = await post('/_mock/orgs', { name: 'Elsewhere' });
    const customer = await post('/_mock/orgs', { name: 'Their customer', parentId: elsewhere.id });
    await post('/_mock/logins', { email: 'theirs@x.test', name: 'Theirs', password: 'pw-theirs', authMethod: 'basic', orgId: customer.id, roles: ['Owner'] });
    const problems = await problemsWith({ ENHANCE_ORG_ID: customer.id });
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', new RegExp(`ENHANCE_ORG_ID=${customer.id}`));
  });

  it('says which account does not sign in with what was given, one message each, without a secret', async () => {
    const problems = await problemsWith({ VRCHAT_EMAIL_PASSWORD: 'wrong-password', ENHANCE_OTP_PASSWORD: 'wrong-too', SHOKO_PASSWORD: 'nope', ENHANCE_ADMIN_TOKEN: 'forged-token' });
    assert.equal(problems.length, 5, problems.join('\n'));
    for (const variable of ['VRCHAT_EMAIL_USERNAME', 'ENHANCE_OTP_EMAIL', 'SHOKO_USER', 'ENHANCE_ADMIN_TOKEN cannot list the logins of the realm', 'ENHANCE_ADMIN_TOKEN cannot list the logins of the organisation']) {
      assert.ok(problems.some((problem) => problem.includes(variable)), `no message about ${variable}:\n${problems.join('\n')}`);
    }
    assert.ok(!problems.join('\n').includes('wrong-password') && !problems.join('\n').includes('forged-token'));
  });

  it('names an account whose login asks for another second factor than the configuration says', async () => {
    const problems = await problemsWith({ VRCHAT_EMAIL_USERNAME: env.VRCHAT_USERNAME as string, VRCHAT_EMAIL_PASSWORD: env.VRCHAT_PASSWORD as string, VRCHAT_USERNAME: env.VRCHAT_TOTP_ACCOUNT_2_USERNAME as string, VRCHAT_PASSWORD: env.VRCHAT_TOTP_ACCOUNT_2_PASSWORD as string, VRCHAT_TOTP_ACCOUNT_2_USERNAME: '', VRCHAT_TOTP_ACCOUNT_2_PASSWORD: '', VRCHAT_TOTP_ACCOUNT_2_SECRET: '' });
    assert.deepEqual(problems.map((problem) => problem.split(':')[0]), ['VRCHAT_EMAIL_USERNAME and VRCHAT_EMAIL_PASSWORD']);
    assert.match(problems[0] ?? '', /not a code by email/);
  });

  it('stops a better-auth base path that does not answer the health check, and a lent account that does not sign in', async () => {
    const path = await problemsWith({ BETTER_AUTH_BASE_PATH: '/api/other' });
    assert.equal(path.length, 1, path.join('\n'));
    assert.match(path[0] ?? '', /BETTER_AUTH_BASE_PATH=\/api\/other: the health check/);
    const account = await problemsWith({ BETTER_AUTH_PASSWORD: 'wrong-password-too' });
    assert.deepEqual(account.map((problem) => problem.split(':')[0]), ['BETTER_AUTH_EMAIL and BETTER_AUTH_PASSWORD']);
    assert.ok(!account.join('\n').includes('wrong-password-too'));
  });

  it('stops a mailbox that does not answer Mailpit\'s API', async () => {
    const problems = await problemsWith({ MAILBOX_URL: env.SHOKO_BASE_URL as string });
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /MAILBOX_URL=.* does not answer Mailpit's API/);
  });
});
