import assert from 'node:assert/strict';
import dns from 'node:dns';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { Allowlist } from '../../support/contract/allowlist';
import { ContractChecker } from '../../support/contract/checker';
import { FAMILY_SPECS, loadOperations } from '../../support/contract/spec';
import { compilingValidators } from '../../support/contract/validators';
import { HttpClient } from '../../support/http/client';
import { ContractViolationError, TargetProblemError, TargetServerError, TargetTimeoutError } from '../../support/http/errors';
import { fakeServer, type FakeServer } from '../helpers/fake-server';

/**
 * Each fault a target can show, against a local fake: the step ends within its timeout, the message names the
 * method, the URL and the cause, and the error's class decides its report category (target problem for what the
 * server or network did, product defect for a breach of the API description). The categories themselves are
 * checked end to end by run-features.test.ts.
 */
const HTML_ERROR_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';

async function rejectsWith<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E, message: RegExp): Promise<E> {
  let caught: unknown;
  await promise.catch((error: unknown) => {
    caught = error;
  });
  assert.ok(caught instanceof type, `expected a ${type.name}, got ${caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught)}`);
  assert.match(caught.message, message);
  return caught;
}

describe('a name that does not resolve', () => {
  // Resolution is answered here, never by a DNS server: nothing leaves the machine.
  const realLookup = dns.lookup;
  const asked: string[] = [];
  afterEach(() => {
    dns.lookup = realLookup;
  });

  it('is a target problem naming the host and the resolver\'s answer', async () => {
    dns.lookup = ((hostname: string, options: unknown, callback?: (error: Error) => void) => {
      asked.push(hostname);
      const done = (typeof options === 'function' ? options : callback) as (error: Error) => void;
      process.nextTick(() => done(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname })));
    }) as typeof dns.lookup;
    const client = new HttpClient({ baseUrl: 'http://vrchat.authflow.invalid/api/1', timeoutMs: 2_000 });
    await rejectsWith(client.send('/auth/user'), TargetProblemError, /^GET http:\/\/vrchat\.authflow\.invalid\/api\/1\/auth\/user failed after \d+ ms: getaddrinfo ENOTFOUND vrchat\.authflow\.invalid$/);
    assert.deepEqual(asked, ['vrchat.authflow.invalid']);
  });

  it('that never resolves (a connect that hangs) ends at the timeout', async () => {
    dns.lookup = (() => undefined) as unknown as typeof dns.lookup;
    const client = new HttpClient({ baseUrl: 'http://slow-dns.authflow.invalid', timeoutMs: 300 });
    const started = Date.now();
    await rejectsWith(client.send('/login/sessions', { method: 'POST', json: {} }), TargetTimeoutError, /^POST http:\/\/slow-dns\.authflow\.invalid\/login\/sessions failed after \d+ ms: no response within the 300 ms timeout$/);
    assert.ok(Date.now() - started < 3_000, 'the hanging connect outlived its timeout');
  });
});

describe('a server that misbehaves on the wire', () => {
  let server: Server;
  let url: string;
  const sockets = new Set<Socket>();
  before(async () => {
    // Raw TCP, to send what no HTTP library would: half a body, or nothing at all after the connection opens.
    server = createServer((socket) => {
      sockets.add(socket);
      socket.once('data', (request) => {
        const path = request.toString('latin1').split(' ')[1];
        if (path === '/truncated') {
          socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 64\r\n\r\n{"requiresTwoFactor');
        } else if (path === '/stalls-mid-body') {
          socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 64\r\n\r\n{"ok":');
        }
        // Any other path: the connection was accepted and nothing is ever answered.
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('accepting the connection and never answering ends at the timeout', async () => {
    const client = new HttpClient({ baseUrl: url, timeoutMs: 300 });
    await rejectsWith(client.send('/never'), TargetTimeoutError, /^GET http:\/\/127\.0\.0\.1:\d+\/never failed after \d+ ms: no response within the 300 ms timeout$/);
  });

  it('stopping in the middle of the body ends at the timeout (a read timeout)', async () => {
    const client = new HttpClient({ baseUrl: url, timeoutMs: 300 });
    await rejectsWith(client.send('/stalls-mid-body'), TargetTimeoutError, /\/stalls-mid-body failed after \d+ ms: no response within the 300 ms timeout$/);
  });

  it('closing the connection before the announced length (truncated JSON) is a target problem naming the cause', async () => {
    const client = new HttpClient({ baseUrl: url, timeoutMs: 2_000 });
    await rejectsWith(client.send('/truncated'), TargetProblemError, /^GET http:\/\/127\.0\.0\.1:\d+\/truncated failed after \d+ ms: (the connection closed before the whole body arrived|socket hang up)$/);
  });
});

describe('answers that are not the API', () => {
  let vrchat: ContractChecker;
  let server: FakeServer;
  before(async () => {
    const spec = FAMILY_SPECS.find((candidate) => candidate.family === 'VRChat');
    assert.ok(spec);
    vrchat = new ContractChecker('VRChat', await loadOperations(spec), Allowlist.load(), () => undefined, compilingValidators());
    server = await fakeServer((request, response) => {
      if (request.url?.endsWith('/bad-gateway')) {
        response.writeHead(502, { 'content-type': 'text/html' });
        response.end(HTML_ERROR_PAGE);
      } else if (request.url?.endsWith('/unavailable')) {
        response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '120' });
        response.end('{"error":{"message":"maintenance","status_code":503}}');
      } else if (request.url === '/api/1/auth/user' && request.headers['x-fault'] === 'html') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<!doctype html><title>Sign in</title><form action="/login"></form>');
      } else {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"requiresTwoFactorAuth":["totp"'); // complete as HTTP, broken as JSON
      }
    });
  });
  after(() => server.close());

  it('a 5xx with an HTML error page (a failing proxy) is a target problem, whatever the description says', async () => {
    const client = new HttpClient({ baseUrl: `${server.url}/api/1`, contract: vrchat });
    const error = await rejectsWith(client.send('/bad-gateway'), TargetServerError, /\/api\/1\/bad-gateway failed after \d+ ms: the server answered 502 \(a server error, text\/html\), not an answer of the API$/);
    assert.ok(error instanceof TargetProblemError);
  });

  it('a 5xx of a documented operation is a target problem too, not a breach of the description', async () => {
    const client = new HttpClient({ baseUrl: `${server.url}/api/1`, contract: vrchat });
    await rejectsWith(client.send('/unavailable'), TargetServerError, /answered 503 \(a server error, application\/json\)/);
  });

  it('an HTML page where JSON is documented is a product defect naming the operation and the content type', async () => {
    const client = new HttpClient({ baseUrl: `${server.url}/api/1`, contract: vrchat });
    await rejectsWith(client.send('/auth/user', { headers: { 'x-fault': 'html' } }), ContractViolationError, /getCurrentUser → 200 \(response\): content type "text\/html" is not documented/);
  });

  it('a complete answer whose JSON is cut short is a product defect: the body is not the documented JSON', async () => {
    const client = new HttpClient({ baseUrl: `${server.url}/api/1`, contract: vrchat });
    await rejectsWith(client.send('/auth/user'), ContractViolationError, /getCurrentUser → 200 \(response\): the body is not the JSON the description documents/);
  });

  it('without a description, a step reading the broken JSON gets a message naming the request', async () => {
    const client = new HttpClient({ baseUrl: `${server.url}/api/1` });
    const response = await client.send('/auth/user');
    assert.throws(() => response.json(), /^Error: GET \/api\/1\/auth\/user answered 200 with a body that is not JSON$/);
  });
});
