import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runOutcomes } from '../../support/asvs/outcomes';
import { runFeatures } from '../helpers/run-features';
import { startStandaloneMocks, type StandaloneMocks } from '../helpers/standalone-mocks';

/** The run's scenarios as the ASVS matrix reads them (one reader of Cucumber's JSON), with their @mock-only mark. */
function scenariosOf(reportsDir: string) {
  return runOutcomes(join(reportsDir, 'cucumber-report.json')).map((scenario) => ({ ...scenario, outcome: scenario.status, mockOnly: scenario.tags.includes('@mock-only') }));
}

describe('TARGET=real against the standalone mocks', () => {
  let mocks: StandaloneMocks;
  before(async () => {
    mocks = await startStandaloneMocks();
  });
  after(() => mocks.stop());

  it('passes every scenario that is not @mock-only, and skips each @mock-only one with its reason', () => {
    const reports = join(mocks.dir, 'full');
    const started = Date.now();
    const run = runFeatures(['--format', 'summary'], { ...process.env, ...mocks.env, ALLOW_DESTRUCTIVE: '1', ENHANCE_ALLOW_NEW_LOGINS: '1', REPORTS_DIR: reports });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const scenarios = scenariosOf(reports);
    assert.ok(scenarios.length >= 141, `only ${scenarios.length} scenarios ran`);
    assert.deepEqual(scenarios.filter((scenario) => !scenario.mockOnly && scenario.outcome !== 'passed').map((scenario) => `${scenario.name}: ${scenario.outcome}`), []);
    assert.deepEqual(scenarios.filter((scenario) => scenario.mockOnly && scenario.outcome !== 'skipped').map((scenario) => scenario.name), []);
    // Every skipped scenario said why, on stderr and in the report.
    const reasons = run.stderr.split('\n').filter((line) => line.startsWith('skipped "'));
    assert.equal(reasons.length, scenarios.filter((scenario) => scenario.outcome === 'skipped').length, 'a scenario was skipped without a reason');
    assert.ok(reasons.every((line) => /needs the embedded mocks/.test(line)), reasons.join('\n'));
    // What the skipped scenarios alone call is out of reach, not forgotten: the coverage check must not be red.
    const results = join(reports, 'allure-results');
    const coverage = readdirSync(results)
      .filter((name) => name.endsWith('-result.json'))
      .map((name) => JSON.parse(readFileSync(join(results, name), 'utf8')) as { name: string; status: string })
      .find((result) => result.name === 'Every documented operation is exercised');
    assert.ok(coverage && coverage.status !== 'failed', `the coverage check is ${coverage?.status ?? 'missing'}`);
    const passed = scenarios.filter((scenario) => scenario.outcome === 'passed').length;
    console.log(`real mode against standalone mocks: ${passed} passed, ${scenarios.length - passed} skipped (@mock-only), in ${Math.round((Date.now() - started) / 1000)} s (real TOTP windows)`);
  });

  const withoutOptional = () => {
    const { ALLOW_DESTRUCTIVE: _allowed, MAILBOX_URL: _mailbox, ENHANCE_ADMIN_TOKEN: _token, ENHANCE_ORG_ID: _org, ENHANCE_REALM_ID: _realm, VRCHAT_EMAIL_USERNAME: _user, VRCHAT_EMAIL_PASSWORD: _password, ...partial } = { ...process.env, ...mocks.env };
    return partial;
  };

  it('skips what an unset optional variable or ALLOW_DESTRUCTIVE=0 rules out, each with its reason, and runs Enhance on the configured logins', () => {
    const reports = join(mocks.dir, 'partial');
    const run = runFeatures(['--format', 'summary', '--tags', 'not @mock-only and (@enhance or @destructive or @mailbox or @admin or @email-account)'], { ...withoutOptional(), REPORTS_DIR: reports });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const scenarios = scenariosOf(reports);
    const skipped = scenarios.filter((scenario) => scenario.outcome === 'skipped');
    const reasons = run.stderr.split('\n').filter((line) => line.startsWith('skipped "'));
    assert.equal(reasons.length, skipped.length, 'a scenario was skipped without a reason');
    for (const reason of ['set ALLOW_DESTRUCTIVE=1 to run it', 'needs ENHANCE_ADMIN_TOKEN, ENHANCE_ORG_ID and ENHANCE_REALM_ID', 'needs VRCHAT_EMAIL_USERNAME and VRCHAT_EMAIL_PASSWORD', 'needs a mailbox: MAILBOX_URL is not set']) {
      assert.ok(reasons.some((line) => line.includes(reason)), `no scenario was skipped because it "${reason}"`);
    }
    // Without admin credentials, the untagged Enhance scenarios borrow ENHANCE_EMAIL and ENHANCE_OTP_EMAIL.
    assert.ok(scenarios.filter((scenario) => scenario.outcome === 'passed').length >= 15, 'too few Enhance scenarios ran on the configured logins');
  });

  it('puts back what destructive scenarios changed on a borrowed login', async () => {
    const reports = join(mocks.dir, 'destructive');
    const run = runFeatures(['--format', 'summary', '--tags', '@enhance and @destructive and not @mock-only and not @mailbox'], { ...withoutOptional(), ALLOW_DESTRUCTIVE: '1', REPORTS_DIR: reports });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.ok(scenariosOf(reports).filter((scenario) => scenario.outcome === 'passed').length >= 5, 'too few destructive scenarios ran');
    const { ENHANCE_BASE_URL, ENHANCE_EMAIL, ENHANCE_PASSWORD } = mocks.env;
    const signIn = await fetch(`${ENHANCE_BASE_URL}/login/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ENHANCE_EMAIL, password: ENHANCE_PASSWORD }) });
    assert.equal(signIn.status, 200, 'the configured login no longer signs in with its own email address and password');
  });
});
