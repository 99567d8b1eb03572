import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readConfig } from '../../support/core/config';

describe('configuration', () => {
  it('needs nothing for the embedded mocks', () => {
    assert.deepEqual(readConfig({}).problems, []);
    assert.equal(readConfig({}).config.target, 'mock');
  });

  it('names every problem of a real configuration, one message each', () => {
    const { problems } = readConfig({
      TARGET: 'real',
      VRCHAT_BASE_URL: 'ftp://nope',
      ENHANCE_BASE_URL: 'https://panel.example.com/api',
      ENHANCE_EMAIL: 'ops@example.com',
      ENHANCE_OTP_EMAIL: 'otp@example.com',
      SHOKO_BASE_URL: 'http://127.0.0.1:8111',
      SHOKO_USER: 'admin',
      ALLOW_DESTRUCTIVE: 'yes',
    });
    assert.deepEqual(problems, [
      'ALLOW_DESTRUCTIVE="yes" must be 1 or 0',
      'VRCHAT_BASE_URL="ftp://nope" is not an http(s) URL',
      'ENHANCE_PASSWORD is not set (a login without 2FA)',
      'ENHANCE_OTP_PASSWORD, ENHANCE_OTP_SECRET must be set too, for the login with authenticator 2FA (ENHANCE_OTP_EMAIL is set)',
      'SHOKO_PASSWORD is not set (the Shoko user (may be empty: SHOKO_PASSWORD=))',
    ]);
  });

  it('says what a better-auth deployment still needs: a mailbox, a known switch, a whole lent account, a base path', () => {
    const { problems } = readConfig({
      TARGET: 'real', BETTER_AUTH_BASE_URL: 'https://app.example.com', BETTER_AUTH_BASE_PATH: 'api/auth',
      BETTER_AUTH_OFF: 'magic-link, passkeys', BETTER_AUTH_EMAIL: 'lent@example.com', BETTER_AUTH_CONFIGURATION: 'lenient',
    });
    assert.deepEqual(problems, [
      'BETTER_AUTH_CONFIGURATION="lenient" must be defaults or hardened (the embedded server\'s configuration)',
      'BETTER_AUTH_BASE_PATH="api/auth" must start with / (better-auth\'s basePath, /api/auth by default)',
      'MAILBOX_URL is not set (better-auth: every new account confirms its address, codes and links arrive by mail)',
      'BETTER_AUTH_OFF names "passkeys", which is none of sign-up, two-factor, email-otp, magic-link, api-key, api-key-sessions, sign-up-by-code, change-email, delete-user',
      'BETTER_AUTH_PASSWORD must be set too, for the account lent where sign-up is off (BETTER_AUTH_EMAIL is set)',
    ]);
    const { config } = readConfig({ TARGET: 'real', BETTER_AUTH_BASE_URL: 'https://app.example.com/', MAILBOX_URL: 'http://127.0.0.1:8025', BETTER_AUTH_OFF: 'two-factor' });
    assert.deepEqual(config.betterAuth, {
      baseUrl: 'https://app.example.com', basePath: '/api/auth', origin: 'https://app.example.com', emailDomain: 'better-auth.authflow.test',
      turnedOff: { 'two-factor': 'the deployment turned off the twoFactor plugin (BETTER_AUTH_OFF)' },
    });
  });

  it('refuses a TOTP secret that is not base32, and a real run with no family', () => {
    const vrchat = readConfig({
      TARGET: 'real', VRCHAT_BASE_URL: 'https://api.vrchat.cloud/api/1', VRCHAT_USER_AGENT: 'App/1 me@x.test',
      VRCHAT_USERNAME: 'u', VRCHAT_PASSWORD: 'p', VRCHAT_TOTP_SECRET: 'not-base32!',
    });
    assert.deepEqual(vrchat.problems, ['VRCHAT_TOTP_SECRET is not a base32 TOTP secret (letters A-Z and digits 2-7, at least 16)']);
    assert.deepEqual(readConfig({ TARGET: 'real' }).problems, ['TARGET=real but no family is configured: set VRCHAT_BASE_URL, ENHANCE_BASE_URL, SHOKO_BASE_URL or BETTER_AUTH_BASE_URL']);
    assert.deepEqual(readConfig({ TARGET: 'staging' }).problems, ['TARGET="staging" must be "mock" (the default) or "real"']);
  });

  it('reads the benchmark switches: codes reusable within their window, no pacing', () => {
    const vrchat = {
      TARGET: 'real', VRCHAT_BASE_URL: 'http://127.0.0.1:1/api/1', VRCHAT_USER_AGENT: 'App/1 me@x.test',
      VRCHAT_USERNAME: 'u', VRCHAT_PASSWORD: 'p', VRCHAT_TOTP_SECRET: 'JBSWY3DPEHPK3PXPJBSWY3DP',
    };
    assert.equal(readConfig(vrchat).config.vrchat?.totpReuseAllowed, false);
    const bench = readConfig({ ...vrchat, VRCHAT_TOTP_REUSE_ALLOWED: '1', REQUEST_INTERVAL_MS: '0' });
    assert.deepEqual(bench.problems, []);
    assert.equal(bench.config.vrchat?.totpReuseAllowed, true);
    assert.equal(bench.config.politeness.minIntervalMs, 0);
    assert.deepEqual(readConfig({ ...vrchat, VRCHAT_TOTP_REUSE_ALLOWED: 'yes' }).problems, ['VRCHAT_TOTP_REUSE_ALLOWED="yes" must be 1 or 0']);
  });

  it('accepts an empty Shoko password, which Shoko allows', () => {
    const { config, problems } = readConfig({ TARGET: 'real', SHOKO_BASE_URL: 'http://127.0.0.1:8111', SHOKO_USER: 'admin', SHOKO_PASSWORD: '' });
    assert.deepEqual(problems, []);
    assert.equal(config.shoko?.password, '');
  });
});
