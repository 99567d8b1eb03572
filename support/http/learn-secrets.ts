import type { Exchange } from './exchange';
import { parseSetCookie } from './cookies';
import { isSecretField, isSecretName } from '../redaction/redact';
import { secrets } from '../redaction/secrets';

/**
 * Teaches the registry every credential an exchange carries, so that the value is also hidden where it shows up
 * unstructured later (an assertion message, a mail body, a URL): cookie values both ways, Authorization
 * values, and string values under secret JSON keys (tokens, codes, secrets, API keys).
 */
const KEY_HEADERS = new Set(['authorization', 'proxy-authorization', 'apikey', 'x-api-key']);

export function learnSecretsFrom(exchange: Exchange): void {
  for (const [name, value] of exchange.request.headers) {
    const lower = name.toLowerCase();
    if (lower === 'cookie') value.split(';').forEach((pair) => secrets.add(pair.slice(pair.indexOf('=') + 1).trim()));
    if (KEY_HEADERS.has(lower)) secrets.add(value.replace(/^(Basic|Bearer|Digest|Token)\s+/i, ''));
  }
  // Parsing every URL for a query most of them do not have was a measurable part of each request.
  if (exchange.request.url.includes('?')) {
    for (const [name, value] of new URL(exchange.request.url).searchParams) {
      if (isSecretName(name, value)) secrets.add(value);
    }
  }
  for (const [name, value] of exchange.response?.headers ?? []) {
    if (name.toLowerCase() === 'set-cookie') secrets.add(parseSetCookie(value)?.value);
  }
  learnFromJson(exchange.request.body);
  learnFromJson(exchange.response?.body ?? '');
}

function learnFromJson(body: string): void {
  if (!/^\s*[[{]/.test(body)) return;
  try {
    walk(JSON.parse(body), false, undefined);
  } catch {
    // Not JSON: nothing structured to learn.
  }
}

function walk(value: unknown, underSecretKey: boolean, parentKey: string | undefined): void {
  if (typeof value === 'string') {
    if (underSecretKey) secrets.add(value);
  } else if (Array.isArray(value)) {
    value.forEach((item) => walk(item, underSecretKey, parentKey));
  } else if (value && typeof value === 'object') {
    Object.entries(value).forEach(([key, item]) => walk(item, underSecretKey || isSecretField(key, item, parentKey), key));
  }
}
