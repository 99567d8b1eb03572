import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { writeCoverage, type CoverageFile } from '../../support/contract/coverage';
import { outOfReach } from '../../support/contract/reach';
import { reportContractCoverage } from '../../support/reports/contract-coverage';
import type { Config } from '../../support/core/config';
import type { Target } from '../../support/core/target';

const dirs: string[] = [];

/** The coverage check a run with these workers' files would add to its report. */
function checkOf(...workers: CoverageFile[]): { status: string; statusDetails?: { message: string } } {
  const reports = mkdtempSync(join(tmpdir(), 'authflow-coverage-'));
  dirs.push(reports);
  for (const worker of workers) writeCoverage(join(reports, 'contract'), worker);
  const log = console.log;
  console.log = () => undefined; // the summary is printed for users; not this test's concern
  try {
    reportContractCoverage(reports, { asCheck: true });
  } finally {
    console.log = log;
  }
  const results = join(reports, 'allure-results');
  const file = readdirSync(results).find((name) => name.endsWith('-result.json')) as string;
  return JSON.parse(readFileSync(join(results, file), 'utf8'));
}

const documented = { Shoko: { 'POST /api/auth': ['200', '400'], 'DELETE /api/auth': ['200'] } };
const signIn = { family: 'Shoko', operationId: 'POST /api/auth', status: 200 };
const deletion = { family: 'Shoko', operationId: 'DELETE /api/auth', status: 200 };

describe('the check that every documented operation is exercised', () => {
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('passes when every operation was called, over all workers', () => {
    assert.equal(checkOf({ documented, hits: [signIn] }, { documented, hits: [deletion] }).status, 'passed');
  });

  it('fails, naming the operation, when every scenario ran and one operation was never called', () => {
    const check = checkOf({ documented, hits: [signIn], skipped: [] });
    assert.equal(check.status, 'failed');
    assert.equal(check.statusDetails?.message, 'Shoko: DELETE /api/auth');
  });

  it('passes when the only uncalled operation is out of the configuration\'s reach, listing it with the reason', () => {
    const outOfReach = { Shoko: { 'DELETE /api/auth': 'changes account state on the server: set ALLOW_DESTRUCTIVE=1 to run it' } };
    const check = checkOf({ documented, hits: [signIn], skipped: [{ scenario: 'Deleting a key', reason: 'set ALLOW_DESTRUCTIVE=1' }], outOfReach });
    assert.equal(check.status, 'passed');
    assert.equal(check.statusDetails?.message, "out of this configuration's reach: Shoko DELETE /api/auth (changes account state on the server: set ALLOW_DESTRUCTIVE=1 to run it)");
  });

  it('fails when an operation within reach was not called, even though the tags ruled other scenarios out', () => {
    const check = checkOf({ documented, hits: [signIn], skipped: [{ scenario: 'Deleting a key', reason: 'needs a mailbox' }], outOfReach: { Shoko: {} } });
    assert.equal(check.status, 'failed');
    assert.equal(check.statusDetails?.message, 'Shoko: DELETE /api/auth');
  });

  it('is skipped, not failed, when scenarios were skipped in a step: what they call is not known', () => {
    const check = checkOf({ documented, hits: [signIn], skipped: [{ scenario: 'Deleting a key', reason: 'needs a second Shoko user', inStep: true }] });
    assert.equal(check.status, 'skipped');
    assert.match(check.statusDetails?.message ?? '', /perhaps only by the 1 scenarios skipped in a step: Shoko: DELETE \/api\/auth/);
  });
});

describe('what a configuration can reach', () => {
  const target = (config: Partial<Config>, kind: Target['kind'] = 'real') =>
    ({ kind, families: {}, config: { allowDestructive: false, ...config }, mailboxUrl: config.mailboxUrl, controlUrl: undefined }) as unknown as Target;

  it('names every unmet need of an operation, and what only @mock-only scenarios call', () => {
    assert.equal(outOfReach('VRChat', 'deleteUser', target({})), 'changes account state on the server: set ALLOW_DESTRUCTIVE=1 to run it, or needs VRCHAT_EMAIL_USERNAME and VRCHAT_EMAIL_PASSWORD; needs a mailbox: MAILBOX_URL is not set');
    assert.equal(outOfReach('VRChat', 'verifyLoginPlace', target({ mailboxUrl: 'http://mail' })), 'only @mock-only scenarios call it');
    assert.equal(outOfReach('VRChat', 'disable2FA', target({ allowDestructive: true, mailboxUrl: 'http://mail' })), 'needs VRCHAT_EMAIL_USERNAME and VRCHAT_EMAIL_PASSWORD, or only @mock-only scenarios call it');
  });

  it('reaches an operation when one of its callers\' needs is met, and everything on the mocks', () => {
    assert.equal(outOfReach('VRChat', 'deleteUser', target({ allowDestructive: true })), undefined);
    assert.equal(outOfReach('VRChat', 'verifyLoginPlace', target({ mailboxUrl: 'http://mail' }, 'mock')), undefined);
    assert.equal(outOfReach('VRChat', 'anUnknownOperation', target({})), undefined);
  });
});
