import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  exitCodeAfter,
  failingVerdicts,
  judge,
  KNOWN_DEVIATION_LABEL,
  FIXED_DEVIATION_LABEL,
  loadExpectations,
  markAllureResults,
  scenarioResults,
  verdictSummary,
  type KnownDeviation,
  type ScenarioResult,
} from '../../support/reports/known-deviations';
import { writtenScenarios } from '../../support/reports/asvs/scenarios';

const dir = mkdtempSync(join(tmpdir(), 'authflow-expectations-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const listed: KnownDeviation = {
  feature: 'features/better-auth/authenticator-app.feature',
  scenario: 'A code already used is refused in a new sign-in',
  reason: 'better-auth takes a code again in a new challenge',
  link: 'https://github.com/better-auth/better-auth/issues/10387',
  fails: { step: 'Then the app refuses the code', error: 'was not refused' },
  source: 'expectations/better-auth-defaults.yaml',
};

const result = (status: ScenarioResult['status'], failure?: ScenarioResult['failure'], name = listed.scenario): ScenarioResult => ({
  uri: listed.feature,
  name,
  family: 'better-auth',
  status,
  ...(failure ? { failure } : {}),
});

describe('known deviations of a target (expectations/<target>.yaml)', () => {
  it('excuses a listed scenario that fails at the listed step with the listed message: it does not fail the run', () => {
    const verdicts = judge([result('failed', { step: 'Then the app refuses the code', error: 'AssertionError: the code was not refused: 200' }), result('passed', undefined, 'Another scenario')], [listed]);
    assert.deepEqual(verdicts.map((verdict) => verdict.kind), ['known-deviation', 'passed']);
    assert.deepEqual(failingVerdicts(verdicts), []);
    assert.equal(exitCodeAfter(1, verdicts), 0, 'Cucumber\'s 1 for the failed scenario becomes 0');
    assert.match(verdictSummary(verdicts, 'better-auth (defaults)') ?? '', /Known deviations of the target, better-auth \(defaults\): 1 failed as listed[\s\S]*issues\/10387/);
  });

  it('does not excuse a listed scenario that fails at another step, or with another message', () => {
    const otherStep = judge([result('failed', { step: 'Given Bella has an account on the app', error: 'was not refused' })], [listed]);
    assert.equal(otherStep[0]?.kind, 'fails-otherwise');
    assert.match(otherStep[0]?.difference ?? '', /failed at "Given Bella has an account on the app", not at "Then the app refuses the code"/);
    const otherMessage = judge([result('failed', { step: 'Then the app refuses the code', error: 'TargetServerError: answered 500' })], [listed]);
    assert.equal(otherMessage[0]?.kind, 'fails-otherwise');
    assert.match(otherMessage[0]?.difference ?? '', /with "TargetServerError: answered 500", not "was not refused"/);
    for (const verdicts of [otherStep, otherMessage]) assert.equal(exitCodeAfter(1, verdicts), 1);
  });

  it('fails the run when a listed scenario passes: fixed? remove it from the list', () => {
    const verdicts = judge([result('passed')], [listed]);
    assert.equal(verdicts[0]?.kind, 'fixed');
    assert.equal(exitCodeAfter(0, verdicts), 1, 'a green Cucumber run still fails');
    assert.match(verdictSummary(verdicts, 'x') ?? '', /Listed, but passed: fixed\? remove it from the list/);
  });

  it('fails the run on an unlisted failure, as always, and keeps any other exit code of Cucumber', () => {
    const unlisted = judge([result('failed', { step: 'Then x', error: 'y' }, 'Something else')], [listed]);
    assert.deepEqual(unlisted.map((verdict) => verdict.kind), ['failed']);
    assert.equal(exitCodeAfter(1, unlisted), 1);
    assert.equal(exitCodeAfter(2, judge([result('failed', { step: 'Then the app refuses the code', error: 'was not refused' })], [listed])), 2, 'not Cucumber\'s "a scenario failed"');
    assert.equal(exitCodeAfter(1, judge([], [listed])), 1, 'a failed run with no failed scenario failed for another reason');
  });

  it('reports a listed scenario that was skipped, and fails on a listing of a scenario its feature does not have', () => {
    assert.equal(judge([result('skipped')], [listed])[0]?.kind, 'listed-not-run');
    const written = [{ uri: listed.feature, name: 'A renamed scenario' }];
    const stale = judge([result('passed', undefined, 'A renamed scenario')], [listed], written);
    assert.deepEqual(stale.map((verdict) => verdict.kind), ['passed', 'stale']);
    assert.equal(exitCodeAfter(0, stale), 1);
    // A listed scenario that exists but was not selected (a tag, a shard) says nothing.
    assert.deepEqual(judge([result('passed', undefined, 'Another one')], [listed], [...written, { uri: listed.feature, name: listed.scenario }]).map((verdict) => verdict.kind), ['passed']);
  });

  it('refuses an entry without its reason, an http(s) link, or the failure it is expected with', () => {
    const file = join(dir, 'incomplete.yaml');
    writeFileSync(file, 'deviations:\n  - feature: features/x.feature\n    scenario: S\n    reason: R\n    link: issue 12\n  - feature: features/x.feature\n    scenario: T\n    link: https://example.test/1\n    fails: { step: Then x, error: y }\n');
    assert.throws(() => loadExpectations([file]), (error: Error) => {
      assert.match(error.message, /entry 1 \("S"\): needs fails\.step and fails\.error/);
      assert.match(error.message, /entry 2 \("T"\): needs reason/);
      return true;
    });
    assert.throws(() => loadExpectations([join(dir, 'missing.yaml')]), /no such expectations file/);
  });

  it('lists only scenarios that exist, in the files the project ships', () => {
    const written = writtenScenarios();
    const root = resolve(__dirname, '../..');
    for (const file of ['expectations/better-auth-defaults.yaml', 'expectations/better-auth-hardened.yaml']) {
      const deviations = loadExpectations([file], root);
      assert.ok(deviations.length > 0, `${file} lists nothing`);
      for (const deviation of deviations) {
        const scenario = written.find((candidate) => candidate.uri === deviation.feature && candidate.name === deviation.scenario);
        assert.ok(scenario, `${file}: "${deviation.scenario}" is not a scenario of ${deviation.feature}`);
        const step = deviation.fails.step.replace(/^(Given|When|Then|And|But)\s+/, '');
        assert.ok(scenario.steps.includes(step), `${file}: "${deviation.scenario}" has no step "${step}"`);
      }
    }
  });

  it('reads the failing step of each scenario from Cucumber\'s JSON report', () => {
    const json = join(dir, 'cucumber.json');
    writeFileSync(json, JSON.stringify([{ uri: listed.feature, elements: [
      { type: 'scenario', name: listed.scenario, before: [{ result: { status: 'passed' } }], steps: [{ keyword: 'Given ', name: 'a', result: { status: 'passed' } }, { keyword: 'Then ', name: 'the app refuses the code', result: { status: 'failed', error_message: 'AssertionError: the code was not refused: 200' } }, { keyword: 'And ', name: 'c', result: { status: 'skipped' } }] },
      { type: 'scenario', name: 'Skipped by its tags', steps: [{ keyword: 'Given ', name: 'a', result: { status: 'skipped' } }] },
    ] }]));
    const results = scenarioResults(json);
    assert.deepEqual(results[0]?.failure, { step: 'Then the app refuses the code', error: 'AssertionError: the code was not refused: 200' });
    assert.equal(results[1]?.status, 'skipped');
  });

  it('files the Allure results: a known deviation gets its label, link and reason; a listed scenario that passed becomes a failure saying so', () => {
    const results = join(dir, 'allure-results');
    const write = (name: string, status: string, epic: string) => {
      const file = join(results, `${name}-result.json`);
      writeFileSync(file, JSON.stringify({ name: listed.scenario, fullName: `authflow:${listed.feature}#${listed.scenario}`, status, statusDetails: { message: 'AssertionError: the code was not refused: 200' }, labels: [{ name: 'epic', value: epic }] }));
      return file;
    };
    mkdirSync(results, { recursive: true });
    const defaults = write('defaults', 'failed', 'better-auth (defaults)');
    const hardened = write('hardened', 'failed', 'better-auth (hardened)');
    const known = judge([result('failed', { step: 'Then the app refuses the code', error: 'was not refused' })], [listed]);
    assert.equal(markAllureResults(results, known, { 'better-auth': 'defaults' }), 1, 'only the run\'s own configuration is marked');
    const marked = JSON.parse(readFileSync(defaults, 'utf8')) as { labels: { name: string; value: string }[]; links: { url: string }[]; statusDetails: { message: string } };
    assert.ok(marked.labels.some((label) => label.name === KNOWN_DEVIATION_LABEL && label.value === listed.reason));
    assert.deepEqual(marked.links.map((link) => link.url), [listed.link]);
    assert.match(marked.statusDetails.message, /^Known deviation of the target \(expectations\/better-auth-defaults\.yaml\): /);
    assert.doesNotMatch(readFileSync(hardened, 'utf8'), /known-deviation/);
    writeFileSync(hardened, readFileSync(hardened, 'utf8').replace('"failed"', '"passed"'));
    assert.equal(markAllureResults(results, judge([result('passed')], [listed]), { 'better-auth': 'hardened' }), 1);
    const fixed = JSON.parse(readFileSync(hardened, 'utf8')) as { status: string; labels: { name: string }[]; statusDetails: { message: string } };
    assert.equal(fixed.status, 'failed');
    assert.ok(fixed.labels.some((label) => label.name === FIXED_DEVIATION_LABEL));
    assert.match(fixed.statusDetails.message, /fixed\? remove it from the list/);
  });
});
