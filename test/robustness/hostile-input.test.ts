import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMocks, type RunningMocks } from '../../mocks/start-mocks';
import { rawRequest, wireRequest } from '../helpers/raw-http';
import { mockFamilies, type MockFamily } from './families';

/** Hostile requests, each with the reason it is hostile. Every one must get a 4xx in the API's own error shape. */
function hostileRequests(mock: MockFamily): { name: string; request: Buffer; status?: number }[] {
  const json = { 'content-type': 'application/json' };
  const { jsonOperation: post, credentialOperation: get, prefix } = mock;
  return [
    { name: 'malformed JSON', request: wireRequest('POST', post, json, '{"username": "alice", "password": ') },
    { name: 'JSON that is only a string', request: wireRequest('POST', post, json, '"alice"') },
    { name: 'a wrong content type', request: wireRequest('POST', post, { 'content-type': 'application/xml' }, '<login user="alice"/>') },
    { name: 'a content type with a bogus charset', request: wireRequest('POST', post, { 'content-type': 'application/json; charset=ebcdic-999' }, '{}') },
    { name: 'an empty JSON body', request: wireRequest('POST', post, json, '') },
    { name: 'a body over the size cap', request: wireRequest('POST', post, json, `{"pad":"${'x'.repeat(mock.bodyLimit)}"}`), status: 413 },
    { name: 'arrays nested 10,000 deep', request: wireRequest('POST', post, json, `${'['.repeat(10_000)}${']'.repeat(10_000)}`) },
    { name: 'objects nested 5,000 deep', request: wireRequest('POST', post, json, `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`) },
    { name: 'a prototype-polluting body', request: wireRequest('POST', post, json, '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}') },
    { name: 'bytes that are not UTF-8 in the body', request: wireRequest('POST', post, json, Buffer.from([0x7b, 0x22, 0x75, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])) },
    { name: 'bytes that are not UTF-8 in the credentials', request: wireRequest('GET', get, { authorization: Buffer.concat([Buffer.from('Basic '), Buffer.from([0xff, 0xfe, 0x80])]) }) },
    { name: 'Basic credentials that are not base64', request: wireRequest('GET', get, { authorization: 'Basic %%%not-base64%%%' }) },
    { name: 'a cookie that is not UTF-8', request: wireRequest('GET', get, { cookie: Buffer.from([0x61, 0x75, 0x74, 0x68, 0x3d, 0xff, 0xfe, 0x00]) }) },
    { name: 'a long cookie (12 KiB)', request: wireRequest('GET', get, { cookie: `auth=${'a'.repeat(12 * 1024)}; id0=${'b'.repeat(200)}` }) },
    { name: 'headers over the server limit (64 KiB)', request: wireRequest('GET', get, { cookie: `auth=${'a'.repeat(64 * 1024)}` }), status: 431 },
    { name: 'a long bearer token (8 KiB)', request: wireRequest('GET', get, { authorization: `Bearer ${'t'.repeat(8 * 1024)}`, apikey: 'k'.repeat(8 * 1024) }) },
    { name: 'a method HTTP does not know', request: wireRequest('BREW', get) },
    { name: 'a method the API does not use', request: wireRequest('PROPFIND', get) },
    { name: 'TRACE', request: wireRequest('TRACE', get) },
    { name: 'a dot-dot path to the mock\'s control API', request: wireRequest('GET', `${prefix}/../_mock/clock`) },
    { name: 'an encoded dot-dot path', request: wireRequest('GET', `${prefix}/%2e%2e/%2e%2e/_mock/clock`) },
    { name: 'an encoded slash', request: wireRequest('GET', get.replace(/\/([^/]+)$/, '%2F$1')) },
    { name: 'a percent-encoding that is not UTF-8', request: wireRequest('GET', `${get}/%ff%fe`) },
    { name: 'a broken percent-encoding', request: wireRequest('GET', `${get}%zz`) },
    { name: 'a NUL byte in the path', request: wireRequest('GET', `${get}%00`) },
    { name: 'a path of 8 KiB', request: wireRequest('GET', `${prefix}/${'a/'.repeat(4 * 1024)}`) },
  ];
}

describe('the mocks withstand hostile input', () => {
  let mocks: RunningMocks;
  before(async () => {
    mocks = await startMocks({ clock: 'manual' });
  });
  after(() => mocks.close());

  for (const family of ['VRChat', 'Enhance', 'Shoko'] as const) {
    it(`${family}: every hostile request gets a 4xx in the API's own error shape, and the mock keeps serving`, async () => {
      const mock = mockFamilies(mocks).find((candidate) => candidate.family === family) as MockFamily;
      const problems: string[] = [];
      for (const { name, request, status } of hostileRequests(mock)) {
        const response = await rawRequest(mock.origin, request);
        if (!response) {
          problems.push(`${name}: the connection was closed without an answer`);
          continue;
        }
        if (response.status < 400 || response.status >= 500) problems.push(`${name}: answered ${response.status}`);
        if (status && response.status !== status) problems.push(`${name}: answered ${response.status}, not ${status}`);
        const shape = mock.errorShapeProblem(response);
        if (shape) problems.push(`${name}: ${response.status}, ${shape}`);
      }
      assert.deepEqual(problems, []);
      // Still serving: a well-formed request right after gets its ordinary answer.
      const normal = await fetch(`${mock.origin}${mock.credentialOperation}`, { headers: { 'user-agent': 'authflow-hostile/1.0 qa@authflow.test' } });
      assert.equal(normal.status, 401, `${family} no longer answers a plain request as before`);
    });
  }
});
