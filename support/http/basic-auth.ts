/**
 * `Authorization: Basic base64(urlencode(user):urlencode(pass))`, as VRChat documents it: each part is
 * percent-encoded on its own (so a `:` in the password cannot split the pair), then joined and encoded as
 * UTF-8 base64.
 */
export function basicAuthorization(username: string, password: string): string {
  const pair = `${encodeURIComponent(username)}:${encodeURIComponent(password)}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}
