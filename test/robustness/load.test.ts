import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import autocannon from 'autocannon';
import { basicAuthorization } from '../../support/http/basic-auth';
import { startStandaloneMocks, type StandaloneMocks } from '../helpers/standalone-mocks';

/**
 * A bounded load check on 127.0.0.1: each family's login or token endpoint is driven by 50 connections for 10 s
 * (all three at once), against the standalone mocks in their own process. Zero errors, zero non-2xx answers; the
 * throughput and p99 latency are printed, not asserted (speed targets belong to benchmarks, not tests).
 */
const SECONDS = Number(process.env.AUTHFLOW_LOAD_SECONDS ?? 10);
const CONNECTIONS = 50;

describe('the login and token endpoints under load', () => {
  let mocks: StandaloneMocks;
  before(async () => {
    mocks = await startStandaloneMocks();
  });
  after(() => mocks.stop());

  it(`answer ${CONNECTIONS} connections each for ${SECONDS} s without an error`, async () => {
    const { env } = mocks;
    const userAgent = env.VRCHAT_USER_AGENT as string;
    const endpoints = [
      { name: 'VRChat login (GET /auth/user, Basic)', url: `${env.VRCHAT_BASE_URL}/auth/user`, method: 'GET' as const, headers: { authorization: basicAuthorization(env.VRCHAT_USERNAME as string, env.VRCHAT_PASSWORD as string), 'user-agent': userAgent } },
      { name: 'Enhance login (POST /login/sessions)', url: `${env.ENHANCE_BASE_URL}/login/sessions`, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: env.ENHANCE_EMAIL, password: env.ENHANCE_PASSWORD }) },
      { name: 'Shoko token (POST /api/auth)', url: `${env.SHOKO_BASE_URL}/api/auth`, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: env.SHOKO_USER, pass: env.SHOKO_PASSWORD, device: 'authflow-load' }) },
    ];
    const results = await Promise.all(endpoints.map(({ name: _name, ...options }) => autocannon({ ...options, connections: CONNECTIONS, duration: SECONDS })));
    const failures: string[] = [];
    results.forEach((result, index) => {
      const { name } = endpoints[index] as (typeof endpoints)[number];
      console.log(`load: ${name}: ${result.requests.total} requests, ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`);
      if (result.requests.total === 0) failures.push(`${name}: no request was answered`);
      if (result.errors + result.timeouts + result.non2xx > 0) failures.push(`${name}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`);
    });
    assert.deepEqual(failures, []);
  });
});
