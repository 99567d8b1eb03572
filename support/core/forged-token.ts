import { createHmac, randomBytes } from 'node:crypto';

/**
 * What an attacker does to a self-contained token: Enhance's `id0` session token, "a JWT session token"
 * (logins-and-shoko.md; claims and algorithm undocumented), and VRChat's remembered-device cookie, three
 * JWT-like parts (vrchat-auth.md §3, point 6). The server must vouch for every part of it.
 */

function decode(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function encode(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function partsOf(token: string): [string, string, string] {
  const [header, payload, signature, ...rest] = token.split('.');
  if (!header || !payload || signature === undefined || rest.length > 0) throw new Error('the token is not a JWT (header.payload.signature)');
  return [header, payload, signature];
}

/**
 * The token with its contents changed and its signature kept: every claim kept, the expiry pushed ten years on
 * and an administrator's role claimed (what a forger would want). A payload that is not JSON gets one character changed.
 */
export function withChangedContents(token: string, nowSeconds: number): string {
  const [header, payload, signature] = partsOf(token);
  const claims = decode(payload);
  const changed = claims
    ? encode({ ...claims, exp: nowSeconds + 10 * 365 * 24 * 3600, role: 'Owner' })
    : `${payload.slice(0, -1)}${payload.endsWith('A') ? 'B' : 'A'}`;
  return `${header}.${changed}.${signature}`;
}

/** The token with its header saying `alg: none` and no signature: an unsigned JWT. */
export function unsigned(token: string): string {
  const [header, payload] = partsOf(token);
  return `${encode({ ...(decode(header) ?? {}), alg: 'none' })}.${payload}.`;
}

/**
 * The token re-signed (HS256) with a key the forger made up, which the header itself carries as a `jwk`: a server
 * that takes the key from the token accepts anything anyone signs.
 */
export function signedWithOwnKey(token: string): string {
  const [header, payload] = partsOf(token);
  const key = randomBytes(32);
  const ownHeader = encode({ ...(decode(header) ?? {}), alg: 'HS256', jwk: { kty: 'oct', k: key.toString('base64url') } });
  return `${ownHeader}.${payload}.${createHmac('sha256', key).update(`${ownHeader}.${payload}`).digest('base64url')}`;
}
