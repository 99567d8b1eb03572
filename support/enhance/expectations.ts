import assert from 'node:assert/strict';
import type { HttpResponse } from '../http/response';
import { isClearing } from '../http/cookies';

/** An Enhance error: the status, and the one error shape `{"code":…,"message":…}`. */
export function expectEnhanceError(response: HttpResponse, status: number): void {
  assert.equal(response.status, status, `expected ${status}, got ${response.status}`);
  const body = response.json<{ code?: unknown; message?: unknown }>();
  assert.equal(typeof body.code, 'string', 'the error has no "code"');
  assert.equal(typeof body.message, 'string', 'the error has no "message"');
}

/** A new `id0` value that scripts cannot read. */
export function expectSessionCookieSet(response: HttpResponse): string {
  const cookie = response.setCookie('id0');
  assert.ok(cookie && cookie.value !== '', 'the response set no "id0" session cookie');
  assert.ok(cookie.httpOnly, 'the session cookie is not HttpOnly: scripts can read it');
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
