import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { writeCoverage, type CoverageFile } from '../../support/contract/coverage';
import { reportContractCoverage } from '../../support/contract/report';

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

  it('is skipped, not failed, when the configuration ruled out scenarios: their operations were out of reach', () => {
    const check = checkOf({ documented, hits: [signIn], skipped: [{ scenario: 'Deleting a key', reason: 'needs ALLOW_DESTRUCTIVE=1' }] });
    assert.equal(check.status, 'skipped');
    assert.match(check.statusDetails?.message ?? '', /not reached with this configuration \(1 scenarios could not run\): Shoko: DELETE \/api\/auth/);
  });
});
