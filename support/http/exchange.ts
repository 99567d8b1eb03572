import { redactBody, redactHeader, redactText, redactUrl } from '../redaction/redact';

/** One HTTP round trip as it happened on the wire: one hop of a redirect chain is one exchange. */
export interface Exchange {
  request: { method: string; url: string; headers: [string, string][]; body: string };
  response?: { status: number; headers: [string, string][]; body: string };
  /** Why no response arrived (timeout, refused connection…). */
  error?: string;
  /** What the client did around this exchange (paced, retried after a 429). */
  note?: string;
  durationMs: number;
}

/** A short title for a report: `GET /api/1/auth/user → 200`. */
export function exchangeTitle(exchange: Exchange): string {
  const { pathname } = new URL(exchange.request.url);
  const outcome = exchange.response ? String(exchange.response.status) : 'no response';
  // A path can carry a secret (better-auth's reset link, /reset-password/<token>), a short one too (a code as a
  // segment): redacted as the transcript redacts the URL.
  return `${exchange.request.method} ${redactUrl(pathname)} → ${outcome}`;
}

/**
 * A step's exchanges in one title: the exchange's own with one, all of them with up to three
 * (`GET /api/1/auth/user → 401 · GET /api/1/auth/user → 200`), else the first and the last with the count.
 */
export function transcriptTitle(exchanges: Exchange[]): string {
  const titles = exchanges.map(exchangeTitle);
  if (titles.length <= 3) return titles.join(' · ');
  return `${titles[0]} · … · ${titles[titles.length - 1]} (${titles.length} requests)`;
}

/** Between two exchanges of a transcript: the request separator of `.http` files (JetBrains', VS Code's REST Client). */
export const EXCHANGE_SEPARATOR = '\n###\n\n';

/** A step's exchanges as one text, in the order they happened, redacted (formatExchange). */
export function formatTranscript(exchanges: Exchange[]): string {
  return exchanges.map(formatExchange).join(EXCHANGE_SEPARATOR);
}

/**
 * The exchange as readable HTTP text, redacted: credential headers and cookie values, secret JSON fields and
 * query parameters, and every value the run has learned is secret. Cookie names and attributes stay visible.
 */
export function formatExchange(exchange: Exchange): string {
  const { request, response } = exchange;
  const lines = [
    ...(exchange.note ? [`# ${exchange.note}`] : []),
    `${request.method} ${redactUrl(request.url)}`,
    ...headerLines(request.headers),
  ];
  const requestType = headerValue(request.headers, 'content-type');
  if (request.body) lines.push('', redactBody(request.body, requestType));
  lines.push('');
  if (response) {
    lines.push(`HTTP ${response.status} (${exchange.durationMs} ms)`, ...headerLines(response.headers));
    if (response.body) lines.push('', redactBody(response.body, headerValue(response.headers, 'content-type')));
  } else {
    lines.push(`No response after ${exchange.durationMs} ms: ${redactText(exchange.error ?? 'unknown error')}`);
  }
  return `${lines.join('\n')}\n`;
}

function headerLines(headers: [string, string][]): string[] {
  return headers.map(([name, value]) => `${capitalise(name)}: ${redactHeader(name, value)}`);
}

export function headerValue(headers: [string, string][], name: string): string | undefined {
  return headers.find(([key]) => key.toLowerCase() === name)?.[1];
}

/** Header names as HTTP/1.1 spells them, each worked out once: every exchange of a run repeats the same few (at most 500 kept). */
const capitalised = new Map<string, string>();

function capitalise(name: string): string {
  let spelled = capitalised.get(name);
  if (spelled === undefined) {
    spelled = name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
    if (capitalised.size < 500) capitalised.set(name, spelled);
  }
  return spelled;
}
