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
  if (secrets.isShortSecret(value.trim())) return REDACTED;
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

/**
 * Query parameters with secret names lose their values, and so does any path segment or query value that is a
 * secret too short to sweep (a 4-digit PIN in `/verify/1234`); the rest of the URL stays readable.
 */
export function redactUrl(url: string): string {
  return secrets.sweep(redactShortPathSegments(redactQueries(url)));
}

/** `name=value` pairs of a query or form whose name is secret, or whose value is a short secret, lose the value. */
function redactQueries(text: string): string {
  return text.replace(/([?&])([^=&#\s]+)=([^&#\s"']*)/g, (whole, separator: string, name: string, value: string) => {
    if (value === '') return whole;
    const decoded = decodeFormValue(value);
    return isSecretName(decodeURIComponentSafe(name), decoded) || secrets.isShortSecret(decoded) ? `${separator}${name}=${REDACTED}` : whole;
  });
}

/** `/verify/1234/x` → `/verify/«redacted»/x` when 1234 is a short secret; scheme, host and port are left alone. */
function redactShortPathSegments(url: string): string {
  if (secrets.shortSecrets.size === 0) return url;
  const start = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]*/i.exec(url)?.[0].length ?? 0;
  const end = url.slice(start).search(/[?#\s]/);
  const pathEnd = end === -1 ? url.length : start + end;
  const path = url.slice(start, pathEnd);
  const shown = path
    .split('/')
    .map((segment) => (segment !== '' && secrets.isShortSecret(decodeURIComponentSafe(segment)) ? REDACTED : segment))
    .join('/');
  return shown === path ? url : `${url.slice(0, start)}${shown}${url.slice(pathEnd)}`;
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
  if (typeof value === 'string') {
    if ((underSecretKey && value !== '') || secrets.isShortSecret(value)) return REDACTED;
    return parentKey !== undefined && MAIL_TEXT_FIELDS.has(parentKey.toLowerCase()) ? redactMailText(value) : redactText(value);
  }
  // A secret may be a JSON number ({"pin":123456}): hidden under a secret key, or when it is a known secret.
  if (typeof value === 'number') return underSecretKey || secrets.isShortSecret(String(value)) || secrets.sweep(String(value)) !== String(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map((item) => redactJson(item, underSecretKey, parentKey));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactJson(item, underSecretKey || isSecretField(key, item, parentKey), key)]),
    );
  }
  return value;
}

/**
 * The fields of a mail as the mailbox (Mailpit) shows it: its subject, text, HTML and the snippet a search lists.
 * A mail in a run may carry a code that no one in this process read (another worker's scenario, a mail nobody
 * opened), so the run never learned it.
 */
const MAIL_TEXT_FIELDS = new Set(['subject', 'text', 'html', 'snippet']);

/** A 6-digit number standing alone, not part of a date, a time or an address. */
const SIX_DIGITS = /(?<![\w:./-]|\d[-:./])\d{6}(?![\w]|[-:./]\d)/g;

/**
 * A mail's text: as any text, and every 6-digit number standing alone is hidden too, read or not. The mailbox reader
 * takes a mail's last 6-digit number as its code when no word labels it (support/core/mailbox.ts, codeIn), so in a
 * mail such a number is taken for a code, here as there.
 */
export function redactMailText(text: string): string {
  return redactText(text).replace(SIX_DIGITS, REDACTED);
}

/**
 * A number that follows "code", "PIN", "password"…: hidden even when the run never learned it (mail text). Not a
 * part of a date, a time, an address or a version ("since 2025-12-04T17:59:20Z", "127.0.0.1:4000").
 */
const CODE_IN_PROSE = /(\b(?:code|PIN|passcode|OTP|password|token)\b[^\d\n]{0,40}?)(?<!\d[-:./])\b(\d{4,8})\b(?![-:./]\d)/gi;

/** A short secret as a whole quoted literal of free text (an assertion's `'1234' !== '5678'`). */
const QUOTED = /(['"`])([^'"`\s]{1,5})\1/g;

/** A `"name": value` pair of JSON quoted inside free text (a logged or asserted body), its value a string or number. */
const JSON_PAIR = /("([A-Za-z_][\w-]*)"\s*:\s*)("(?:[^"\\\n]|\\.)*"|-?\d+(?:\.\d+)?)/g;

function redactJsonPairs(text: string): string {
  if (!text.includes('":')) return text;
  return text.replace(JSON_PAIR, (whole, prefix: string, name: string, value: string) => {
    const shown = value.startsWith('"') ? value.slice(1, -1) : value;
    return shown !== '' && isSecretName(name, shown) ? `${prefix}"${REDACTED}"` : whole;
  });
}

/** A logger whose every text is redacted first: what the World's `log` is (a step may log a raw response body). */
export function redactingLog<T>(log: (text: string) => T): (text: string) => T {
  return (text) => log(redactText(text));
}

/** A URL inside free text (a link in a mail), whose path segments may hold a short secret. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>]+/g;

/**
 * For free text such as error messages and mail bodies: known values, secret query parameters and JSON fields,
 * codes in prose; a
 * short secret only where it stands whole (a quoted literal, a link's path segment), never inside other words.
 */
export function redactText(text: string, registry: SecretRegistry = secrets): string {
  const shown = redactJsonPairs(redactQueries(registry.sweep(text))).replace(CODE_IN_PROSE, `$1${REDACTED}`);
  if (registry.shortSecrets.size === 0) return shown;
  return shown
    .replace(URL_IN_TEXT, (url) => redactShortPathSegments(url))
    .replace(QUOTED, (whole, quote: string, value: string) => (registry.isShortSecret(value) ? `${quote}${REDACTED}${quote}` : whole));
}

/** A form field's or query's value as sent: `+` is a space, then percent-decoding. */
function decodeFormValue(text: string): string {
  return decodeURIComponentSafe(text.replace(/\+/g, ' '));
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
