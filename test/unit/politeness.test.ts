import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpClient } from '../../support/http/client';
import type { Exchange } from '../../support/http/exchange';
import { formatExchange } from '../../support/http/exchange';
import { parseRetryAfter, retryDelay, type Politeness } from '../../support/http/politeness';
import { fakeServer } from '../helpers/fake-server';

const polite: Politeness = { minIntervalMs: 0, maxRetries: 3, maxWaitMs: 2_000, baseBackoffMs: 20 };

describe('politeness towards real servers', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });

  it('backs off exponentially, obeys Retry-After, and gives up past the retries or the cap', () => {
    assert.deepEqual([0, 1, 2].map((attempt) => retryDelay(attempt, null, polite)), [20, 40, 80]);
    assert.equal(retryDelay(0, '1', polite), 1000);
    assert.equal(retryDelay(3, null, polite), undefined, 'no fourth retry');
    assert.equal(retryDelay(0, '300', polite), undefined, 'a five-minute Retry-After fails the request instead of waiting');
  });

  it('retries a 429 after the wait the server asks for, and records both tries', async () => {
    let calls = 0;
    const server = await fakeServer((_request, response) => {
      calls += 1;
      if (calls === 1) {
        response.writeHead(429, { 'retry-after': '0' });
        return response.end('slow down');
      }
      response.end('ok');
    });
    const exchanges: Exchange[] = [];
    const client = new HttpClient({ baseUrl: server.url, politeness: polite, onExchange: (exchange) => exchanges.push(exchange) });
    const response = await client.send('/thing', { method: 'POST', json: { a: 1 } });
    assert.deepEqual([response.status, response.body, calls], [200, 'ok', 2]);
    assert.deepEqual(exchanges.map((exchange) => exchange.response?.status), [429, 200]);
    assert.match(formatExchange(exchanges[1] as Exchange), /^# retry 1 after 429 Too Many Requests: waited 0 ms$/m);
    assert.equal(server.received[1]?.body, '{"a":1}', 'the retry lost its body');
    await server.close();
  });

  it('leaves a 429 alone when not asked to be polite (on the mocks, a 429 is the behaviour under test)', async () => {
    const server = await fakeServer((_request, response) => {
      response.writeHead(429);
      response.end();
    });
    const response = await new HttpClient({ baseUrl: server.url }).send('/');
    assert.equal(response.status, 429);
    assert.equal(server.received.length, 1);
    await server.close();
  });

  it('spaces requests to one server by the minimum interval', async () => {
    const server = await fakeServer((_request, response) => response.end());
    const client = new HttpClient({ baseUrl: server.url, politeness: { ...polite, minIntervalMs: 150 } });
    const exchanges: string[] = [];
    const paced = new HttpClient({ baseUrl: server.url, politeness: { ...polite, minIntervalMs: 150 }, onExchange: (e) => exchanges.push(e.note ?? '') });
    await client.send('/');
    await paced.send('/');
    assert.match(exchanges[0] ?? '', /^paced: waited \d+ ms/, 'the second request was not paced');
    await server.close();
  });
});
