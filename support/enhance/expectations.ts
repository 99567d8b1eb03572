import assert from 'node:assert/strict';
import type { HttpResponse } from '../http/response';
import { isClearing } from '../http/cookies';

/**
 * An Enhance error: one of the statuses. The spec declares no body for these answers (logins-and-shoko.md, Error
 * bodies; assumption EN-001), so a body may be empty or anything; only a JSON body in the spec's `HttpError` shape
 * is held to it (`code` and `message` strings).
 */
export function expectEnhanceError(response: HttpResponse, status: number | readonly number[]): void {
  const statuses = [status].flat();
  assert.ok(statuses.includes(response.status), `expected ${statuses.join(' or ')}, got ${response.status}`);
  if (!/json/i.test(response.header('content-type') ?? '') || response.body.trim() === '') return;
  const body = response.json<{ code?: unknown; message?: unknown }>();
  if (typeof body !== 'object' || body === null || !('code' in body)) return;
  assert.equal(typeof body.code, 'string', 'the error\'s "code" is not a string');
  assert.equal(typeof body.message, 'string', 'the error has a "code" but no "message"');
}

/** A new `id0` value (its attributes are checked by scenarios of their own: features/enhance/session-cookie.feature). */
export function expectSessionCookieSet(response: HttpResponse): string {
  const cookie = response.setCookie('id0');
  assert.ok(cookie && cookie.value !== '', 'the response set no "id0" session cookie');
  return cookie.value;
}

export function expectSessionCookieCleared(response: HttpResponse): void {
  const cookie = response.setCookie('id0');
  assert.ok(cookie && isClearing(cookie), 'the response did not clear the "id0" session cookie');
}

export function expectNoSessionCookie(response: HttpResponse): void {
  const cookie = response.setCookie('id0');
  assert.ok(!cookie || cookie.value === '', 'a session cookie was set');
}

/** Credentials accepted: an active session (200) or one waiting for its second factor (201). */
export function expectCredentialsAccepted(response: HttpResponse): void {
  assert.ok([200, 201].includes(response.status), `the credentials were refused (${response.status})`);
}
