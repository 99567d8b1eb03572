import { randomBytes } from 'node:crypto';

/**
 * What a page on another website makes the visitor's browser send: its own origin, and the fetch metadata a
 * browser adds to a cross-site request. The origin is made up per scenario (the reserved `.test` domain), so a
 * server that echoes it back cannot have it on a list of its own.
 */
export function otherSiteOrigin(): string {
  return `https://shop-${randomBytes(4).toString('hex')}.attacker.test`;
}

export function crossSiteHeaders(origin: string, mode: 'cors' | 'navigate' | 'no-cors' = 'cors'): Record<string, string> {
  return { origin, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': mode };
}

/** The text with every letter's case swapped ("Secret-1" → "sECRET-1"): the same password to a server that folds case. */
export function inAnotherLetterCase(text: string): string {
  return [...text].map((character) => (character === character.toUpperCase() ? character.toLowerCase() : character.toUpperCase())).join('');
}
