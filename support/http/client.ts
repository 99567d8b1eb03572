import { AsyncLocalStorage } from 'node:async_hooks';
import ky, { HTTPError, TimeoutError } from 'ky';
import { ActorCookieJar } from './cookies';
import { learnSecretsFrom } from './learn-secrets';
import { ContractViolationError, describeFetchFailure, TargetProblemError, TargetServerError, TargetTimeoutError, type Violation } from './errors';
import type { Exchange } from './exchange';
import { meter } from '../coordination/tally';
import { paceRequest } from '../coordination/pacing';
import { IMPOLITE, type Politeness } from './politeness';
import { HttpResponse } from './response';

export interface HttpClientOptions {
  /** Paths given to `send` are appended to this (e.g. `http://127.0.0.1:4000/api/1`). */
  baseUrl: string;
  /** Sent on every request; `undefined` sends none of our own (the runtime may add its default). */
  userAgent?: string;
  timeoutMs?: number;
  maxRedirects?: number;
  /** The actor's cookies; a fresh jar when omitted. */
  jar?: ActorCookieJar;
  /** Called with every exchange, one per hop, successful or not. */
  onExchange?: (exchange: Exchange) => void;
  /** The family's API description: every response is checked against it, and a breach fails the request. */
  contract?: ExchangeCheck;
  /** Pacing and 429 retries for real servers (none by default). */
  politeness?: Politeness;
  /** A response body larger than this ends the request as a target problem (default 5 MiB). */
  maxBodyBytes?: number;
  /**
   * Headers that carry the family's own credentials (Shoko's `apikey`), dropped with `Authorization`,
   * `Proxy-Authorization` and `Cookie` when a redirect leaves the request's origin (see `#fetchFollowing`).
   */
  credentialHeaders?: readonly string[];
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  query?: Record<string, string | undefined>;
  json?: unknown;
  body?: string | FormData;
  /** `follow` (default): the client follows redirects itself, keeping every hop's cookies and recording it. */
  redirect?: 'follow' | 'manual';
  timeoutMs?: number;
  /** 5xx statuses the API description documents for this call: answers to check, not a failing server. */
  documentedServerErrors?: readonly number[];
  /** A 429 is the answer under test (a rate limit): returned as it is, never retried, even towards real servers. */
  no429Retry?: boolean;
}

/** What judges each exchange against an API description (support/contract/checker.ts). */
export interface ExchangeCheck {
  check(exchange: Exchange): Violation[];
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** What carries a credential whatever the family: never sent on to another origin (the Fetch standard drops Authorization too). */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/** The origins whose pacing a group of simultaneous requests has claimed already (see `HttpClient.together`). */
const sentTogether = new AsyncLocalStorage<ReadonlySet<string>>();

/**
 * The one HTTP client every request of every family goes through: ky over the platform's fetch. Fetch never follows
 * a redirect here (`redirect: 'manual'`): a followed 302 would drop its `Set-Cookie`, so the client follows hops
 * itself, storing each hop's cookies in the actor's jar and recording each hop. Towards real servers ky's own retry
 * repeats a request answered 429, after the wait the server asks for.
 */
export class HttpClient {
  readonly jar: ActorCookieJar;
  readonly baseUrl: string;
  readonly #options: HttpClientOptions;

  constructor(options: HttpClientOptions) {
    this.#options = options;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.jar = options.jar ?? new ActorCookieJar();
  }

