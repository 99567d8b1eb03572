/**
 * Decodes `Authorization: Basic base64(urlencode(user):urlencode(pass))` the way VRChat's clients encode it:
 * split at the first `:`, then percent-decode each half (`decodeURIComponent`, so `+` stays `+`).
 * Undefined for anything that is not a well-formed Basic credential.
 */
// Assumption VR-025 (specs/assumptions.yaml)
export function parseBasicAuthorization(header: string | undefined): { username: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  try {
    return {
      username: decodeURIComponent(decoded.slice(0, colon)),
      password: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    return undefined;
  }
}
