/** The API families, by the folder their features live in (features/vrchat/…), as the report names them. */
export const FAMILY_NAMES = { vrchat: 'VRChat', enhance: 'Enhance', shoko: 'Shoko', 'better-auth': 'better-auth' } as const;

export type Family = (typeof FAMILY_NAMES)[keyof typeof FAMILY_NAMES];

/** The tag every feature of a family carries (`@vrchat`), and the variable that names its real server. */
export const FAMILY_TAGS: Record<Family, { tag: string; baseUrlVariable: string }> = {
  VRChat: { tag: '@vrchat', baseUrlVariable: 'VRCHAT_BASE_URL' },
  Enhance: { tag: '@enhance', baseUrlVariable: 'ENHANCE_BASE_URL' },
  Shoko: { tag: '@shoko', baseUrlVariable: 'SHOKO_BASE_URL' },
  'better-auth': { tag: '@better-auth', baseUrlVariable: 'BETTER_AUTH_BASE_URL' },
};

/**
 * The request headers that carry each family's credentials, besides `Authorization`, `Proxy-Authorization` and
 * `Cookie` (which the client treats as credentials for every family): the client never sends them on to another
 * origin (support/http/client.ts), and redaction hides their values (test/unit/redaction.test.ts checks both).
 */
export const FAMILY_CREDENTIAL_HEADERS: Record<Family, readonly string[]> = {
  // Basic credentials at login, then the auth cookie.
  VRChat: [],
  // The organisation's bearer token, then the id0 cookie.
  Enhance: [],
  // The API key in its own header (logins-and-shoko.md, How a key is carried).
  Shoko: ['apikey'],
  // A session cookie; an API key (api-key plugin) in its own header.
  'better-auth': ['x-api-key'],
};

/** `features/vrchat/login.feature` → `VRChat`. */
export function familyOf(featureUri: string): string {
  const folder = /features\/([^/]+)\//.exec(featureUri.replace(/\\/g, '/'))?.[1] ?? 'other';
  return (FAMILY_NAMES as Record<string, string>)[folder] ?? folder;
}

/** Families whose embedded server is the real product, not a mock of it: what a run on them verifies is the product's. */
export const EMBEDDED_REAL: readonly Family[] = ['better-auth'];

/** How the report names a family's target: the family, and the configuration the run measures when it knows it. */
export function familyLabel(family: string, variant: string | undefined): string {
  return variant ? `${family} (${variant})` : family;
}
