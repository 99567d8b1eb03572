import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { HARDENED_TURNS_OFF } from '../../servers/better-auth/turned-off';
import { allureReportResults, attachmentsOf, label, REPORTS, RUNS, runScenarios, type AllureTestResult } from './outputs';

const scenarios = runScenarios();
const vrchatScenarios = scenarios.filter((scenario) => scenario.family === 'VRChat');

describe('the generated Allure report', () => {
  const results = allureReportResults();

  it('has enough scenarios of each family: VRChat ≥ 35, Enhance ≥ 40, Shoko ≥ 12, better-auth ≥ 50 in each configuration', () => {
    const count = (epic: string) => scenarios.filter((scenario) => scenario.epic === epic).length;
    assert.ok(count('VRChat') >= 35, `only ${count('VRChat')} VRChat scenarios ran`);
    assert.ok(count('Enhance') >= 40, `only ${count('Enhance')} Enhance scenarios ran`);
    assert.ok(count('Shoko') >= 12, `only ${count('Shoko')} Shoko scenarios ran`);
    for (const epic of ['better-auth (defaults)', 'better-auth (hardened)']) assert.ok(count(epic) >= 50, `only ${count(epic)} ${epic} scenarios ran`);
  });

  it('lists every scenario under its family\'s epic (with the configuration of its server) and its feature, passed', () => {
    for (const family of new Set(scenarios.map((scenario) => scenario.epic))) {
      const expected = scenarios.filter((scenario) => scenario.epic === family);
      const listed = results.filter((result) => label(result, 'epic') === family);
      assert.equal(listed.length, expected.length, `the report and the run disagree on the number of ${family} scenarios`);
      for (const scenario of expected) {
        const found = listed.filter((result) => result.name === scenario.name && label(result, 'feature') === scenario.feature);
        assert.ok(found.length > 0, `"${scenario.name}" is missing under ${family} / ${scenario.feature}`);
        // Passed, or skipped where the configuration turns off what the scenario uses (servers/better-auth/turned-off.ts).
        const turnedOff = (result: AllureTestResult) => family === 'better-auth (hardened)' && result.labels.some((entry) => entry.name === 'tag' && Object.keys(HARDENED_TURNS_OFF).includes(entry.value.replace(/^@?uses:/, '')));
        assert.ok(found.every((result) => result.status === 'passed' || (result.status === 'skipped' && turnedOff(result))), `"${scenario.name}" did not pass`);
        assert.ok(found.every((result) => label(result, 'story') === scenario.name), `"${scenario.name}" has no story label`);
      }
      console.log(`${family}: ${listed.length} scenarios in ${new Set(listed.map((result) => label(result, 'feature'))).size} features`);
    }
  });

  it('attaches the redacted HTTP exchanges to the steps', () => {
    const attachments = results.flatMap((result) => attachmentsOf(result.steps));
    const exchanges = attachments.filter((attachment) => /^(GET|POST|PUT|DELETE|PATCH) \/\S* → \d{3}$/.test(attachment.name));
    assert.ok(exchanges.length >= vrchatScenarios.length * 2, `only ${exchanges.length} exchange attachments`);
    const login = exchanges.find((attachment) => attachment.name === 'GET /api/1/auth/user → 200');
    assert.ok(login, 'no login exchange is attached');
    const text = readFileSync(join(REPORTS, 'allure-report/data/attachments', `${login.id}${login.ext}`), 'utf8');
    assert.match(text, /^Authorization: Basic «redacted»$|^Cookie: auth=«redacted»/m);
    const withSetCookie = exchanges
      .map((attachment) => readFileSync(join(REPORTS, 'allure-report/data/attachments', `${attachment.id}${attachment.ext}`), 'utf8'))
      .find((body) => body.includes('Set-Cookie: auth='));
    assert.ok(withSetCookie, 'no attachment shows the session cookie being set');
    assert.match(withSetCookie, /Set-Cookie: auth=«redacted»; Expires=[^;]+; Path=\/; HttpOnly/, 'cookie names and attributes must stay visible');
  });

  it('marks critical scenarios with their severity', () => {
    const critical = results.filter((result) => label(result, 'severity') === 'critical');
    assert.ok(critical.length >= 10, `only ${critical.length} critical scenarios`);
  });

  it('labels every scenario with what its expectations rest on (ground)', () => {
    const grounds = (result: AllureTestResult) => result.labels.filter((entry) => entry.name === 'ground').map((entry) => entry.value);
    const scenarios = results.filter((result) => ['VRChat', 'Enhance', 'Shoko', 'better-auth (defaults)', 'better-auth (hardened)'].includes(label(result, 'epic') ?? ''));
    assert.deepEqual(scenarios.filter((result) => grounds(result).length === 0).map((result) => result.name), [], 'scenarios without a ground label');
    const values = new Set(scenarios.flatMap(grounds));
    for (const value of values) assert.match(value, /^(documented|standard: .+|assumption: [A-Z]{2}-\d{3})$/);
    assert.ok(values.has('documented') && values.has('standard: OWASP ASVS 4.0.3 2.8.4') && values.has('standard: RFC 6238 §5.2') && values.has('assumption: VR-001'));
  });

  it('writes a JUnit file per run with every scenario and no failure', () => {
    const junits = RUNS.map((run) => readFileSync(join(REPORTS, run.junit), 'utf8'));
    const testcases = junits.reduce((sum, junit) => sum + (junit.match(/<testcase /g)?.length ?? 0), 0);
    assert.equal(testcases, scenarios.length);
    for (const junit of junits) assert.doesNotMatch(junit, /<failure/);
  });
});
