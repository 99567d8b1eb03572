import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { familyOf } from '../../support/core/families';
import { allureReportResults, attachmentsOf, label, readJson, REPORTS, type AllureTestResult } from './outputs';

interface CucumberFeature {
  uri: string;
  name: string;
  elements: { type: string; name: string; tags?: { name: string }[] }[];
}

const features = readJson<CucumberFeature[]>(join(REPORTS, 'cucumber-report.json'));
const scenarios = features.flatMap((feature) =>
  feature.elements
    .filter((element) => element.type === 'scenario')
    .map((scenario) => ({ family: familyOf(feature.uri), feature: feature.name, name: scenario.name, https: (scenario.tags ?? []).some((tag) => tag.name === '@https') })),
);
const vrchatScenarios = scenarios.filter((scenario) => scenario.family === 'VRChat');

describe('the generated Allure report', () => {
  const results = allureReportResults();

  it('has enough scenarios of each family: VRChat ≥ 35, Enhance ≥ 40, Shoko ≥ 12', () => {
    const count = (family: string) => scenarios.filter((scenario) => scenario.family === family).length;
    assert.ok(count('VRChat') >= 35, `only ${count('VRChat')} VRChat scenarios ran`);
    assert.ok(count('Enhance') >= 40, `only ${count('Enhance')} Enhance scenarios ran`);
    assert.ok(count('Shoko') >= 12, `only ${count('Shoko')} Shoko scenarios ran`);
  });

  // Passed, except what the embedded mocks (plain http) cannot show: the @https scenarios, skipped with their reason.
  it('lists every scenario under its family\'s epic and its feature, passed (or, @https on the mocks, skipped)', () => {
    for (const family of new Set(scenarios.map((scenario) => scenario.family))) {
      const expected = scenarios.filter((scenario) => scenario.family === family);
      const listed = results.filter((result) => label(result, 'epic') === family);
      assert.equal(listed.length, expected.length, `the report and the run disagree on the number of ${family} scenarios`);
      for (const scenario of expected) {
        const found = listed.filter((result) => result.name === scenario.name && label(result, 'feature') === scenario.feature);
        assert.ok(found.length > 0, `"${scenario.name}" is missing under ${family} / ${scenario.feature}`);
        assert.ok(found.every((result) => result.status === (scenario.https ? 'skipped' : 'passed')), `"${scenario.name}" did not ${scenario.https ? 'skip' : 'pass'}`);
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
    const scenarios = results.filter((result) => ['VRChat', 'Enhance', 'Shoko'].includes(label(result, 'epic') ?? ''));
    assert.deepEqual(scenarios.filter((result) => grounds(result).length === 0).map((result) => result.name), [], 'scenarios without a ground label');
    const values = new Set(scenarios.flatMap(grounds));
    for (const value of values) assert.match(value, /^(documented|standard: .+|assumption: [A-Z]{2}-\d{3})$/);
    assert.ok(values.has('documented') && values.has('standard: OWASP ASVS 5.0.0 6.5.1') && values.has('standard: RFC 6238 §5.2') && values.has('assumption: VR-001'));
  });

  it('writes a JUnit file with every scenario and no failure', () => {
    const junit = readFileSync(join(REPORTS, 'junit.xml'), 'utf8');
    const testcases = junit.match(/<testcase /g)?.length ?? 0;
    const scenarios = features.reduce((sum, feature) => sum + feature.elements.filter((element) => element.type === 'scenario').length, 0);
    assert.equal(testcases, scenarios);
    assert.doesNotMatch(junit, /<failure/);
  });
});
