import ky, { TimeoutError } from 'ky';
import { ActorCookieJar } from './cookies';
import { learnSecretsFrom } from '../redaction/learn';
import type { ContractChecker, Violation } from '../contract/checker';
import { ContractViolationError, describeFetchFailure, TargetProblemError, TargetServerError, TargetTimeoutError } from './errors';
import type { Exchange } from './exchange';
import { meter } from '../ledger/tally';
import { IMPOLITE, paceRequest, retryDelay, type Politeness } from './politeness';
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
  contract?: ContractChecker;
  /** Pacing and 429 retries for real servers (none by default). */
  politeness?: Politeness;
  /** A response body larger than this ends the request as a target problem (default 5 MiB). */
  maxBodyBytes?: number;
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
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * The one HTTP client every request of every family goes through. It is ky with a fetch of its own that
 * never lets the runtime follow a redirect: Node's fetch drops the `Set-Cookie` of a followed 302, so the
 * client follows hops itself, storing each hop's cookies in the actor's jar and recording each hop.
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
    try {
      await ky(url, {
        method,
        headers,
        json: options.json,
        body: options.body,
        timeout: timeoutMs,
        retry: 0,
        throwHttpErrors: false,
        redirect: 'manual',
        fetch: (input) => this.#fetchFollowing(input as Request, options.redirect ?? 'follow', hops, violations),
      });
    } catch (error) {
      const elapsed = Math.round(performance.now() - started);
      if (error instanceof TimeoutError) throw new TargetTimeoutError(method, url, elapsed, timeoutMs);
      if (error instanceof TargetProblemError) throw error;
      throw new TargetProblemError(method, url, elapsed, describeFetchFailure(error));
    }
    const last = hops.at(-1);
    if (!last) throw new TargetProblemError(method, url, 0, 'no response was recorded');
    // A failing server says nothing about the API: that is reported before any breach of the description.
    if (last.status >= 500) throw new TargetServerError(method, url, Math.round(performance.now() - started), last.status, last.header('content-type'));
    if (violations.length > 0) throw new ContractViolationError(violations);
    return new HttpResponse(last.method, last.url, last.status, last.headers, last.body, hops.slice(0, -1));
  }

  async #fetchFollowing(first: Request, redirect: 'follow' | 'manual', hops: HttpResponse[], violations: Violation[]): Promise<Response> {
    const maxRedirects = this.#options.maxRedirects ?? 10;
    // The body is read once: every retry and every hop that keeps it sends these bytes.
    const firstBody = first.body ? await first.arrayBuffer() : undefined;
    let request = first;
    let body = firstBody;
    for (;;) {
      const response = await this.#fetchOnce(request, body, hops, violations);
      const location = response.headers.get('location');
      if (redirect === 'manual' || !REDIRECT_STATUSES.has(response.status) || !location) return response;
      if (hops.length > maxRedirects) {
        throw new TargetProblemError(first.method, first.url, 0, `more than ${maxRedirects} redirects (a redirect loop?)`);
      }
      // 303, and 301/302 after a POST, continue as GET without a body (as browsers and fetch do).
      const keepMethod = response.status === 307 || response.status === 308 || request.method === 'GET';
      request = new Request(new URL(location, request.url), {
        method: keepMethod ? request.method : 'GET',
        headers: withoutBodyHeaders(request.headers, keepMethod),
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

  /** One hop, paced; a 429 is retried after the wait the server asks for (within limits), each try recorded. */
  async #fetchOnce(request: Request, body: ArrayBuffer | undefined, hops: HttpResponse[], violations: Violation[]): Promise<Response> {
    const politeness = this.#options.politeness ?? IMPOLITE;
    let note: string | undefined;
    for (let attempt = 0; ; attempt += 1) {
      const origin = new URL(request.url).origin;
      const paced = await paceRequest(origin, politeness);
      meter.request(origin, politeness.minIntervalMs, paced);
      if (paced > 0) note = [note, `paced: waited ${paced} ms since the previous request to this server`].filter(Boolean).join('; ');
      const response = await this.#exchange(request, body, hops, violations, note);
      if (response.status !== 429) return response;
      const delay = retryDelay(attempt, response.headers.get('retry-after'), politeness);
      if (delay === undefined) return response;
      // The 429 stays in the transcript; the retry says how long it waited.
      hops.pop();
      violations.length = 0;
      await new Promise((resolve) => setTimeout(resolve, delay));
      note = `retry ${attempt + 1} after 429 Too Many Requests: waited ${delay} ms`;
    }
  }

  async #exchange(request: Request, body: ArrayBuffer | undefined, hops: HttpResponse[], violations: Violation[], note?: string): Promise<Response> {
    const headers = new Headers(request.headers);
    // An explicit Cookie header (a replayed credential) goes first, then the jar's cookies for this URL.
    const cookie = [headers.get('cookie'), await this.jar.headerFor(request.url)].filter(Boolean).join('; ');
    if (cookie) headers.set('cookie', cookie);
    const requestBody = describeBody(body, headers.get('content-type'));
    const outgoing = new Request(request.url, { method: request.method, headers, body, signal: request.signal, redirect: 'manual' });
    const started = performance.now();
    const exchange: Exchange = {
      request: { method: request.method, url: request.url, headers: [...headers], body: requestBody },
      durationMs: 0,
      ...(note ? { note } : {}),
    };
    let response: Response;
    let responseBody: string;
    try {
      response = await fetch(outgoing);
      responseBody = await readCapped(response, this.#options.maxBodyBytes ?? 5 * 1024 * 1024);
    } catch (error) {
      exchange.durationMs = Math.round(performance.now() - started);
      exchange.error = describeFetchFailure(error);
      this.#record(exchange, violations);
      throw error;
    }
    exchange.durationMs = Math.round(performance.now() - started);
    exchange.response = { status: response.status, headers: [...response.headers], body: responseBody };
    this.#record(exchange, violations);
    await this.jar.store(response.headers.getSetCookie(), request.url);
    hops.push(new HttpResponse(request.method, request.url, response.status, response.headers, responseBody));
    // ky reads the body again, so it gets a fresh copy; a null-body status must get a null body.
    const nullBody = [101, 204, 205, 304].includes(response.status);
    return new Response(nullBody ? null : responseBody, { status: response.status, headers: response.headers });
  }
}

/** The body as text, refusing to read past the cap (a runaway response must not fill the run's memory). */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
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
  return Buffer.concat(chunks).toString('utf8');
}

class BodyTooLargeError extends Error {
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
