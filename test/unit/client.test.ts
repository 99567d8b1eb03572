import assert from 'node:assert/strict';
import { brotliCompressSync, deflateRawSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { HttpClient, leavesOrigin } from '../../support/http/client';
import { TargetProblemError, TargetTimeoutError } from '../../support/http/errors';
import type { Exchange } from '../../support/http/exchange';
import { fakeServer, type FakeServer } from '../helpers/fake-server';

describe('the shared HTTP client', () => {
  let server: FakeServer;

  before(async () => {
    server = await fakeServer((request, response) => {
      switch (request.url) {
        case '/login':
          response.writeHead(302, {
            location: '/home',
            'set-cookie': ['sid=s3ss10n; Path=/; HttpOnly; SameSite=Strict', 'csrf=t0k3n; Path=/; Secure; Max-Age=600'],
          });
          return response.end();
        case '/home':
          response.writeHead(200, { 'content-type': 'application/json' });
          return response.end(JSON.stringify({ cookie: request.headers.cookie ?? null }));
        case '/post-307':
          response.writeHead(307, { location: '/echo' });
          return response.end();
        case '/post-303':
          response.writeHead(303, { location: '/echo' });
          return response.end();
        case '/echo':
          response.writeHead(200, { 'content-type': 'text/plain' });
          return response.end(`${request.method}`);
        case '/loop':
          response.writeHead(302, { location: '/loop' });
          return response.end();
        case '/silent':
          return; // accepts the request and never answers
        case '/gzip':
          response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          return response.end(gzipSync(JSON.stringify({ accepted: request.headers['accept-encoding'] ?? null })));
        case '/br':
          response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'br' });
          return response.end(brotliCompressSync('décodé'));
        case '/expires':
          response.writeHead(200, { 'set-cookie': 'old=x; Path=/api; Expires=Thu, 01 Jan 1970 00:00:00 GMT' });
          return response.end();
        default:
          response.writeHead(404);
          return response.end();
      }
    });
  });

  after(() => server.close());

  it('keeps the cookies a followed 302 set and sends them to the next hop', async () => {
    const client = new HttpClient({ baseUrl: server.url });
    const response = await client.send('/login');
    assert.equal(response.status, 200);
    assert.deepEqual(response.json(), { cookie: 'sid=s3ss10n; csrf=t0k3n' });
    const [hop] = response.redirects;
    assert.equal(hop?.status, 302);
    assert.equal(hop?.header('location'), '/home');
    assert.deepEqual(hop?.setCookies.map((cookie) => cookie.name), ['sid', 'csrf']);
  });

  it('can stop at the 302 so a step asserts its Location and cookies', async () => {
    const client = new HttpClient({ baseUrl: server.url });
    const response = await client.send('/login', { redirect: 'manual' });
    assert.equal(response.status, 302);
    assert.equal(response.header('location'), '/home');
    assert.equal((await client.jar.get('sid', server.url))?.value, 's3ss10n');
  });

  it('exposes every cookie attribute to assertions', async () => {
    const client = new HttpClient({ baseUrl: server.url });
    const hop = (await client.send('/login', { redirect: 'manual' }));
    const sid = hop.setCookie('sid');
    const csrf = hop.setCookie('csrf');
    assert.deepEqual(
      { httpOnly: sid?.httpOnly, secure: sid?.secure, sameSite: sid?.sameSite, path: sid?.path },
      { httpOnly: true, secure: false, sameSite: 'strict', path: '/' },
    );
    assert.deepEqual({ secure: csrf?.secure, maxAge: csrf?.maxAge, httpOnly: csrf?.httpOnly, sameSite: csrf?.sameSite }, {
      secure: true,
      maxAge: 600,
      httpOnly: false,
      sameSite: undefined,
    });
    const expired = (await client.send('/expires')).setCookie('old');
    assert.equal(expired?.expires?.getTime(), 0);
    assert.equal(expired?.path, '/api');
  });

  it('asks for compressed bodies as fetch does and hands the steps the decoded text', async () => {
    const client = new HttpClient({ baseUrl: server.url });
    const gzip = await client.send('/gzip');
    assert.deepEqual(gzip.json(), { accepted: 'gzip, deflate' });
    assert.equal(gzip.header('content-encoding'), 'gzip');
    assert.equal((await client.send('/br')).body, 'décodé');
  });

  it('reads bodies as fetch did: none for a 204, a gzip cut before its trailer, raw deflate, a byte order mark dropped', async () => {
    const whole = gzipSync('hello world');
    const lenient = await fakeServer((request, response) => {
      if (request.url === '/204') response.writeHead(204, { 'content-encoding': 'gzip' });
      if (request.url === '/cut') response.writeHead(200, { 'content-encoding': 'gzip' }).write(whole.subarray(0, whole.length - 8));
      if (request.url === '/raw') response.writeHead(200, { 'content-encoding': 'deflate' }).write(deflateRawSync('raw deflate'));
      if (request.url === '/bom') response.writeHead(200, { 'content-type': 'application/json' }).write('\uFEFF{"ok":true}');
      response.end();
    });
    try {
      const client = new HttpClient({ baseUrl: lenient.url });
      assert.equal((await client.send('/204')).body, '');
      assert.equal((await client.send('/cut')).body, 'hello world');
      assert.equal((await client.send('/raw')).body, 'raw deflate');
      assert.deepEqual((await client.send('/bom')).json(), { ok: true });
    } finally {
      await lenient.close();
    }
  });

  it('sends a JSON body with every method, DELETE too (Node sends no length of its own for it)', async () => {
    const client = new HttpClient({ baseUrl: server.url });
    for (const method of ['DELETE', 'PATCH', 'PUT'] as const) {
      await client.send('/echo', { method, json: { IDs: ['m1'] } });
      const received = server.received.at(-1);
      assert.equal(received?.method, method);
      assert.equal(received?.body, '{"IDs":["m1"]}', `the ${method} body did not arrive`);
    }
  });

  it('keeps method and body through a 307 and switches to GET on a 303', async () => {
    const client = new HttpClient({ baseUrl: server.url });
    assert.equal((await client.send('/post-307', { method: 'POST', json: { a: 1 } })).body, 'POST');
    assert.equal(server.received.at(-1)?.body, '{"a":1}');
    assert.equal((await client.send('/post-303', { method: 'POST', json: { a: 1 } })).body, 'GET');
    assert.equal(server.received.at(-1)?.body, '');
  });

  it('sends its User-Agent on every hop and records every hop as an exchange', async () => {
    const exchanges: Exchange[] = [];
    const client = new HttpClient({ baseUrl: server.url, userAgent: 'authflow-test/1 (qa@example.test)', onExchange: (e) => exchanges.push(e) });
    const before = server.received.length;
    await client.send('/login');
    const hops = server.received.slice(before);
    assert.deepEqual(hops.map((hop) => hop.headers['user-agent']), ['authflow-test/1 (qa@example.test)', 'authflow-test/1 (qa@example.test)']);
    assert.deepEqual(exchanges.map((e) => `${e.request.method} ${new URL(e.request.url).pathname} ${e.response?.status}`), ['GET /login 302', 'GET /home 200']);
  });

  it('gives up on a redirect loop with a message that says so', async () => {
    const client = new HttpClient({ baseUrl: server.url, maxRedirects: 3 });
    await assert.rejects(client.send('/loop'), (error: Error) => error instanceof TargetProblemError && /redirect loop/.test(error.message));
  });

  it('times out a silent server, naming the method, the URL and the time waited', async () => {
    const client = new HttpClient({ baseUrl: server.url, timeoutMs: 300 });
    const started = Date.now();
    await assert.rejects(client.send('/silent', { method: 'PUT' }), (error: Error) => {
      assert.ok(error instanceof TargetTimeoutError);
      assert.match(error.message, new RegExp(`^PUT ${server.url}/silent failed after \\d+ ms: no response within the 300 ms timeout$`));
      return true;
    });
    assert.ok(Date.now() - started < 3000, 'the timeout did not end the request promptly');
  });

  it('reports a refused connection as a target problem naming the URL and the cause', async () => {
    const closed = await fakeServer(() => undefined);
    await closed.close();
    const client = new HttpClient({ baseUrl: closed.url });
    await assert.rejects(client.send('/anything'), (error: Error) => {
      assert.ok(error instanceof TargetProblemError);
      assert.match(error.message, new RegExp(`^GET ${closed.url}/anything failed after \\d+ ms: .*ECONNREFUSED`));
      return true;
    });
  });
});

