import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runFeatures } from '../helpers/run-features';

const reportsDir = mkdtempSync(join(tmpdir(), 'authflow-run-'));

function npmStart(...args: string[]) {
  return npmStartWith({}, ...args);
}

function npmStartWith(env: Record<string, string>, ...args: string[]) {
  return runFeatures(args, { ...process.env, REPORTS_DIR: reportsDir, ...env });
}

describe('npm start', () => {
  after(() => rmSync(reportsDir, { recursive: true, force: true }));

  it('exits non-zero when a scenario fails, still writes the report, and files each failure under its category', () => {
    const run = npmStartWith({ AUTHFLOW_EXPECTATIONS: 'test/fixtures/expectations.yaml' }, 'test/fixtures/failing.feature', '--require', 'test/fixtures/faults.steps.ts', '--tags', '@fixture');
    assert.notEqual(run.status, 0, run.stdout);
    assert.match(run.stdout, /7 scenarios \(7 failed\)/);
    assert.ok(existsSync(join(reportsDir, 'allure-report/index.html')), 'no report was written for the failed run');
    const dir = join(reportsDir, 'allure-report/data/test-results');
    const results = readdirSync(dir).map(
      (name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as { name: string; categories?: { name: string }[]; labels: { name: string; value: string }[] },
    );
    const categoryOf = Object.fromEntries(results.map((result) => [result.name, result.categories?.map((category) => category.name) ?? []]));
    const groundsOf = Object.fromEntries(results.map((result) => [result.name, result.labels.filter((label) => label.name === 'ground').map((label) => label.value)]));
    assert.deepEqual(categoryOf['A harness error: asserting on a response that was never requested'], ['Harness errors: the test itself broke']);
    // Listed as a known deviation of the target, failing as listed: its own category, and said on the console.
    assert.deepEqual(categoryOf['A product defect: the API answers another status than specified'], ['Known deviation of the target']);
    assert.match(run.stdout, /Known deviations of the target, .*: 1 failed as listed[\s\S]*≈ "A product defect: the API answers another status than specified"/);
    // Listed with another failure than it has: not excused, in its usual category, the difference said.
    assert.match(run.stdout, /Listed, but failed another way \(failing the run\):[\s\S]*failed at "Then the request is rejected as a bad request", not at "When someone calls an operation the API does not have"/);
    assert.deepEqual(categoryOf['A product defect: the answer breaks the API description'], ['Product defects: the response breaks the API description']);
    assert.deepEqual(categoryOf['A target problem: the server fails with a server error'], ['Target problems: unreachable, slow or failing server']);
    assert.deepEqual(categoryOf['A target problem: the server is not there'], ['Target problems: unreachable, slow or failing server']);
    // The ground decides between a product defect and a difference from the mocks' choices (support/core/grounds.ts).
    assert.deepEqual(categoryOf['A difference from an assumption: an expectation that rests only on the mocks\' choices fails'], ['Differs from an assumption: decide which side is wrong']);
    assert.deepEqual(categoryOf['A product defect: an expectation that also rests on a document fails'], ['Product defects: the API does not behave as specified']);
    assert.deepEqual(groundsOf['A difference from an assumption: an expectation that rests only on the mocks\' choices fails'], ['assumption: VR-001', 'assumption: VR-023']);
    assert.deepEqual(groundsOf['A product defect: an expectation that also rests on a document fails'], ['documented', 'assumption: VR-001']);
  });

  it('fails a run whose listed known deviation passes: fixed? remove it from the list', () => {
    const run = npmStartWith({ AUTHFLOW_EXPECTATIONS: 'test/fixtures/expectations-fixed.yaml' }, '--tags', '@conventions');
    assert.match(run.stdout, /2 scenarios \(2 passed\)/);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /Listed, but passed: fixed\? remove it from the list \(failing the run\):\n {2}✘ "An operation the API does not have is answered as not implemented"/);
    const dir = join(reportsDir, 'allure-report/data/test-results');
    const result = readdirSync(dir)
      .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as { name: string; status: string; categories?: { name: string }[] })
      .find((candidate) => candidate.name === 'An operation the API does not have is answered as not implemented');
    assert.equal(result?.status, 'failed');
    assert.deepEqual(result?.categories?.map((category) => category.name), ['Listed as a known deviation, but it passed: fixed? remove it from the list']);
  });

  it('stops a run that passes its global deadline, and says so', () => {
    const run = npmStartWith({ AUTHFLOW_DEADLINE_SECONDS: '1' });
    assert.equal(run.status, 124, run.stdout);
    assert.match(run.stderr, /passed its 1-second deadline \(AUTHFLOW_DEADLINE_SECONDS\) and was stopped/);
  });

  it('passes cucumber options through and exits 0 when the selected scenarios pass', () => {
    const run = npmStart('--tags', '@conventions');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /2 scenarios \(2 passed\)/);
    assert.ok(existsSync(join(reportsDir, 'junit.xml')));
  });

  it('keeps every run in the history file, and the report shows the earlier runs', () => {
    const history = join(reportsDir, 'history.jsonl');
    const runs = () => (existsSync(history) ? readFileSync(history, 'utf8').trim().split('\n').length : 0);
    const before = runs();
    const run = npmStart('--tags', '@conventions');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(runs(), before + 1, 'the run was not added to the history');
    const last = JSON.parse(readFileSync(history, 'utf8').trim().split('\n').at(-1) as string) as { testResults: Record<string, { name: string; status: string }> };
    assert.ok(Object.values(last.testResults).some((result) => result.status === 'passed' && /./.test(result.name)), 'the history names no passed scenario');
    // The report reads the earlier runs from the file: one data file per run before this one.
    assert.equal(readdirSync(join(reportsDir, 'allure-report/data/history')).length, before);
  });
});
