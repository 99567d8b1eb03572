import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadCatalogue } from '../../support/reports/asvs/catalogue';
import { runOutcomes } from '../../support/reports/asvs/outcomes';
import { asvsTags, writtenScenarios } from '../../support/reports/asvs/scenarios';
import { summarise } from '../../support/contract/coverage';
import { REAL_MODE_MOCK_ARGS, REAL_MODE_WORKERS, runRealMode, runRealModeAsync } from '../helpers/real-mode';
import { readSecretLogs, scanForSecrets } from '../helpers/secret-scan';
import { startStandaloneMocks, type StandaloneMocks } from '../helpers/standalone-mocks';
import { filesUnder, runWrittenText } from '../reports/outputs';

/**
 * In a real run the matrix never rounds up: a requirement whose tagged scenarios of a family are partly @mock-only
 * (skipped) reads "partly verified (n of m scenarios ran)" in asvs-coverage.md, never "verified". Returns how many
 * such cells there were.
 */
function expectPartlyVerified(reportsDir: string): number {
  const markdown = readFileSync(join(reportsDir, 'asvs-coverage.md'), 'utf8');
  const written = writtenScenarios();
  let cells = 0;
  for (const requirement of loadCatalogue().requirements) {
    for (const [family, entry] of Object.entries(requirement.families)) {
      if (entry.status !== 'applies') continue;
      const tagged = written.filter((scenario) => scenario.family === family && asvsTags(scenario.tags).checks.includes(requirement.id));
      const mockOnly = tagged.filter((scenario) => scenario.tags.includes('@mock-only')).length;
      if (mockOnly === 0 || mockOnly === tagged.length) continue;
      cells += 1;
      const details = markdown.slice(markdown.indexOf(`\n- **${requirement.id}** `) + 1);
      const line = details.split('\n').find((text) => text.startsWith(`  - ${family}: `));
      assert.ok(line, `no ${family} detail for ASVS ${requirement.id}`);
      assert.ok(
        line.startsWith(`  - ${family}: ✔⁻ partly verified (${tagged.length - mockOnly} of ${tagged.length} scenarios ran)`),
        `ASVS ${requirement.id} ${family}: ${mockOnly} of ${tagged.length} scenarios are @mock-only, yet the cell reads: ${line}`,
      );
    }
  }
  return cells;
}

/** The run's scenarios as the ASVS matrix reads them (one reader of Cucumber's JSON), with their @mock-only mark. */
function scenariosOf(reportsDir: string) {
  return runOutcomes(join(reportsDir, 'cucumber-report.json')).map((scenario) => ({ ...scenario, outcome: scenario.status, mockOnly: scenario.tags.includes('@mock-only') }));
}

/**
 * The configurations each full run measures the suite's reach against, both with the account without an authenticator
 * app named by its email address (VRChat takes either; the partial runs below name it by its username): the default
 * profile with two extra authenticator accounts, and an independent configuration (issue 19), the alternate profile
 * without the optional extra accounts, whose one authenticator secret makes it the longer run (its windows).
 */
const FULL_RUNS = [
  { name: 'default profile, the email account by its address, two extra authenticator accounts', profile: 'default', args: [...REAL_MODE_MOCK_ARGS, '--email-account-by-address'] },
  { name: 'alternate profile, the email account by its address, no extra authenticator account', profile: 'alternate', args: ['--email-account-by-address'] },
] as const;

/** Skipped on the standalone mocks, with these reasons: what only the embedded mocks can do, and what needs https. */
const expectedSkip = (scenario: { mockOnly: boolean; tags: string[] }) => scenario.mockOnly || scenario.tags.includes('@https');
const SKIP_REASONS = /needs the embedded mocks|needs an https target: VRCHAT_BASE_URL is plain http|needs an https target: ENHANCE_BASE_URL is plain http/;

