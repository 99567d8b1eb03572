import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadCatalogue } from '../../support/reports/asvs/catalogue';
import { buildMatrix } from '../../support/reports/asvs/matrix';
import { runOutcomes } from '../../support/reports/asvs/outcomes';
import { writtenScenarios } from '../../support/reports/asvs/scenarios';

const ROOT = resolve(__dirname, '../..');

/**
 * One reason, one failure (issue 19): a server whose session cookie lacks SameSite fails the scenario about SameSite
 * and its ASVS cell, and nothing else: no flow scenario checks a cookie attribute on the side.
 */
describe('a session cookie without SameSite (the mock defect vrchat-auth-cookie-cross-site)', () => {
  const reports = mkdtempSync(join(tmpdir(), 'authflow-one-reason-'));
  after(() => rmSync(reports, { recursive: true, force: true }));

  it('fails exactly one scenario and one ASVS cell', () => {
    const run = spawnSync(resolve(ROOT, 'node_modules/.bin/cucumber-js'), ['--format', 'summary', '--tags', '@vrchat'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TARGET: 'mock', MOCK_DEFECTS: 'vrchat-auth-cookie-cross-site', REPORTS_DIR: reports },
    });
    assert.notEqual(run.status, 0, 'the run passed: the defect was not played');
    const outcomes = runOutcomes(join(reports, 'cucumber-report.json'));
    assert.ok(outcomes.length > 60, `only ${outcomes.length} VRChat scenarios ran`);
    assert.deepEqual(outcomes.filter((outcome) => outcome.status === 'failed').map((outcome) => outcome.name), ['Other sites\' requests do not carry the session cookie']);
    const matrix = buildMatrix(loadCatalogue(), outcomes, writtenScenarios(), 'mock');
    const failed = matrix.rows.flatMap((row) => Object.entries(row.cells).filter(([, cell]) => cell.kind === 'failed').map(([family]) => `${row.requirement.id} ${family}`));
    assert.deepEqual(failed, ['3.3.2 VRChat']);
  });
});
