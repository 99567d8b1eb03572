import assert from 'node:assert/strict';
import type { HttpResponse } from '../http/response';
import { errorMessage, type CurrentUser, type TwoFactorChallenge, type TwoFactorMethod, type VrchatError } from './types';

/** A VRChat error: the status, and the message (unquoted) containing `message`. */
export function expectVrchatError(response: HttpResponse, status: number, message: string | RegExp): void {
  assert.equal(response.status, status, `expected ${status}, got ${response.status}`);
  const body = response.json<VrchatError>();
  assert.equal(typeof body.error, 'object', 'the error is not in VRChat\'s {"error":{…}} envelope');
  assert.equal(body.error.status_code, status, 'the envelope\'s status_code differs from the HTTP status');
  const text = errorMessage(body);
  if (typeof message === 'string') assert.ok(text.includes(message), `the message "${text}" does not say "${message}"`);
  else assert.match(text, message);
}

/** The 2FA challenge with 200 ([wire]), offering these methods (in any order: the description lists an enum). */
export function expectChallenge(response: HttpResponse, methods: readonly TwoFactorMethod[]): void {
  assert.equal(response.status, 200, `expected the challenge with 200, got ${response.status}`);
  const offered = response.json<Partial<TwoFactorChallenge>>().requiresTwoFactorAuth;
  assert.ok(Array.isArray(offered), 'the login did not ask for a second factor');
  assert.deepEqual([...offered].sort(), [...methods].sort(), `the login asks for ${JSON.stringify(offered)}`);
}

/**
 * The 2FA challenge byte for byte as captured ([wire]): the Python SDK recognises it by regex, so compact JSON, the
 * key first and the order "totp","otp" matter (vrchat-auth.md §3, point 1). A scenario of its own checks it.
 */
export function expectChallengeAsSdksReadIt(response: HttpResponse, methods: readonly TwoFactorMethod[]): void {
  expectChallenge(response, methods);
  assert.equal(response.body, JSON.stringify({ requiresTwoFactorAuth: methods }), 'the challenge is not compact JSON in the captured order');
}

export function expectCurrentUser(response: HttpResponse, accountId?: string): CurrentUser {
  assert.equal(response.status, 200, `expected the current user with 200, got ${response.status}`);
  const user = response.json<Partial<CurrentUser> & Partial<TwoFactorChallenge>>();
  assert.equal(user.requiresTwoFactorAuth, undefined, 'a second factor was asked for');
  assert.equal(typeof user.id, 'string', 'the response is not a user');
  if (accountId) assert.equal(user.id, accountId, 'the response describes another account');
  return user as CurrentUser;
}

/** A code that was not accepted: never `verified:true`, never a remembered-device cookie. */
export function expectNotVerified(response: HttpResponse): void {
  assert.ok(response.status >= 400 && response.status < 500, `expected a refusal (4xx), got ${response.status}`);
  const body = response.json<{ verified?: boolean }>();
  if ('verified' in body) assert.equal(body.verified, false);
  assert.equal(response.setCookie('twoFactorAuth'), undefined, 'a refused code still remembered the device');
}
