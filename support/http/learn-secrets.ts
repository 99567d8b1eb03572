import type { Exchange } from './exchange';
import { parseSetCookie } from './cookies';
import { isSecretField, isSecretName } from '../redaction/redact';
import { MIN_SWEEP_LENGTH, secrets } from '../redaction/secrets';

/**
 * Teaches the registry every credential an exchange carries, so that the value is also hidden where it shows up
 * unstructured later (an assertion message, a mail body, a URL): cookie values both ways, Authorization
 * values, values under secret JSON keys (tokens, codes, secrets, API keys; strings and numbers), secret form fields
 * and query parameters, and the tokens of a link an API hands out.
 */
const KEY_HEADERS = new Set(['authorization', 'proxy-authorization', 'apikey', 'x-api-key']);

export function learnSecretsFrom(exchange: Exchange): void {
  for (const [name, value] of exchange.request.headers) {
    const lower = name.toLowerCase();
    if (lower === 'cookie') value.split(';').forEach((pair) => learnCookieValue(pair.slice(pair.indexOf('=') + 1).trim()));
    if (KEY_HEADERS.has(lower)) secrets.add(value.replace(/^(Basic|Bearer|Digest|Token)\s+/i, ''));
  }
  // Parsing every URL for a query most of them do not have was a measurable part of each request.
  if (exchange.request.url.includes('?')) {
    for (const [name, value] of new URL(exchange.request.url).searchParams) {
      if (isSecretName(name, value)) secrets.add(value);
    }
  }
  for (const [name, value] of exchange.response?.headers ?? []) {
    if (name.toLowerCase() === 'set-cookie') learnCookieValue(parseSetCookie(value)?.value);
  }
  const requestType = exchange.request.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  if (/x-www-form-urlencoded/i.test(requestType)) learnFromQuery(exchange.request.body);
  learnFromJson(exchange.request.body);
  learnFromJson(exchange.response?.body ?? '');
}

/**
 * A cookie's value. A value too short to sweep (`lang=en`, `tos=1`) is a preference, not a session: learning it
 * would hide every "en" of the run's reports, so only values long enough to be tokens are learned.
 */
function learnCookieValue(value: string | undefined): void {
  if (value && value.length >= MIN_SWEEP_LENGTH) secrets.add(value);
}

/** Form fields and query parameters with secret names. */
function learnFromQuery(query: string): void {
  for (const [name, value] of new URLSearchParams(query)) if (isSecretName(name, value)) secrets.add(value);
}

/**
 * A link that hands out access (a mailed reset or sign-in link, a one-time link an API returns): its secret query
 * values, and every path segment that looks like a token rather than a word of the route (`/reset-password/<uuid>`:
 * 16 or more characters mixing letters and digits).
 */
export function learnFromLink(link: string): void {
  if (!URL.canParse(link)) return;
  const url = new URL(link);
  learnFromQuery(url.search);
  for (const segment of url.pathname.split('/')) {
    const value = decodeURIComponentSafe(segment);
    if (TOKEN_SEGMENT.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value)) secrets.add(value);
  }
}

const TOKEN_SEGMENT = /^[A-Za-z0-9._~+=-]{16,}$/;

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function learnFromJson(body: string): void {
  // A body that is one JSON string holding a link (Enhance's one-time sign-in link).
  if (/^\s*"https?:\/\//.test(body)) {
    try {
      learnFromLink(JSON.parse(body) as string);
    } catch {
      // Not a JSON string after all.
    }
    return;
  }
  if (!/^\s*[[{]/.test(body)) return;
  try {
    walk(JSON.parse(body), false, undefined);
  } catch {
    // Not JSON: nothing structured to learn.
  }
}

function walk(value: unknown, underSecretKey: boolean, parentKey: string | undefined): void {
  if (typeof value === 'string' || typeof value === 'number') {
    // A secret may be a JSON number ({"pin":123456}).
    if (underSecretKey) secrets.add(value);
  } else if (Array.isArray(value)) {
    value.forEach((item) => walk(item, underSecretKey, parentKey));
  } else if (value && typeof value === 'object') {
    Object.entries(value).forEach(([key, item]) => walk(item, underSecretKey || isSecretField(key, item, parentKey), key));
  }
}