  /** Resolves a path against the base URL; absolute URLs (from a mail link, a Location) pass through. */
  url(path: string): string {
    return /^https?:\/\//i.test(path) ? path : `${this.baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  /**
   * Requests that must leave at the same moment, on any clients of this server (two redemptions of one single-use
   * secret racing each other). Towards a paced server the group waits once and claims a slot for each of its
   * requests, so none waits for another and the request after them waits as long as if they had been paced.
   */
  async together<T>(requests: readonly (() => Promise<T>)[]): Promise<T[]> {
    const origin = new URL(this.baseUrl).origin;
    await paceRequest(origin, (this.#options.politeness ?? IMPOLITE).minIntervalMs, requests.length);
    return sentTogether.run(new Set([origin]), () => Promise.all(requests.map((request) => request())));
  }

  async send(path: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const method = (options.method ?? 'GET').toUpperCase();
    const url = withQuery(this.url(path), options.query);
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? 10_000;
    const started = performance.now();
    const hops: HttpResponse[] = [];
    const violations: Violation[] = [];
    const headers: Record<string, string> = { ...options.headers };
    if (this.#options.userAgent !== undefined && !hasHeader(headers, 'user-agent')) {
      headers['user-agent'] = this.#options.userAgent;
    }
    const politeness = options.no429Retry ? { ...(this.#options.politeness ?? IMPOLITE), maxRetries: 0 } : (this.#options.politeness ?? IMPOLITE);
    const pacing: Pacing = { politeness };
    try {
      await ky(url, {
        method,
        headers,
        json: options.json,
        body: options.body,
        timeout: timeoutMs,
        // A 429 becomes an error only where it is retried: towards real servers (on the mocks it is under test).
        throwHttpErrors: (status) => status === 429 && politeness.maxRetries > 0,
        retry: {
          limit: politeness.maxRetries,
          methods: ['get', 'put', 'head', 'delete', 'options', 'trace', 'post', 'patch'],
          statusCodes: [429],
          afterStatusCodes: [429],
          maxRetryAfter: politeness.maxWaitMs,
          backoffLimit: politeness.maxWaitMs,
          delay: (attempt) => politeness.baseBackoffMs * 2 ** (attempt - 1),
        },
        hooks: {
          // The 429 stays in the transcript; the retry starts a new chain of hops and says how long it waited.
          beforeRetry: [
            ({ retryCount }) => {
              pacing.note = `retry ${retryCount} after 429 Too Many Requests: waited ${Math.round(performance.now() - (pacing.lastAnswerAt ?? performance.now()))} ms`;
              hops.length = 0;
              violations.length = 0;
            },
          ],
        },
        redirect: 'manual',
        fetch: (input) => this.#fetchFollowing(input as Request, options.redirect ?? 'follow', hops, violations, pacing),
      });
    } catch (error) {
      const elapsed = Math.round(performance.now() - started);
      if (error instanceof TimeoutError) throw new TargetTimeoutError(method, url, elapsed, timeoutMs);
      if (error instanceof TargetProblemError) throw error;
      // Still 429 after the last retry: that answer is the response.
      if (!(error instanceof HTTPError)) throw new TargetProblemError(method, url, elapsed, describeFetchFailure(error));
    }
    const last = hops.at(-1);
    if (!last) throw new TargetProblemError(method, url, 0, 'no response was recorded');
    // A failing server says nothing about the API: that is reported before any breach of the description.
    if (last.status >= 500 && !options.documentedServerErrors?.includes(last.status)) throw new TargetServerError(method, url, Math.round(performance.now() - started), last.status, last.header('content-type'));
    if (violations.length > 0) throw new ContractViolationError(violations);
    return new HttpResponse(last.method, last.url, last.status, last.headers, last.body, hops.slice(0, -1));
  }

  async #fetchFollowing(first: Request, redirect: 'follow' | 'manual', hops: HttpResponse[], violations: Violation[], pacing: Pacing): Promise<Response> {
    const maxRedirects = this.#options.maxRedirects ?? 10;
    // The body is read once: every retry and every hop that keeps it sends these bytes.
    const firstBody = first.body ? await first.arrayBuffer() : undefined;
    const origin = new URL(first.url).origin;
    const credentialHeaders = [...CREDENTIAL_HEADERS, ...(this.#options.credentialHeaders ?? []).map((name) => name.toLowerCase())];
    let request = first;
    let body = firstBody;
    let crossed = false;
    for (;;) {
      const response = await this.#fetchOnce(request, body, hops, violations, pacing, { cookiesFromJar: !crossed });
      const location = response.headers.get('location');
      if (redirect === 'manual' || !REDIRECT_STATUSES.has(response.status) || !location) return response;
      if (hops.length > maxRedirects) {
        throw new TargetProblemError(first.method, first.url, 0, `more than ${maxRedirects} redirects (a redirect loop?)`);
      }
      // 303, and 301/302 after a POST, continue as GET without a body (as browsers and fetch do).
      const keepMethod = response.status === 307 || response.status === 308 || request.method === 'GET';
      const next = new URL(location, request.url);
      const headers = withoutBodyHeaders(request.headers, keepMethod);
      // Leaving the request's origin (another host or port, or https to http): no credential goes along, from the
      // headers or from the jar, and the transcript of the next hop says which were dropped.
      if (!crossed && leavesOrigin(origin, next)) {
        crossed = true;
        const dropped = credentialHeaders.filter((name) => request.headers.has(name));
        for (const name of dropped) headers.delete(name);
        const jar = (await this.jar.headerFor(next.href)) !== '' ? ['the cookie jar\'s cookies'] : [];
        const what = [...dropped.map(spelled), ...jar];
        if (what.length > 0) pacing.note = [pacing.note, `redirected to another origin (${next.origin}): dropped ${what.join(', ')}`].filter(Boolean).join('; ');
      }
      request = new Request(next, {
        method: keepMethod ? request.method : 'GET',
        headers,
        signal: first.signal,
        redirect: 'manual',
      });
      body = keepMethod ? firstBody : undefined;
    }
  }

  /** Every exchange teaches the secret registry before anyone can render it, then meets the contract. */
  #record(exchange: Exchange, violations: Violation[]): void {
    learnSecretsFrom(exchange);
    this.#options.onExchange?.(exchange);
    if (this.#options.contract) violations.push(...this.#options.contract.check(exchange));
  }

  /** One hop, paced: at least the minimum interval after the previous request to its server, from any worker. */
  async #fetchOnce(request: Request, body: ArrayBuffer | undefined, hops: HttpResponse[], violations: Violation[], pacing: Pacing, hop: Hop): Promise<Response> {
    const origin = new URL(request.url).origin;
    const paced = sentTogether.getStore()?.has(origin) ? 0 : await paceRequest(origin, pacing.politeness.minIntervalMs);
    meter.request(origin, pacing.politeness.minIntervalMs, paced);
    const note = [pacing.note, paced > 0 ? `paced: waited ${paced} ms since the previous request to this server` : undefined].filter(Boolean).join('; ');
    pacing.note = undefined;
    const response = await this.#exchange(request, body, hops, violations, hop, note || undefined);
    pacing.lastAnswerAt = performance.now();
    return response;
  }

  async #exchange(request: Request, body: ArrayBuffer | undefined, hops: HttpResponse[], violations: Violation[], hop: Hop, note?: string): Promise<Response> {
    const headers = new Headers(request.headers);
    // An explicit Cookie header (a replayed credential) goes first, then the jar's cookies for this URL.
    const cookie = [headers.get('cookie'), hop.cookiesFromJar ? await this.jar.headerFor(request.url) : ''].filter(Boolean).join('; ');
    if (cookie) headers.set('cookie', cookie);
    const requestBody = describeBody(body, headers.get('content-type'));
    const started = performance.now();
    const exchange: Exchange = {
      request: { method: request.method, url: request.url, headers: [...headers], body: requestBody },
      durationMs: 0,
      ...(note ? { note } : {}),
    };
    let response: Response;
    let text: string;
    try {
      response = await fetch(request.url, { method: request.method, headers, body, signal: request.signal, redirect: 'manual' });
      text = await readCapped(response, this.#options.maxBodyBytes ?? 5 * 1024 * 1024, request.signal);
    } catch (error) {
      exchange.durationMs = Math.round(performance.now() - started);
      exchange.error = describeFetchFailure(error);
      this.#record(exchange, violations);
      throw error;
    }
    exchange.durationMs = Math.round(performance.now() - started);
    exchange.response = { status: response.status, headers: [...response.headers], body: text };
    this.#record(exchange, violations);
    await this.jar.store(response.headers.getSetCookie(), request.url);
    hops.push(new HttpResponse(request.method, request.url, response.status, response.headers, text));
    // What ky resolves with is never read (send returns the recorded hops), so it gets no body to copy.
    return new Response(null, { status: response.status, headers: response.headers });
  }
}

/**
 * Whether a redirect to `next` leaves the request's origin: another scheme (https to http among them), host or
 * port. The Fetch standard's rule for dropping Authorization, which the client applies to every credential.
 */
export function leavesOrigin(origin: string, next: URL): boolean {
  return next.origin !== origin;
}

/** How one hop of a chain is sent: a hop past another origin gets no cookies from the jar. */
interface Hop {
  cookiesFromJar: boolean;
}

/** A header's name as HTTP/1.1 spells it (`proxy-authorization` → `Proxy-Authorization`), for the transcript. */
function spelled(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

/** What one request's tries share: the politeness, a note for the next hop's transcript, when the last answer came. */
interface Pacing {
  politeness: Politeness;
  note?: string;
  lastAnswerAt?: number;
}

/**
 * The body as text (fetch has undone its content codings), read no further than `maxBytes`: a runaway response must
 * not fill the run's memory. A body the server cuts short is named as such.
 */
async function readCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new BodyTooLargeError(maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof BodyTooLargeError || signal.aborted) throw error;
    throw new TypeError('fetch failed', { cause: new Error('the connection closed before the whole body arrived') });
  }
  return UTF8.decode(Buffer.concat(chunks));
}

/** Text as fetch's `.text()` reads it: UTF-8, a byte order mark dropped. */
const UTF8 = new TextDecoder();

export class BodyTooLargeError extends Error {
  constructor(maxBytes: number) {
    super(`the response body is larger than the ${maxBytes}-byte cap`);
  }
}

function withQuery(url: string, query: RequestOptions['query']): string {
  if (!query) return url;
  const target = new URL(url);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) target.searchParams.append(name, value);
  }
  return target.toString();
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function withoutBodyHeaders(headers: Headers, keepBody: boolean): Headers {
  const next = new Headers(headers);
  next.delete('cookie');
  if (!keepBody) {
    next.delete('content-type');
    next.delete('content-length');
  }
  return next;
}

/** The request body as the transcript shows it: text for text-like types, a size for anything else. */
function describeBody(body: ArrayBuffer | undefined, contentType: string | null): string {
  if (!body) return '';
  if (contentType && !/json|text|x-www-form-urlencoded/i.test(contentType)) return `[${body.byteLength} bytes of ${contentType.split(';')[0]}]`;
  return new TextDecoder().decode(body);
}
