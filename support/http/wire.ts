import http from 'node:http';
import https from 'node:https';
import { PassThrough, type Readable } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

/** One hop as it came back: status, headers (every `Set-Cookie` kept apart) and the decoded body as text. */
export interface WireResponse {
  status: number;
  headers: Headers;
  body: string;
}

export interface WireRequest {
  method: string;
  headers: Headers;
  body?: ArrayBuffer;
  /** Aborting it (ky's timeout does) ends the request at once, connecting, waiting or reading. */
  signal?: AbortSignal | null;
  /** A body larger than this, decoded, ends the request (a runaway response must not fill the run's memory). */
  maxBodyBytes: number;
}

/**
 * What fetch sends unless told otherwise: the target sees the same request as when the client used fetch.
 * The client decodes what `accept-encoding` allows (below).
 */
const FETCH_DEFAULTS: [string, string][] = [
  ['accept', '*/*'],
  ['accept-language', '*'],
  ['sec-fetch-mode', 'cors'],
  ['user-agent', 'node'],
  ['accept-encoding', 'gzip, deflate'],
];

/**
 * One HTTP exchange on Node's own http and https modules (keep-alive, redirects never followed). The client used
 * the global fetch here before; fetch builds a Request, streams and an abort chain of its own for every hop, and
 * measured 1.5 ms of CPU per request against 0.5 ms for the same request through node:http (issue 12: 26 requests
 * per benchmark round). A failure has fetch's shape, a TypeError whose `cause` is what went wrong, so the
 * messages and categories of support/http/errors.ts stay as they were.
 */
export function sendOnWire(url: string, request: WireRequest): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const { signal } = request;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of request.headers) headers[name] = value;
    for (const [name, value] of FETCH_DEFAULTS) if (!request.headers.has(name)) headers[name] = value;
    const payload = request.body === undefined ? undefined : Buffer.from(request.body);
    // Node sends no length of its own for a DELETE (or OPTIONS) body, and the server would read none of it.
    if (payload && !request.headers.has('content-length')) headers['content-length'] = String(payload.byteLength);
    const target = new URL(url);
    const outgoing = (target.protocol === 'https:' ? https : http).request(target, { method: request.method, headers });
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      outgoing.destroy();
      reject(error);
    };
    const abort = () => fail(signal?.reason);
    signal?.addEventListener('abort', abort, { once: true });
    outgoing.on('error', (error) => fail(new TypeError('fetch failed', { cause: error })));
    outgoing.on('response', (incoming) => {
      const responseHeaders = new Headers();
      for (let i = 0; i < incoming.rawHeaders.length; i += 2) responseHeaders.append(incoming.rawHeaders[i] as string, incoming.rawHeaders[i + 1] as string);
      // A body cut short is the server's doing: named like any other failure of the connection.
      const cutShort = () => fail(new TypeError('fetch failed', { cause: new Error('the connection closed before the whole body arrived') }));
      incoming.on('error', cutShort);
      incoming.on('close', () => {
        if (!incoming.complete) cutShort();
      });
      // As fetch does: a HEAD, 204 or 304 has no body to decode, whatever its content-encoding says.
      const bodiless = request.method === 'HEAD' || incoming.statusCode === 204 || incoming.statusCode === 304;
      const body = bodiless ? incoming : decoded(incoming, responseHeaders.get('content-encoding'));
      const chunks: Buffer[] = [];
      let size = 0;
      body.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > request.maxBodyBytes) fail(new BodyTooLargeError(request.maxBodyBytes));
        else chunks.push(chunk);
      });
      body.on('error', (error) => fail(new TypeError('fetch failed', { cause: error })));
      body.on('end', () => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', abort);
        resolve({ status: incoming.statusCode ?? 0, headers: responseHeaders, body: UTF8.decode(Buffer.concat(chunks)) });
      });
    });
    outgoing.end(payload);
  });
}

/** Text as fetch's `.text()` reads it: UTF-8, a byte order mark dropped. */
const UTF8 = new TextDecoder();

/** Lenient like fetch (undici): a body cut before the coding's trailer keeps what was decoded. */
const LENIENT = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };

/**
 * The body as the server meant it: fetch undoes the content codings it asked for, and so does this, the last coding
 * applied first. `deflate` is zlib-wrapped by the standard but raw from some servers: told apart by the first byte,
 * as fetch does.
 */
function decoded(incoming: http.IncomingMessage, encoding: string | null): Readable {
  const codings = (encoding ?? '').split(',').map((coding) => coding.trim().toLowerCase()).filter((coding) => coding && coding !== 'identity');
  let body: Readable = incoming;
  for (const coding of codings.reverse()) {
    if (coding === 'gzip' || coding === 'x-gzip') body = body.pipe(createGunzip(LENIENT));
    else if (coding === 'br') body = body.pipe(createBrotliDecompress());
    else if (coding === 'deflate') body = inflated(body);
    else return body; // a coding nobody asked for: handed over as it came
  }
  return body;
}

/** zlib-wrapped or raw deflate, decided by the first byte (a zlib header's low four bits say 8, deflate). */
function inflated(source: Readable): Readable {
  const output = new PassThrough();
  let started = false;
  source.once('data', (first: Buffer) => {
    started = true;
    source.pause();
    const inflate = (first[0] !== undefined && (first[0] & 0x0f) !== 0x08 ? createInflateRaw : createInflate)(LENIENT);
    inflate.on('error', (error) => output.destroy(error));
    inflate.pipe(output);
    inflate.write(first);
    source.pipe(inflate);
  });
  // An empty body: nothing to inflate.
  source.once('end', () => {
    if (!started) output.end();
  });
  source.on('error', (error) => output.destroy(error));
  return output;
}

export class BodyTooLargeError extends Error {
  constructor(maxBytes: number) {
    super(`the response body is larger than the ${maxBytes}-byte cap`);
  }
}
