import { REDACTED, secrets, type SecretRegistry } from './secrets';

/** Headers whose whole value is a credential (the auth scheme word stays readable). */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'apikey']);

/** JSON keys and query parameters whose values are secrets, wherever they appear (case-insensitive). */
const SECRET_NAMES = new Set(
  [
    'password', 'pass', 'currentPassword', 'newPassword', 'secret', 'token', 'otp', 'pin', 'otpUrl',
    'apikey', 'apiKey', 'api_key', 'authToken', 'accessToken', 'refreshToken', 'unencryptedToken', 'qrCodeDataUrl',
    'verify_email', 'twoFactorAuth', 'auth', 'id0',
  ].map((name) => name.toLowerCase()),
);

/**
 * `code` is a one-time code in VRChat (`{"code":"123456"}`) but an error name elsewhere (`invalid_argument`):
 * it is secret when its value has a digit in it.
 */
const CODE_NAMES = new Set(['code']);

/** Under a problem's `errors` map, keys name fields and values are messages ("Password is required"). */
export function isSecretField(key: string, value: unknown, parentKey: string | undefined): boolean {
  return parentKey?.toLowerCase() !== 'errors' && isSecretName(key, value);
}

export function isSecretName(name: string, value?: unknown): boolean {
  const lower = name.toLowerCase();
  if (CODE_NAMES.has(lower)) return value === undefined || (typeof value === 'string' && /\d/.test(value));
  return SECRET_NAMES.has(lower);
}

/** `Basic abc…` → `Basic «redacted»`; `name=value; a=b` (Cookie) → `name=«redacted»; a=«redacted»`. */
export function redactHeader(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower === 'set-cookie') return redactSetCookie(value);
  if (lower === 'cookie') {
    return value
      .split(';')
      .map((pair) => pair.trim())
      .filter(Boolean)
      .map((pair) => `${pair.split('=')[0]}=${REDACTED}`)
      .join('; ');
  }
  if (CREDENTIAL_HEADERS.has(lower)) {
    const scheme = /^(Basic|Bearer|Digest|Token)\s/i.exec(value)?.[1];
    return scheme ? `${scheme} ${REDACTED}` : REDACTED;
  }
  if (lower === 'location') return redactUrl(value);
  return secrets.sweep(value);
}

/** Keeps the cookie's name and attributes visible; only its value is hidden. */
export function redactSetCookie(header: string): string {
  const [pair = '', ...attributes] = header.split(';');
  const eq = pair.indexOf('=');
  const name = eq === -1 ? pair.trim() : pair.slice(0, eq).trim();
  const value = eq === -1 ? '' : pair.slice(eq + 1).trim();
  const shown = value === '' ? '' : REDACTED;
  return [`${name}=${shown}`, ...attributes.map((attribute) => secrets.sweep(attribute.trim()))].join('; ');
}

/** Query parameters with secret names lose their values; the rest of the URL stays readable. */
export function redactUrl(url: string): string {
  return secrets.sweep(
    url.replace(/([?&])([^=&#\s]+)=([^&#\s"']*)/g, (whole, separator: string, name: string, value: string) =>
      isSecretName(decodeURIComponentSafe(name), decodeURIComponentSafe(value)) && value !== '' ? `${separator}${name}=${REDACTED}` : whole,
    ),
  );
}

/** JSON: string leaves under a secret key are hidden (structure and other fields kept); other text: swept. */
export function redactBody(body: string, contentType = ''): string {
  if (body === '') return body;
  if (/json/i.test(contentType) || /^\s*[[{"]/.test(body)) {
    try {
      return secrets.sweep(JSON.stringify(redactJson(JSON.parse(body))));
    } catch {
      // Not JSON after all (or truncated): fall through to the text rules.
    }
  }
  if (/x-www-form-urlencoded/i.test(contentType)) return redactUrl(`?${body}`).slice(1);
  return redactText(body);
}

export function redactJson(value: unknown, underSecretKey = false, parentKey?: string): unknown {
  if (typeof value === 'string') return underSecretKey && value !== '' ? REDACTED : redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, underSecretKey, parentKey));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactJson(item, underSecretKey || isSecretField(key, item, parentKey), key)]),
    );
  }
  return value;
}

/** A number that follows "code", "PIN", "password"…: hidden even when the run never learned it (mail text). */
const CODE_IN_PROSE = /(\b(?:code|PIN|passcode|OTP|password|token)\b[^\d\n]{0,40}?)\b(\d{4,8})\b/gi;

/** For free text such as error messages and mail bodies: known values, secret query parameters, codes in prose. */
export function redactText(text: string, registry: SecretRegistry = secrets): string {
  return redactUrl(registry.sweep(text)).replace(CODE_IN_PROSE, `$1${REDACTED}`);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