describe('TARGET=real against the standalone mocks', () => {
  let mocks: StandaloneMocks;
  before(async () => {
    mocks = await startStandaloneMocks(undefined, REAL_MODE_MOCK_ARGS, { logSecrets: true });
  });
  after(() => mocks.stop());

  // Each profile makes every registered choice (specs/assumptions.yaml) its own way: the suite must hold in both, and
  // in a configuration other than the one the mocks print by default. Side by side: each has its own mocks, secrets
  // and accounts, and spends most of its time waiting for authenticator windows.
  describe('the whole suite, once per configuration', { concurrency: FULL_RUNS.length }, () => {
    for (const configuration of FULL_RUNS) {
      it(`passes every scenario that is not @mock-only, skips each @mock-only one with its reason, and reaches the APIs (${configuration.name})`, async () => {
        const own = await startStandaloneMocks(undefined, [...configuration.args], { profile: configuration.profile, logSecrets: true });
        try {
          await fullRun(own, configuration.profile, configuration.name);
        } finally {
          own.stop();
        }
      });
    }
  });

  it('stops before the first scenario when ENHANCE_ORG_ID names the realm itself, naming both', () => {
    const reports = join(mocks.dir, 'org-is-realm');
    const run = runRealMode(['--format', 'summary'], { ...process.env, ...mocks.env, ENHANCE_ORG_ID: mocks.env.ENHANCE_REALM_ID, REPORTS_DIR: reports });
    assert.equal(run.status, 2, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stderr, new RegExp(`ENHANCE_ORG_ID and ENHANCE_REALM_ID are both ${mocks.env.ENHANCE_REALM_ID}`));
    assert.ok(!existsSync(join(reports, 'cucumber-report.json')), 'a scenario ran');
  });

  /** The whole suite in real mode against `own`, with every optional variable and ALLOW_DESTRUCTIVE=1. */
  async function fullRun(own: StandaloneMocks, profile: string, name: string): Promise<void> {
    assert.equal(own.profile, profile, 'the mocks play another profile');
    const reports = join(own.dir, 'full');
    const harnessSecrets = join(own.dir, 'harness-secrets.jsonl');
    const consoleLog = join(own.dir, 'console.log');
    const started = Date.now();
    const run = await runRealModeAsync(['--format', 'summary'], {
      ...process.env,
      ...own.env,
      ALLOW_DESTRUCTIVE: '1',
      ENHANCE_ALLOW_NEW_LOGINS: '1',
      REPORTS_DIR: reports,
      AUTHFLOW_SECRETS_LOG: harnessSecrets,
      AUTHFLOW_CONSOLE_LOG: consoleLog,
    });
    const scenarios = scenariosOf(reports);
    const count = (outcome: string) => scenarios.filter((scenario) => scenario.outcome === outcome).length;
    const reach = Object.fromEntries(summarise(join(reports, 'contract')).map((family) => [family.family, `${family.operations.exercised}/${family.operations.total}`]));
    const operations = Object.entries(reach).map(([family, exercised]) => `${family} ${exercised}`).join(', ');
    console.log(
      `real mode against standalone mocks (${name}): ${count('passed')} passed, ${count('skipped')} skipped, ` +
        `${scenarios.length - count('passed') - count('skipped')} failed; operations exercised: ${operations}; ${Math.round((Date.now() - started) / 1000)} s (real TOTP windows)`,
    );
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.ok(scenarios.length >= 141, `only ${scenarios.length} scenarios ran`);
    assert.deepEqual(scenarios.filter((scenario) => !expectedSkip(scenario) && scenario.outcome !== 'passed').map((scenario) => `${scenario.name}: ${scenario.outcome}`), []);
    assert.deepEqual(scenarios.filter((scenario) => expectedSkip(scenario) && scenario.outcome !== 'skipped').map((scenario) => scenario.name), []);
    assert.ok(expectPartlyVerified(reports) > 0, 'no requirement has both @mock-only and other scenarios: the matrix rule went untested');
    // No secret the harness or the mocks used reached a report, the console or the run's own output.
    const used = readSecretLogs([harnessSecrets, own.secretsLog ?? '']);
    assert.ok(used.length >= 100 && used.some((value) => /^\d{6}$/.test(value)), `only ${used.length} secrets were logged: the scan would prove nothing`);
    const outputs = [...filesUnder(reports), consoleLog].map((path) => ({ name: path.slice(own.dir.length + 1), text: runWrittenText(path) }));
    const scan = scanForSecrets(used, [...outputs, { name: 'stdout', text: run.stdout }, { name: 'stderr', text: run.stderr }]);
    assert.deepEqual(scan.leaks, []);
    console.log(`${name}: scanned ${scan.files} files for ${scan.values} secret values: 0 hits`);
    // Every skipped scenario said why, on stderr and in the report.
    const reasons = run.stderr.split('\n').filter((line) => line.startsWith('skipped "'));
    assert.equal(reasons.length, scenarios.filter((scenario) => scenario.outcome === 'skipped').length, 'a scenario was skipped without a reason');
    assert.ok(reasons.every((line) => SKIP_REASONS.test(line)), reasons.join('\n'));
    // Every operation within this configuration's reach was called (what only @mock-only scenarios call is listed apart).
    const results = join(reports, 'allure-results');
    const coverage = readdirSync(results)
      .filter((name) => name.endsWith('-result.json'))
      .map((name) => JSON.parse(readFileSync(join(results, name), 'utf8')) as { name: string; status: string })
      .find((result) => result.name === 'Every documented operation is exercised');
    assert.equal(coverage?.status, 'passed', 'the coverage check did not pass');
    assert.ok(Number.parseInt(reach.VRChat ?? '', 10) >= 15 && reach.Enhance === '23/23' && reach.Shoko === '3/3', `operations exercised: ${JSON.stringify(reach)}`);
    // The enrolment scenarios turned the email-code account's authenticator app off again: it still asks for emailed codes.
    const { VRCHAT_BASE_URL, VRCHAT_USER_AGENT, VRCHAT_EMAIL_USERNAME, VRCHAT_EMAIL_PASSWORD } = own.env;
    const basic = Buffer.from(`${encodeURIComponent(VRCHAT_EMAIL_USERNAME ?? '')}:${encodeURIComponent(VRCHAT_EMAIL_PASSWORD ?? '')}`).toString('base64');
    const login = await fetch(`${VRCHAT_BASE_URL}/auth/user`, { headers: { authorization: `Basic ${basic}`, 'user-agent': VRCHAT_USER_AGENT ?? '' } });
    assert.deepEqual(await login.json(), { requiresTwoFactorAuth: ['emailOtp'] }, 'the email-code account no longer asks for emailed codes');
    // Both workers' codes, requests and waits are added up in the floor report.
    const floor = /^ {2}floor .*$/m.exec(run.stdout)?.[0];
    assert.ok(floor && new RegExp(`waiting and floor \\(${REAL_MODE_WORKERS} workers\\)`).test(run.stdout), 'no floor report for all the workers');
    console.log(`${name}:${floor}`);
  }

  const withoutOptional = () => {
    const { ALLOW_DESTRUCTIVE: _allowed, MAILBOX_URL: _mailbox, ENHANCE_ADMIN_TOKEN: _token, ENHANCE_ORG_ID: _org, ENHANCE_REALM_ID: _realm, VRCHAT_EMAIL_USERNAME: _user, VRCHAT_EMAIL_PASSWORD: _password, ...partial } = { ...process.env, ...mocks.env };
    return partial;
  };

  it('skips what an unset optional variable or ALLOW_DESTRUCTIVE=0 rules out, each with its reason, and runs Enhance on the configured logins', () => {
    const reports = join(mocks.dir, 'partial');
    const run = runRealMode(['--format', 'summary', '--tags', 'not @mock-only and (@enhance or @destructive or @mailbox or @admin or @email-account)'], { ...withoutOptional(), REPORTS_DIR: reports });
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
    const run = runRealMode(['--format', 'summary', '--tags', '@enhance and @destructive and not @mock-only and not @mailbox'], { ...withoutOptional(), ALLOW_DESTRUCTIVE: '1', REPORTS_DIR: reports });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.ok(scenariosOf(reports).filter((scenario) => scenario.outcome === 'passed').length >= 5, 'too few destructive scenarios ran');
    const { ENHANCE_BASE_URL, ENHANCE_EMAIL, ENHANCE_PASSWORD } = mocks.env;
    const signIn = await fetch(`${ENHANCE_BASE_URL}/login/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ENHANCE_EMAIL, password: ENHANCE_PASSWORD }) });
    assert.equal(signIn.status, 200, 'the configured login no longer signs in with its own email address and password');
  });
});