describe('an explicit Cookie header', () => {
  it('is sent together with the jar\'s cookies, not replaced by them', async () => {
    const server = await fakeServer((request, response) => response.end(request.headers.cookie ?? ''));
    const client = new HttpClient({ baseUrl: server.url });
    await client.jar.put('jarred', 'j', server.url);
    assert.equal((await client.send('/', { headers: { cookie: 'copied=c' } })).body, 'copied=c; jarred=j');
    await server.close();
  });
});

describe('a response body over the cap', () => {
  it('ends the request as a target problem instead of being read whole', async () => {
    const server = await fakeServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`"${'x'.repeat(64 * 1024)}"`);
    });
    const client = new HttpClient({ baseUrl: server.url, maxBodyBytes: 1024 });
    await assert.rejects(client.send('/big'), (error: Error) => {
      assert.ok(error instanceof TargetProblemError);
      assert.match(error.message, /^GET .*\/big failed after \d+ ms: the response body is larger than the 1024-byte cap$/);
      return true;
    });
    await server.close();
  });
});

describe('a redirect to another origin', () => {
  // Two servers on 127.0.0.1, different ports: two origins. The first sends every request on to the second.
  let other: FakeServer;
  let first: FakeServer;
  before(async () => {
    other = await fakeServer((request, response) => {
      if (request.url === '/back') {
        response.writeHead(302, { location: `${first.url}/landed` });
        return response.end();
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end(JSON.stringify(request.headers));
    });
    first = await fakeServer((request, response) => {
      if (request.url === '/same-origin') response.writeHead(302, { location: '/landed' });
      else if (request.url === '/round-trip') response.writeHead(302, { location: `${other.url}/back` });
      else if (request.url === '/landed') response.writeHead(200, { 'content-type': 'application/json' });
      else response.writeHead(307, { location: `${other.url}/elsewhere` });
      return response.end(request.url === '/landed' ? JSON.stringify(request.headers) : '');
    });
  });
  after(async () => {
    await first.close();
    await other.close();
  });

  const credentials = { authorization: 'Basic dGVzczpodW50ZXIy', 'proxy-authorization': 'Basic cHJveHk6cA==', apikey: 'k3y-of-sam', cookie: 'copied=c' };

  it('drops Authorization, Proxy-Authorization, Cookie and the family\'s own credential headers, and says so in the transcript', async () => {
    const exchanges: Exchange[] = [];
    const client = new HttpClient({ baseUrl: first.url, credentialHeaders: ['apikey'], onExchange: (exchange) => exchanges.push(exchange) });
    await client.jar.put('sid', 's3ss10n', first.url);
    const response = await client.send('/away', { method: 'POST', headers: { ...credentials, 'x-trace': 'kept' }, json: { a: 1 } });
    const arrived = response.json<Record<string, string>>();
    for (const name of ['authorization', 'proxy-authorization', 'apikey', 'cookie']) assert.equal(arrived[name], undefined, `${name} reached the other origin`);
    assert.equal(arrived['x-trace'], 'kept', 'a header that carries no credential was dropped too');
    assert.equal(other.received.at(-1)?.body, '{"a":1}', 'the 307 did not keep the body');
    assert.equal(first.received.at(-1)?.headers.apikey, 'k3y-of-sam', 'the first origin did not get the key it was sent');
    assert.equal(exchanges.length, 2);
    assert.equal(exchanges[1]?.note, `redirected to another origin (${other.url}): dropped Authorization, Proxy-Authorization, Cookie, Apikey, the cookie jar's cookies`);
  });

  it('keeps them on a redirect within the origin', async () => {
    const client = new HttpClient({ baseUrl: first.url, credentialHeaders: ['apikey'] });
    await client.jar.put('sid', 's3ss10n', first.url);
    const arrived = (await client.send('/same-origin', { headers: { authorization: credentials.authorization, apikey: credentials.apikey } })).json<Record<string, string>>();
    assert.equal(arrived.authorization, credentials.authorization);
    assert.equal(arrived.apikey, credentials.apikey);
    assert.equal(arrived.cookie, 'sid=s3ss10n');
  });

  it('does not give them back when the chain returns to the first origin', async () => {
    const client = new HttpClient({ baseUrl: first.url, credentialHeaders: ['apikey'] });
    await client.jar.put('sid', 's3ss10n', first.url);
    const arrived = (await client.send('/round-trip', { headers: { authorization: credentials.authorization, apikey: credentials.apikey } })).json<Record<string, string>>();
    assert.deepEqual([arrived.authorization, arrived.apikey, arrived.cookie], [undefined, undefined, undefined]);
  });

  it('is any other scheme, host or port: https to http on the same host too', () => {
    const from = 'https://api.example.test';
    assert.equal(leavesOrigin(from, new URL('http://api.example.test/home')), true);
    assert.equal(leavesOrigin(from, new URL('https://api.example.test:8443/home')), true);
    assert.equal(leavesOrigin(from, new URL('https://www.example.test/home')), true);
    assert.equal(leavesOrigin(from, new URL('https://api.example.test/home?x=1')), false);
  });
});
