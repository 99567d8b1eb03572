import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMocks, type RunningMocks } from '../../mocks/start-mocks';
import { configurationNamed, startBetterAuth, weakeningNamed, WEAKENINGS, type RunningBetterAuth } from '../../servers/better-auth/server';
import { HttpClient } from '../../support/http/client';
import { MailboxReader } from '../../support/core/mailbox';

/**
 * The embedded better-auth servers (servers/better-auth/): the real framework on 127.0.0.1, its mail delivered to a
 * Mailpit-compatible mailbox through Mailpit's send API, each configuration with its own rate-limit buckets.
 */
describe('the embedded better-auth server', () => {
  let mocks: RunningMocks;
  let defaults: RunningBetterAuth;
  let hardened: RunningBetterAuth;
  const password = 'correct horse battery staple';

  before(async () => {
    mocks = await startMocks({ clock: 'manual' });
    [defaults, hardened] = await Promise.all([
      startBetterAuth({ configuration: 'defaults', mailboxUrl: mocks.urls.mailbox }),
      startBetterAuth({ configuration: 'hardened', mailboxUrl: mocks.urls.mailbox }),
    ]);
  });
  after(async () => {
    await Promise.all([defaults?.close(), hardened?.close()]);
    await mocks?.close();
  });

  /** A POST as a browser on the server's own origin sends it, from one client address. */
  const post = (server: RunningBetterAuth, path: string, json: unknown, address = '203.0.113.1') =>
    new HttpClient({ baseUrl: server.apiUrl }).send(path, { method: 'POST', json, headers: { origin: server.origin, 'x-forwarded-for': address } });

  it('listens on 127.0.0.1, with its API under the base path', () => {
    for (const server of [defaults, hardened]) {
      assert.match(server.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(server.apiUrl, `${server.origin}/api/auth`);
    }
    assert.notEqual(defaults.origin, hardened.origin);
  });

  it('signs a new user in at once with the defaults, and only after the address is confirmed when hardened', async () => {
    const plain = await post(defaults, '/sign-up/email', { name: 'Ada', email: 'ada@better-auth.authflow.test', password });
    assert.equal(plain.status, 200, plain.body);
    assert.ok(plain.setCookie('better-auth.session_token')?.httpOnly, 'no HttpOnly session cookie at sign-up');
    const careful = await post(hardened, '/sign-up/email', { name: 'Ada', email: 'ada@better-auth.authflow.test', password });
    assert.equal(careful.status, 200, careful.body);
    assert.equal(careful.json<{ token: string | null }>().token, null, 'the hardened sign-up opened a session');
    const signIn = await post(hardened, '/sign-in/email', { email: 'ada@better-auth.authflow.test', password }, '203.0.113.2');
    assert.equal(signIn.status, 403, 'an unconfirmed address signed in');
  });

  it('delivers its mail to the run\'s mailbox, where the harness reads it as it reads a real deployment\'s', async () => {
    const mailbox = new MailboxReader(new HttpClient({ baseUrl: mocks.urls.mailbox }), { timeoutMs: 2_000 });
    const email = 'grace@better-auth.authflow.test';
    assert.equal((await post(defaults, '/sign-up/email', { name: 'Grace', email, password })).status, 200);
    const mark = await mailbox.mark(email, mocks.clock.date());
    assert.equal((await post(defaults, '/request-password-reset', { email, redirectTo: `${defaults.origin}/reset` })).status, 200);
    const link = await mailbox.link(mark);
    assert.match(link, new RegExp(`^${defaults.apiUrl}/reset-password/[^/?]+\\?callbackURL=`));
  });

  it('counts rate limits per server: the hardened one limits sign-ins from one address, the defaults (not production) do not', async () => {
    const wrong = { email: 'nobody@better-auth.authflow.test', password: 'not the password at all' };
    const hardenedStatuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) hardenedStatuses.push((await post(hardened, '/sign-in/email', wrong, '203.0.113.50')).status);
    assert.deepEqual(hardenedStatuses, [401, 401, 401, 429]);
    // The same address on the other server: its own buckets (the built-in store would share them, context.ts).
    const defaultStatuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) defaultStatuses.push((await post(defaults, '/sign-in/email', wrong, '203.0.113.50')).status);
    assert.deepEqual(defaultStatuses, [401, 401, 401, 401]);
  });

  it('starts weakened: the hardened configuration with one setting made weak, and refuses a weakening it does not have', async () => {
    const readable = await startBetterAuth({ configuration: 'hardened', mailboxUrl: mocks.urls.mailbox, weakening: weakeningNamed('better-auth-session-cookie-readable') });
    try {
      const email = 'weak@better-auth.authflow.test';
      assert.equal((await post(readable, '/sign-up/email', { name: 'Weak', email, password }, '203.0.113.60')).status, 200);
      // The hardened configuration signs in only confirmed addresses: the weakening changes nothing else.
      assert.equal((await post(readable, '/sign-in/email', { email, password }, '203.0.113.61')).status, 403);
    } finally {
      await readable.close();
    }
    assert.equal(weakeningNamed(undefined), undefined);
    assert.throws(() => weakeningNamed('better-auth-all-open'), /BETTER_AUTH_WEAKENED names "better-auth-all-open"/);
    for (const [name, weakening] of Object.entries(WEAKENINGS)) {
      assert.match(name, /^better-auth-/);
      assert.ok(weakening.breaks.length > 30 && weakening.flows.startsWith('@'), name);
      assert.ok(weakening.options || weakening.plugins, `${name} weakens nothing`);
    }
  });

  it('refuses a configuration it does not have', () => {
    assert.equal(configurationNamed(undefined), 'defaults');
    assert.equal(configurationNamed('hardened'), 'hardened');
    assert.throws(() => configurationNamed('lenient'), /BETTER_AUTH_CONFIGURATION="lenient" must be one of defaults, hardened/);
  });
});
