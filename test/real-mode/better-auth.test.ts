import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { summarise } from '../../support/contract/coverage';
import { runOutcomes } from '../../support/reports/asvs/outcomes';
import { loadExpectations } from '../../support/reports/known-deviations';
import { readJson } from '../reports/outputs';
import { runFeatures } from '../helpers/run-features';
import { startStandaloneMocks, type StandaloneMocks } from '../helpers/standalone-mocks';

/**
 * better-auth as a team's own deployment: `npm run mocks` starts the same server the embedded target runs (the
 * defaults configuration, servers/better-auth/), standalone, and the suite points TARGET=real at it with only what
 * .env.example asks for. Pacing is off: the server is on 127.0.0.1 and limits nothing (the mocks' real-mode test
 * keeps the pacing path).
 */
describe('TARGET=real against a standalone better-auth', () => {
  let mocks: StandaloneMocks;
  before(async () => {
    mocks = await startStandaloneMocks();
  });
  after(() => mocks.stop());

  const betterAuthOnly = () => {
    const { VRCHAT_BASE_URL: _vrchat, ENHANCE_BASE_URL: _enhance, SHOKO_BASE_URL: _shoko, ...env } = { ...process.env, ...mocks.env };
    return { ...env, REQUEST_INTERVAL_MS: '0' };
  };

  it('runs every better-auth scenario, exercises the operations within reach, and deletes every account it signed up', () => {
    const reports = join(mocks.dir, 'better-auth');
    const started = Date.now();
    // The deployment is the defaults configuration: its known deviations are the list a team running it would name.
    const run = runFeatures(['--tags', '@better-auth', '--format', 'summary', '--parallel', '2'], { ...betterAuthOnly(), REPORTS_DIR: reports, AUTHFLOW_EXPECTATIONS: 'expectations/better-auth-defaults.yaml' });
    const scenarios = runOutcomes(join(reports, 'cucumber-report.json'));
    const count = (status: string) => scenarios.filter((scenario) => scenario.status === status).length;
    const coverage = summarise(join(reports, 'contract')).find((family) => family.family === 'better-auth');
    console.log(
      `better-auth in real mode against its standalone server: ${count('passed')} passed, ${count('skipped')} skipped, ${count('failed')} failed as known deviations; ` +
        `operations ${coverage?.operations.exercised}/${coverage?.operations.total}, ${coverage?.findings.length} findings against the description; ${Math.round((Date.now() - started) / 1000)} s`,
    );
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.ok(scenarios.length >= 60, `only ${scenarios.length} scenarios ran`);
    // Everything passed but the known deviations, which failed as listed (the run's exit code says so too), and the
    // @https scenarios, skipped with their reason: the standalone server speaks plain http.
    const listed = loadExpectations(['expectations/better-auth-defaults.yaml']).map((deviation) => deviation.scenario).sort();
    const httpsOnly = (scenario: (typeof scenarios)[number]) => scenario.tags.includes('@https');
    assert.deepEqual(scenarios.filter((scenario) => httpsOnly(scenario) && scenario.status !== 'skipped').map((scenario) => scenario.name), []);
    assert.deepEqual(scenarios.filter((scenario) => !httpsOnly(scenario) && scenario.status !== 'passed').map((scenario) => scenario.name).sort(), listed);
    assert.match(run.stdout, new RegExp(`Known deviations of the target, expectations/better-auth-defaults.yaml: ${listed.length} failed as listed`));
    // Every operation within reach was called; what none of the harness's configurations reaches says why (the
    // deletion link only a configuration that confirms deletions by mail sends).
    assert.deepEqual(coverage?.missing, []);
    assert.ok((coverage?.operations.exercised ?? 0) >= 46, `operations exercised: ${coverage?.operations.exercised}`);
    assert.ok(coverage?.outOfReach.every((entry) => /social|deferSessionRefresh|by mail/.test(entry.reason)), JSON.stringify(coverage?.outOfReach));
    // The footprint: every account signed up (and its API keys) deleted again.
    const footprint = readJson<{ kinds: { kind: string; created: number; changedAndPutBack: number; leftBehind: { count: number } }[] }>(join(reports, 'footprint.json'));
    const users = footprint.kinds.find((kind) => kind.kind === 'better-auth users');
    assert.ok(users && users.created >= 50, `the footprint counts ${users?.created} accounts signed up`);
    assert.equal(users.leftBehind.count, 0, 'accounts were left behind');
    assert.equal(users.changedAndPutBack, users.created, 'not every account signed up was deleted');
    assert.equal(footprint.kinds.find((kind) => kind.kind === 'better-auth API keys')?.leftBehind.count ?? 0, 0, 'API keys were left behind');
  });

  it('skips what the deployment turned off, each with its reason, and lends the configured account where sign-up is off', async () => {
    const reports = join(mocks.dir, 'turned-off');
    const run = runFeatures(['--tags', '@better-auth and (@sign-out or @sessions or @magic-link)', '--format', 'summary'], { ...betterAuthOnly(), BETTER_AUTH_OFF: 'sign-up,magic-link', REPORTS_DIR: reports });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const scenarios = runOutcomes(join(reports, 'cucumber-report.json'));
    const reasons = run.stderr.split('\n').filter((line) => line.startsWith('skipped "'));
    assert.equal(reasons.length, scenarios.filter((scenario) => scenario.status === 'skipped').length, 'a scenario was skipped without a reason');
    assert.ok(reasons.some((line) => line.includes('the deployment turned off the magicLink plugin (BETTER_AUTH_OFF)')), reasons.join('\n'));
    assert.ok(reasons.some((line) => line.includes('needs a second account, and the deployment turned sign-up off')), reasons.join('\n'));
    assert.ok(scenarios.filter((scenario) => scenario.status === 'passed').length >= 6, 'too few scenarios ran on the lent account');
    // The lent account still signs in with its own password: the run ended its sessions, nothing else.
    const { BETTER_AUTH_BASE_URL, BETTER_AUTH_BASE_PATH, BETTER_AUTH_EMAIL, BETTER_AUTH_PASSWORD } = mocks.env;
    const signIn = await fetch(`${BETTER_AUTH_BASE_URL}${BETTER_AUTH_BASE_PATH}/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BETTER_AUTH_BASE_URL ?? '' },
      body: JSON.stringify({ email: BETTER_AUTH_EMAIL, password: BETTER_AUTH_PASSWORD }),
    });
    assert.equal(signIn.status, 200, 'the lent account no longer signs in with its own password');
  });
});
