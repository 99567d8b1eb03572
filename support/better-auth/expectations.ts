import assert from 'node:assert/strict';
import type { CookieView } from '../http/cookies';
import type { HttpResponse } from '../http/response';

/**
 * What the better-auth steps assert about answers. Statuses are the ones the framework's own API description
 * (specs/better-auth/) documents for its operations; error bodies carry `message` (and a `code` the description
 * leaves out, never asserted here).
 */

/** better-auth's session cookie, whatever its prefix (`better-auth.`, `__Secure-better-auth.`): its name ends in `session_token`. */
export function isSessionCookie(name: string): boolean {
  return /(^|\.)session_token$/.test(name);
}

/** The session cookie this answer (or a hop of its redirect chain) set, with a value. */
export function sessionCookieSet(response: HttpResponse): CookieView | undefined {
  return response.chain.flatMap((hop) => hop.setCookies).find((cookie) => isSessionCookie(cookie.name) && cookie.value !== '' && (cookie.maxAge === undefined || cookie.maxAge > 0));
}

/** A refusal: a 4xx (one of `statuses` when given), and no session cookie handed out with it. */
export function expectRefusal(response: HttpResponse, what: string, statuses?: readonly number[]): void {
  const refused = statuses ? statuses.includes(response.status) : response.status >= 400 && response.status < 500;
  assert.ok(refused, `${what} was not refused: ${response.status}${statuses ? ` (expected ${statuses.join(' or ')})` : ''}`);
  assert.equal(sessionCookieSet(response), undefined, `${what} was refused, yet a session cookie came with the refusal`);
}

/** An answer that opened a session: 200, a session token in the body, no second-factor challenge, and the cookie. */
export function expectSignedIn(response: HttpResponse, who: string): void {
  assert.equal(response.status, 200, `${who}'s sign-in answered ${response.status}: ${response.body}`);
  const body = response.json<{ token?: string | null; twoFactorRedirect?: boolean }>();
  assert.notEqual(body.twoFactorRedirect, true, `${who} was asked for a second factor`);
  assert.ok(sessionCookieSet(response), `${who}'s sign-in set no session cookie`);
}

/** The second-factor challenge: 200 with `twoFactorRedirect`, and no session yet. */
export function expectChallenge(response: HttpResponse, who: string): void {
  assert.equal(response.status, 200, `${who}'s sign-in answered ${response.status}: ${response.body}`);
  assert.equal(response.json<{ twoFactorRedirect?: boolean }>().twoFactorRedirect, true, `${who} was not asked for a second factor`);
  assert.equal(sessionCookieSet(response), undefined, `${who} got a session cookie before the second factor`);
}
