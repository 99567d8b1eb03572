import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpClient } from '../../support/http/client';
import type { Exchange } from '../../support/http/exchange';
import { formatExchange } from '../../support/http/exchange';
import type { Politeness } from '../../support/http/politeness';
import { fakeServer } from '../helpers/fake-server';

const polite: Politeness = { minIntervalMs: 0, maxRetries: 3, maxWaitMs: 2_000, baseBackoffMs: 20 };

describe('politeness towards real servers', () => {
  it('backs off exponentially when the server names no wait, and gives up after the last retry', async () => {
    const server = await fakeServer((_request, response) => {
      response.writeHead(429);
      response.end('slow down');
    });
    const exchanges: Exchange[] = [];
    const client = new HttpClient({ baseUrl: server.url, politeness: polite, onExchange: (exchange) => exchanges.push(exchange) });
    const response = await client.send('/thing');
    assert.equal(response.status, 429, 'the last 429 is the answer');
    assert.equal(server.received.length, 4, 'one try and three retries');
    const waits = exchanges.slice(1).map((exchange) => Number(/waited (\d+) ms/.exec(exchange.note ?? '')?.[1]));
    assert.deepEqual(waits.map((wait, index) => wait >= 20 * 2 ** index), [true, true, true], `waits ${waits.join(', ')} ms`);
    await server.close();
  });

  it('waits no longer than its cap, whatever Retry-After says', async () => {
    let calls = 0;
    const server = await fakeServer((_request, response) => {
      calls += 1;
      response.writeHead(calls === 1 ? 429 : 200, calls === 1 ? { 'retry-after': '300' } : {});
      response.end();
    });
    const started = Date.now();
    const response = await new HttpClient({ baseUrl: server.url, politeness: { ...polite, maxWaitMs: 100 } }).send('/');
    assert.equal(response.status, 200);
    assert.ok(Date.now() - started < 2_000, 'waited for the five minutes the server asked');
    await server.close();
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
    assert.match(formatExchange(exchanges[1] as Exchange), /^# retry 1 after 429 Too Many Requests: waited \d+ ms$/m);
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

  it('sends the requests of a race at the same moment, and makes the next request wait for all their slots', async () => {
    const arrivals: number[] = [];
    const server = await fakeServer((_request, response) => {
      arrivals.push(performance.now());
      response.end();
    });
    const politeness = { ...polite, minIntervalMs: 150 };
    const [first, second] = [new HttpClient({ baseUrl: server.url, politeness }), new HttpClient({ baseUrl: server.url, politeness })];
    await first.send('/');
    await first.together([() => first.send('/a'), () => second.send('/b')]);
    await second.send('/after');
    const [, racedA = 0, racedB = 0, after = 0] = arrivals;
    assert.ok(Math.abs(racedA - racedB) < 100, `the two raced requests arrived ${Math.round(Math.abs(racedA - racedB))} ms apart`);
    assert.ok(after - Math.max(racedA, racedB) >= 250, `the request after the race waited only ${Math.round(after - Math.max(racedA, racedB))} ms (two slots of 150 ms)`);
    await server.close();
  });
});
