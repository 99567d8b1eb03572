import assert from 'node:assert/strict';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { Allowlist } from '../../support/contract/allowlist';
import { ContractChecker, type Hit } from '../../support/contract/checker';
import type { Finding } from '../../support/contract/corrections';
import { compiledFile, loadFamilyContract } from '../../support/contract/compiled-contract';
import { FAMILY_SPECS, loadOperations, SPECS, type FamilySpec } from '../../support/contract/spec';
import { compilingValidators } from '../../support/contract/validators';
import { HttpClient } from '../../support/http/client';
import { ContractViolationError } from '../../support/http/errors';
import type { Exchange } from '../../support/http/exchange';
import { fakeServer } from '../helpers/fake-server';

function exchange(method: string, path: string, status: number, body: string, contentType = 'application/json; charset=utf-8'): Exchange {
  return {
    request: { method, url: `http://127.0.0.1${path}`, headers: [], body: '' },
    response: { status, headers: [['content-type', contentType]], body },
    durationMs: 1,
  };
}

/** The same verdicts whether the description is read and compiled in this process or precompiled and cached. */
const CHECKERS = {
  'compiled at first use': async (spec: FamilySpec, onHit: (hit: Hit) => void) => new ContractChecker(spec.family, await loadOperations(spec), Allowlist.load(), onHit, compilingValidators()),
  precompiled: async (spec: FamilySpec, onHit: (hit: Hit) => void) => {
    const { operations, validatorOf } = await loadFamilyContract(spec);
    return new ContractChecker(spec.family, operations, Allowlist.load(), onHit, validatorOf);
  },
};

for (const [kind, checkerOf] of Object.entries(CHECKERS)) describe(`contract checks, ${kind}`, () => {
  const checkers: Record<string, ContractChecker> = {};
  const hits: Hit[] = [];

  before(async () => {
    for (const spec of FAMILY_SPECS) checkers[spec.family] = await checkerOf(spec, (hit) => hits.push(hit));
  });

  it('fails a response that drops a required field, naming the operation, status and field', async () => {
    const server = await fakeServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end('{"ok":true}'); // verifyAuthToken without its required "token"
    });
    const client = new HttpClient({ baseUrl: `${server.url}/api/1`, contract: checkers.VRChat });
    await assert.rejects(client.send('/auth'), (error: Error) => {
      assert.ok(error instanceof ContractViolationError);
      assert.match(error.message, /verifyAuthToken → 200 \/: must have required property 'token' \(token\)/);
      return true;
    });
    await server.close();
  });

  it('accepts what a reviewed correction of better-auth\'s description describes, and counts it as a finding against the description', async () => {
    const spec = FAMILY_SPECS.find((candidate) => candidate.family === 'better-auth') as FamilySpec;
    const findings: Finding[] = [];
    const { operations, validatorOf } = await loadFamilyContract(spec);
    const checker = new ContractChecker(spec.family, operations, Allowlist.load(), () => undefined, validatorOf, (finding) => findings.push(finding));
    const signedIn = '{"redirect":false,"token":"t0k3n","user":{"id":"u1","email":"a@b.test","name":"A","emailVerified":true,"createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z"}}';
    assert.deepEqual(checker.check(exchange('POST', '/api/auth/sign-in/email', 200, signedIn)), [], 'the documented answer');
    assert.equal(findings.length, 0, 'a documented answer is no finding');
    // The second-factor challenge: not in the description, described by a correction.
    assert.deepEqual(checker.check(exchange('POST', '/api/auth/sign-in/email', 200, '{"twoFactorRedirect":true,"twoFactorMethods":["totp","otp"]}')), []);
    assert.deepEqual(findings.map((finding) => `${finding.operationId} ${finding.status} ${finding.kind}`), ['signInEmail 200 schema']);
    // Neither the description nor the correction: a breach, no finding.
    assert.ok(checker.check(exchange('POST', '/api/auth/sign-in/email', 200, '{"twoFactorRedirect":"yes"}')).length > 0);
    assert.equal(findings.length, 1);
    // An undocumented status a correction lists (the mailed reset link's redirect).
    assert.deepEqual(checker.check(exchange('GET', '/api/auth/reset-password/abc', 302, '', 'text/plain')), []);
    assert.deepEqual(findings.at(-1), { family: 'better-auth', operationId: 'resetPasswordCallback', status: 302, kind: 'status', reason: findings.at(-1)?.reason });
    // The same status elsewhere is still undocumented.
    assert.match(checker.check(exchange('POST', '/api/auth/sign-out', 302, '', 'text/plain'))[0]?.message ?? '', /status 302 is not documented/);
  });

  it('refuses a correction without a reason or reference, and one that contradicts the description', async () => {
    const dir = join(SPECS, '..', '.authflow-cache', 'corrections-test');
    mkdirSync(dir, { recursive: true });
    const spec = FAMILY_SPECS.find((candidate) => candidate.family === 'better-auth') as FamilySpec;
    const write = (name: string, entry: string) => {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(file, `corrections:\n${entry}`);
      return { ...spec, corrections: file };
    };
    await assert.rejects(loadOperations(write('no-reason', '  - { operation: signInEmail, status: 200, kind: schema, schema: {}, reference: x }\n')), /needs a reason and a reference/);
    await assert.rejects(loadOperations(write('documented', '  - { operation: signInEmail, status: 200, kind: status, reason: r, reference: x }\n')), /documents 200 already/);
    await assert.rejects(loadOperations(write('undocumented', '  - { operation: signInEmail, status: 302, kind: schema, schema: {}, reason: r, reference: x }\n')), /does not document 302/);
    await assert.rejects(loadOperations(write('unknown', '  - { operation: signInWithPigeons, status: 200, kind: schema, schema: {}, reason: r, reference: x }\n')), /no operation "signInWithPigeons"/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves VRChat\'s x-if: the login answers a CurrentUser or the 2FA challenge, nothing else', () => {
    const vrchat = checkers.VRChat as ContractChecker;
    assert.deepEqual(vrchat.check(exchange('GET', '/api/1/auth/user', 200, '{"requiresTwoFactorAuth":["totp","otp"]}')), []);
    const wrong = vrchat.check(exchange('GET', '/api/1/auth/user', 200, '{"requiresTwoFactorAuth":["sms"]}'));
    assert.ok(wrong.length > 0, 'an unknown 2FA method passed');
  });

  it('flags an undocumented status unless the allowlist explains it', () => {
    const vrchat = checkers.VRChat as ContractChecker;
    assert.match(vrchat.check(exchange('GET', '/api/1/auth', 418, '{}'))[0]?.message ?? '', /status 418 is not documented \(documented: 200, 401\)/);
    assert.deepEqual(vrchat.check(exchange('POST', '/api/1/auth/twofactorauth/totp/verify', 400, '{"verified":false}')), []);
  });

  it('flags a body that is not the documented JSON, and an undocumented content type', () => {
    const shoko = checkers.Shoko as ContractChecker;
    assert.match(shoko.check(exchange('POST', '/api/auth', 200, '<html>'))[0]?.message ?? '', /not the JSON/);
    assert.match(shoko.check(exchange('POST', '/api/auth', 200, 'ok', 'text/html'))[0]?.message ?? '', /content type "text\/html" is not documented/);
    assert.deepEqual(shoko.check(exchange('POST', '/api/auth', 200, '{"apikey":"0b0e8c1e-3f7a-4d6e-9a51-2f4c7d9b6a10"}')), []);
  });

  it('prefers a literal path over a template (/login/sessions/current is not a session id)', () => {
    const enhance = checkers.Enhance as ContractChecker;
    assert.equal(enhance.operationOf('DELETE', 'http://h/api/login/sessions/current')?.operationId, 'deleteCurrentSession');
    assert.equal(enhance.operationOf('DELETE', 'http://h/api/login/sessions/5b0c')?.operationId, 'deleteSession');
    assert.equal(enhance.operationOf('GET', 'http://h/api/elsewhere'), undefined);
  });

  it('counts each judged response once, for the coverage summary', () => {
    assert.ok(hits.some((hit) => hit.family === 'Shoko' && hit.operationId === 'POST /api/auth' && hit.status === 200));
  });
});

