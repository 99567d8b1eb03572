import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readConfig } from '../../support/core/config';
import { unmetNeed } from '../../support/core/requirements';
import type { Target } from '../../support/core/target';
import { concurrentScenarios, withinLimits } from '../../support/world/scheduling';

/** What a scenario needs of a better-auth server (`@uses:<what>`), and who may run at once. */
describe('what a better-auth server turned off', () => {
  const real = (env: Record<string, string>): Target => {
    const { config, problems } = readConfig({ TARGET: 'real', BETTER_AUTH_BASE_URL: 'https://app.example.com', MAILBOX_URL: 'http://127.0.0.1:8025', ...env });
    assert.deepEqual(problems, []);
    return { kind: 'real', config, families: { 'better-auth': { baseUrl: 'https://app.example.com/api/auth', userAgent: 'ua', turnedOff: config.betterAuth?.turnedOff } }, mailboxUrl: config.mailboxUrl, controlUrl: undefined };
  };

  it('skips a scenario that uses what the deployment turned off, saying so, and runs the others', () => {
    const target = real({ BETTER_AUTH_OFF: 'magic-link,api-key-sessions' });
    assert.equal(unmetNeed(['@better-auth', '@uses:magic-link'], target), 'the deployment turned off the magicLink plugin (BETTER_AUTH_OFF)');
    assert.match(unmetNeed(['@better-auth', '@uses:api-key', '@uses:api-key-sessions'], target) ?? '', /API keys standing for a session/);
    assert.equal(unmetNeed(['@better-auth', '@uses:two-factor'], target), undefined);
    assert.equal(unmetNeed(['@better-auth'], target), undefined);
  });

  it('knows what the embedded hardened configuration turns off before starting it', () => {
    const { config } = readConfig({});
    const target: Target = { kind: 'mock', config, families: {}, mailboxUrl: 'http://m', controlUrl: 'http://c', pending: { 'better-auth': async () => ({ baseUrl: '', userAgent: '' }) }, embeddedTurnedOff: { 'better-auth': { 'api-key-sessions': 'hardened: off' } } };
    assert.equal(unmetNeed(['@better-auth', '@uses:api-key-sessions'], target), 'hardened: off');
    assert.equal(unmetNeed(['@better-auth', '@uses:api-key'], target), undefined);
    assert.equal(unmetNeed(['@better-auth'], { ...target, pending: {} }), 'better-auth is not targeted: BETTER_AUTH_BASE_URL is not set');
  });

  it('runs better-auth scenarios side by side, unless they share the account a deployment without sign-up lends', () => {
    const pickle = (uri: string, ...tags: string[]) => ({ uri, tags: tags.map((name) => ({ name })) });
    const signOut = pickle('features/better-auth/sign-out.feature', '@better-auth');
    const sessions = pickle('features/better-auth/sessions.feature', '@better-auth');
    assert.equal(withinLimits(concurrentScenarios(real({}).config))(signOut, [sessions]), true, 'each scenario signs up its own accounts');
    const lent = real({ BETTER_AUTH_OFF: 'sign-up', BETTER_AUTH_EMAIL: 'lent@example.com', BETTER_AUTH_PASSWORD: 'pw' }).config;
    assert.equal(withinLimits(concurrentScenarios(lent))(signOut, [sessions]), false, 'one lent account, one scenario at a time');
  });
});
