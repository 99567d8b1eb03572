import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { seedRealModeAccounts } from '../../mocks/seed';
import { startMocks, type RunningMocks } from '../../mocks/start-mocks';
import { basicAuthorization } from '../../support/http/basic-auth';
import { FAMILY_SPECS, loadOperations, type Operation } from '../../support/contract/spec';

/**
 * Property: whatever arrives at any operation of any mock (documented or not, with or without valid credentials,
 * with any body), the mock answers below 500, every body it sends parses, and it keeps serving.
 */
const RUNS = Number(process.env.AUTHFLOW_FUZZ_RUNS ?? 10_000);
const USER_AGENT = 'authflow-fuzz/1.0 qa@authflow.test';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];
/** Field and parameter names the three APIs read, so generated inputs reach past "unknown field". */
const FIELDS = ['username', 'password', 'email', 'code', 'pin', 'user', 'pass', 'device', 'apikey', 'otp', 'secret', 'authMethod', 'rememberMe', 'deviceId', 'currentPassword', 'newPassword', 'orgId', 'name', 'offset', 'limit', 'sortBy', 'sortOrder', 'search', 'userId', 'token', 'revokeAPIKeys'];

interface Target {
  family: string;
  base: string;
  operation: Operation;
}

interface Credentials {
  cookies: string[];
  authorizations: string[];
  apikeys: string[];
}

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT }, body: JSON.stringify(body) });
}

function sessionCookies(response: Response): string {
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}

/** Valid credentials of each family (the accounts `npm run mocks` seeds), so generated requests also get past the guards. */
async function seedCredentials(mocks: RunningMocks): Promise<Credentials> {
  const env = await seedRealModeAccounts(mocks);
  const basic = basicAuthorization(env.VRCHAT_USERNAME as string, env.VRCHAT_PASSWORD as string);
  const authCookie = sessionCookies(await fetch(`${mocks.urls.vrchat}/auth/user`, { headers: { authorization: basic, 'user-agent': USER_AGENT } }));
  const id0 = sessionCookies(await post(`${mocks.urls.enhance}/login/sessions`, { email: env.ENHANCE_EMAIL, password: env.ENHANCE_PASSWORD }));
  const shoko = await post(`${mocks.urls.shoko}/api/auth`, { user: env.SHOKO_USER, pass: env.SHOKO_PASSWORD, device: 'fuzz' });
  const { apikey } = (await shoko.json()) as { apikey: string };
  assert.ok(authCookie && id0 && apikey, 'a seeded credential is missing');
  return { cookies: [authCookie, id0], authorizations: [basic, `Bearer ${env.ENHANCE_ADMIN_TOKEN}`], apikeys: [apikey] };
}

const printable = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength });
const anyText = (maxLength: number) => fc.string({ unit: 'grapheme', maxLength });
const segment = fc.oneof(fc.uuid(), anyText(20), fc.integer().map(String), fc.constantFrom('..', '.', '%', 'null', 'current', '0'));
const value = fc.oneof(anyText(30), fc.integer(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 3 }));
const body = fc.oneof(
  fc.constant(undefined),
  fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 6 }).map((fields) => JSON.stringify(fields)),
  fc.jsonValue({ maxDepth: 4 }).map((any) => JSON.stringify(any)),
  anyText(60),
);

function requestFor(targets: Target[], credentials: Credentials) {
  return fc.record({
    target: fc.constantFrom(...targets),
    otherMethod: fc.option(fc.constantFrom(...METHODS), { freq: 6 }),
    segments: fc.array(segment, { minLength: 3, maxLength: 3 }),
    suffix: fc.option(fc.constantFrom('/', '/extra', '%2F..', '//'), { freq: 10 }),
    query: fc.dictionary(fc.constantFrom(...FIELDS), anyText(30), { maxKeys: 3 }),
    cookie: fc.option(fc.oneof(fc.constantFrom(...credentials.cookies), printable(80), fc.constant('auth=; twoFactorAuth=;')), { freq: 2 }),
    authorization: fc.option(fc.oneof(fc.constantFrom(...credentials.authorizations), printable(60).map((text) => `Basic ${Buffer.from(text).toString('base64')}`), printable(60)), { freq: 2 }),
    apikey: fc.option(fc.oneof(fc.constantFrom(...credentials.apikeys), printable(40)), { freq: 3 }),
    contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined),
    body,
  });
}

describe('fuzzing every operation of the three mocks', () => {
  let mocks: RunningMocks;
  let targets: Target[];
  let credentials: Credentials;

  before(async () => {
    mocks = await startMocks({ clock: 'manual' });
    const bases: Record<string, string> = { VRChat: mocks.urls.vrchat, Enhance: mocks.urls.enhance, Shoko: mocks.urls.shoko };
    targets = [];
    // The mocks' operations: better-auth's server is the real framework, not this project's to harden.
    for (const spec of FAMILY_SPECS.filter((candidate) => candidate.family in bases)) {
      for (const operation of await loadOperations(spec)) targets.push({ family: spec.family, base: bases[spec.family] as string, operation });
    }
    credentials = await seedCredentials(mocks);
  });
  after(() => mocks.close());

  it(`answers ${RUNS} generated requests below 500, with bodies that parse`, async () => {
    const statuses = new Map<string, number>();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(requestFor(targets, credentials), async (input) => {
        const { target } = input;
        const method = input.otherMethod ?? target.operation.method;
        let index = 0;
        const path = target.operation.template.replace(/\{[^}]+\}/g, () => encodeURIComponent(input.segments[index++] ?? 'x')) + (input.suffix ?? '');
        const url = new URL(`${target.base}${path}`);
        for (const [name, text] of Object.entries(input.query)) url.searchParams.set(name, text);
        const headers: Record<string, string> = { 'user-agent': USER_AGENT };
        if (input.cookie) headers.cookie = input.cookie;
        if (input.authorization) headers.authorization = input.authorization;
        if (input.apikey) headers.apikey = input.apikey;
        const withBody = input.body !== undefined && method !== 'GET' && method !== 'HEAD';
        if (withBody && input.contentType) headers['content-type'] = input.contentType;
        const response = await fetch(url, { method, headers, body: withBody ? input.body : undefined, redirect: 'manual' });
        const text = await response.text();
        sent += 1;
        const key = `${target.family} ${Math.floor(response.status / 100)}xx`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        const where = `${method} ${url.pathname} → ${response.status}`;
        assert.ok(response.status < 500, `${where}: ${text.slice(0, 200)}`);
        const type = response.headers.get('content-type') ?? '';
        if (text === '') return;
        if (/json/.test(type)) assert.doesNotThrow(() => JSON.parse(text), `${where}: the JSON body does not parse`);
        else assert.ok(/^text\/html/.test(type) && target.family === 'VRChat', `${where}: a body of type "${type}"`);
      }),
      { numRuns: RUNS, seed: process.env.AUTHFLOW_FUZZ_SEED ? Number(process.env.AUTHFLOW_FUZZ_SEED) : undefined },
    );
    assert.equal(sent, RUNS);
    // The mocks still serve: each answers a plain request as before.
    assert.equal((await fetch(`${mocks.urls.shoko}/api/v3/User/Current`)).status, 401);
    console.log(`fuzz: ${sent} requests over ${targets.length} operations, answers by family and class: ${[...statuses].sort().map(([name, count]) => `${name} ${count}`).join(', ')}`);
  });
});