describe('precompiled descriptions', () => {
  it('are the same operations as the description read afresh', async () => {
    for (const spec of FAMILY_SPECS) {
      const fresh = await loadOperations(spec);
      const { operations } = await loadFamilyContract(spec);
      assert.deepEqual(
        operations.map((operation) => [operation.operationId, operation.method, operation.template, String(operation.pattern), Object.keys(operation.responses)]),
        fresh.map((operation) => [operation.operationId, operation.method, operation.template, String(operation.pattern), Object.keys(operation.responses)]),
      );
    }
  });

  it('are compiled once and then reused', async () => {
    const spec = FAMILY_SPECS.find((candidate) => candidate.family === 'Shoko') as FamilySpec;
    const { file } = await loadFamilyContract(spec);
    const before = statSync(file).mtimeMs;
    assert.equal((await loadFamilyContract(spec)).file, file);
    assert.equal(statSync(file).mtimeMs, before, 'the module was written again');
  });

  it('are compiled anew when a file of the description is edited (same size too), added or removed', async () => {
    // A description of its own, in a folder of its own under specs/ (a family's files are its top folder there).
    const folder = join(SPECS, `.probe-${process.pid}`);
    const family = `Probe${process.pid}`;
    const spec: FamilySpec = { family, file: join(folder, 'main.yaml'), prefix: '' };
    const schema = join(folder, 'schemas', 'thing.yaml');
    mkdirSync(join(folder, 'schemas'), { recursive: true });
    const compiledSource = () => (require(compiledFile(spec)) as { source: string }).source;
    const accepts = async (value: unknown) => {
      const { operations, validatorOf } = await loadFamilyContract(spec);
      return validatorOf(operations[0]?.responses['200']?.content?.['application/json']?.schema as object)(value);
    };
    try {
      writeFileSync(spec.file, "openapi: 3.0.3\ninfo: { title: probe, version: '1' }\npaths:\n  /thing:\n    get:\n      operationId: getThing\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: './schemas/thing.yaml' }\n");
      writeFileSync(schema, 'type: object\n');
      assert.equal(await accepts({}), true);
      const first = compiledSource();
      writeFileSync(schema, 'type: number\n');
      assert.equal(await accepts({}), false, 'an edit that keeps the size went unnoticed');
      const edited = compiledSource();
      assert.notEqual(edited, first);
      writeFileSync(join(folder, 'schemas', 'extra.yaml'), 'type: string\n');
      await loadFamilyContract(spec);
      assert.notEqual(compiledSource(), edited, 'a file added to the folder went unnoticed');
      rmSync(join(folder, 'schemas', 'extra.yaml'));
      await loadFamilyContract(spec);
      assert.equal(compiledSource(), edited, 'with the file removed again, the description is as it was');
    } finally {
      rmSync(folder, { recursive: true, force: true });
      rmSync(compiledFile(spec), { force: true });
    }
  });
});

describe('the allowlist', () => {
  it('refuses an entry without a reason', () => {
    assert.throws(() => new Allowlist([{ family: 'VRChat', operation: '*', status: 500, reason: '', reference: 'x' }]), /needs a reason/);
  });
});
