import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

const root = resolve(__dirname, '../..');
const reportsDir = mkdtempSync(join(tmpdir(), 'authflow-run-'));

function npmStart(...args: string[]) {
  return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/run-features.ts', ...args], {
    cwd: root,
    env: { ...process.env, REPORTS_DIR: reportsDir },
    encoding: 'utf8',
  });
}

describe('npm start', () => {
  after(() => rmSync(reportsDir, { recursive: true, force: true }));

  it('exits non-zero when a scenario fails, and still writes the report', () => {
    const run = npmStart('test/fixtures/failing.feature', '--tags', '@fixture');
    assert.notEqual(run.status, 0, run.stdout);
    assert.match(run.stdout, /1 scenario \(1 failed\)/);
    assert.ok(existsSync(join(reportsDir, 'allure-report/index.html')), 'no report was written for the failed run');
  });

  it('passes cucumber options through and exits 0 when the selected scenarios pass', () => {
    const run = npmStart('--tags', '@conventions');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /2 scenarios \(2 passed\)/);
    assert.ok(existsSync(join(reportsDir, 'junit.xml')));
  });
});
