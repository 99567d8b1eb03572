import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Defects, DEFECTS } from '../../mocks/shared/defects';
import { WEAKENINGS } from '../../servers/better-auth/weakened';

describe('mock defects', () => {
  it('are off unless named, and a misspelt name stops the run instead of testing nothing', () => {
    assert.equal(Defects.fromEnv(undefined).has('vrchat-totp-replay'), false);
    assert.equal(Defects.fromEnv(' vrchat-totp-replay , shoko-delete-ignores-case ').has('shoko-delete-ignores-case'), true);
    assert.throws(() => Defects.fromEnv('vrchat-totp-replya'), /unknown defects: vrchat-totp-replya/);
  });

  it('include weakened better-auth configurations, each with the flows expected to notice it', () => {
    assert.ok(Object.keys(WEAKENINGS).length >= 4);
    for (const name of ['better-auth-session-cookie-readable', 'better-auth-sessions-survive-reset', 'better-auth-no-rate-limit', 'better-auth-trusted-device-for-months']) assert.ok(name in WEAKENINGS, name);
  });

  it('are at least 20, across the three families, each with the behaviour it breaks', () => {
    const names = Object.keys(DEFECTS);
    assert.ok(names.length >= 20);
    for (const family of ['vrchat', 'enhance', 'shoko']) assert.ok(names.some((name) => name.startsWith(`${family}-`)), family);
    for (const description of Object.values(DEFECTS)) assert.ok(description.length > 20);
  });
});
