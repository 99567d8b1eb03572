import type { FastifyReply } from 'fastify';
import { choice } from '../shared/profile';
import type { TwoFactorMethod } from './state';

/**
 * VRChat's bodies and cookies, byte for byte as captured (../shared/research/vrchat-auth.md §1–§3). Bodies are
 * compact JSON strings built here, not objects, so key order and quoting are exactly the observed ones.
 */
export const JSON_UTF8 = 'application/json; charset=utf-8';

/** `{"error":{"message":"\"…\"","status_code":N}}`: the message is itself a JSON string, quotes included. */
export function quotedError(status: number, message: string): string {
  return JSON.stringify({ error: { message: JSON.stringify(message), status_code: status } });
}

/** The few errors whose message is not quoted twice (the 429 of the verify endpoints). */
export function plainError(status: number, message: string): string {
  return JSON.stringify({ error: { message, status_code: status } });
}

export const MISSING_CREDENTIALS = quotedError(401, 'Missing Credentials');
export const INVALID_CREDENTIALS = quotedError(401, 'Invalid Username/Email or Password');
export const REQUIRES_TWO_FACTOR = quotedError(401, 'Requires Two-Factor Authentication');
export const NEW_LOGIN_PLACE = quotedError(
  401,
  "It looks like you're logging in from somewhere new! Check your email for a message from VRChat.",
);
// Assumption VR-020 (specs/assumptions.yaml)
export function notAuthorized(): { status: number; body: string } {
  const status = choice('VR-020').deleteOtherStatus;
  const message = 'You are not authorized to perform that action.';
  return { status, body: status === 401 && !choice('VR-020').quoted ? plainError(status, message) : quotedError(status, message) };
}
export const TOO_MANY_REQUESTS = plainError(429, 'Too many requests');
export const EXISTS_NEEDS_A_NAME = quotedError(400, 'username, email, or displayName required');
export const WAF_USER_AGENT =
  '{"error":{"message":"\\"please identify yourself with a properly formatted user-agent containing application name, version and contact information. thank you!\\"","status_code":403,"waf_code":13799}}';
/** The "BareError" of an unknown route: `error` is a string, not an object. */
export const NOT_IMPLEMENTED = '{"error":"The endpoint you\'re looking for is not implemented by our system."}';
export const LOGOUT_OK = '{"success":{"message":"Ok!","status_code":200}}';
export const EMAIL_SENT = '{"success":{"message":"Verification Email Sent!","status_code":200}}';
export const VERIFIED = '{"verified":true}';
// Assumption VR-001 (specs/assumptions.yaml)
export const NOT_VERIFIED = '{"verified":false}';

/** A wrong code: `{"verified":false}` with 400 (default), or the error envelope with 401 (alternate). */
// Assumption VR-001 (specs/assumptions.yaml)
export function wrongCode(): { status: number; body: string } {
  const { wrongCode: answer } = choice('VR-001');
  if (answer === 'envelope-401') return { status: 401, body: quotedError(401, 'Invalid Two-Factor Authentication code') };
  return { status: answer === 'verified-false-200' ? 200 : 400, body: NOT_VERIFIED };
}

/** `{"requiresTwoFactorAuth":["totp","otp"]}`: key first, compact, that order (SDKs match it by regex). */
export function challenge(methods: readonly TwoFactorMethod[]): string {
  return JSON.stringify({ requiresTwoFactorAuth: methods });
}

/** Sends a prebuilt body as bytes: Fastify appends a charset to a JSON type given a string, and the WAF sends none. */
export function send(reply: FastifyReply, status: number, body: string, contentType = JSON_UTF8): FastifyReply {
  return reply.code(status).header('content-type', contentType).send(Buffer.from(body, 'utf8'));
}

// Assumption VR-006 (specs/assumptions.yaml)
const COOKIE_LIFETIME_MS = 365 * 24 * 3600_000;

/** `auth=authcookie_<uuid>; Expires=…; Path=/; HttpOnly`, as the spec example and captures show it. */
/**
 * `SameSite=Lax` is the mock's choice: the spec's example shows `Path=/; HttpOnly` only and the research leaves
 * SameSite open (vrchat-auth.md §8); Lax is what ASVS 3.3.2 asks of a session cookie.
 */
// Assumption VR-006 (specs/assumptions.yaml)
// Assumption VR-007 (specs/assumptions.yaml)
export function sessionCookie(name: 'auth' | 'twoFactorAuth', value: string, now: number, options: { httpOnly?: boolean; sameSite?: boolean } = {}): string {
  const { httpOnly = true, sameSite = true } = options;
  const lifetime = choice('VR-006').cookieLifetime === 'expires-365d' ? `Expires=${new Date(now + COOKIE_LIFETIME_MS).toUTCString()}` : `Max-Age=${30 * 24 * 3600}`;
  const { sameSite: site, secure } = choice('VR-007');
  return `${name}=${value}; ${lifetime}; Path=/${httpOnly ? '; HttpOnly' : ''}${secure ? '; Secure' : ''}${sameSite && site !== 'unset' ? `; SameSite=${site}` : ''}`;
}

/** Logout clears `auth`, `age` and `tos` with an expiry in the past (the spec's 2030 placeholder would not clear). */
// Assumption VR-008 (specs/assumptions.yaml)
export function clearingCookie(name: string): string {
  const { clearing } = choice('VR-008');
  if (clearing === 'expires-only') return `${name}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/`;
  // The spec's example: a placeholder date in the future (which a browser would not take as clearing).
  if (clearing === 'expires-2030') return `${name}=; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Path=/`;
  if (clearing === 'no-httponly') return `${name}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/`;
  return `${name}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; HttpOnly`;
}
