import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { HARDENED_TURNS_OFF } from '../../servers/better-auth/turned-off';
import { allureReportResults, attachmentsOf, attachmentText, callsIn, isTranscript, label, REPORTS, RUNS, runScenarios, type AllureTestResult, type Call } from './outputs';

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

  // Passed, except what the embedded target (plain http) cannot show: the @https scenarios, skipped with their reason.
  it('lists every scenario under its family\'s epic (with the configuration of its server) and its feature, passed (or, @https on plain http, skipped)', () => {
    for (const family of new Set(scenarios.map((scenario) => scenario.epic))) {
      const expected = scenarios.filter((scenario) => scenario.epic === family);
      const listed = results.filter((result) => label(result, 'epic') === family);
      assert.equal(listed.length, expected.length, `the report and the run disagree on the number of ${family} scenarios`);
      for (const scenario of expected) {
        const found = listed.filter((result) => result.name === scenario.name && label(result, 'feature') === scenario.feature);
        assert.ok(found.length > 0, `"${scenario.name}" is missing under ${family} / ${scenario.feature}`);
        // Passed, or skipped where the configuration turns off what the scenario uses (servers/better-auth/turned-off.ts).
        const turnedOff = (result: AllureTestResult) => family === 'better-auth (hardened)' && result.labels.some((entry) => entry.name === 'tag' && Object.keys(HARDENED_TURNS_OFF).includes(entry.value.replace(/^@?uses:/, '')));
        // Or failed as its target's list of known deviations expects, filed in that category.
        const knownDeviation = (result: AllureTestResult) => result.status === 'failed' && result.labels.some((entry) => entry.name === 'known-deviation');
        const skippedAsMeant = (result: AllureTestResult) => result.status === 'skipped' && (scenario.https || turnedOff(result));
        assert.ok(found.every((result) => (result.status === 'passed' && !scenario.https) || skippedAsMeant(result) || knownDeviation(result)), `"${scenario.name}" did not ${scenario.https ? 'skip' : 'pass'}`);
        assert.ok(found.every((result) => label(result, 'story') === scenario.name), `"${scenario.name}" has no story label`);
      }
      console.log(`${family}: ${listed.length} scenarios in ${new Set(listed.map((result) => label(result, 'feature'))).size} features`);
    }
  });

  it('attaches the redacted HTTP exchanges to the steps, one transcript per step', () => {
    const transcripts = results.flatMap((result) => attachmentsOf(result.steps)).filter(isTranscript);
    assert.ok(transcripts.length >= vrchatScenarios.length, `only ${transcripts.length} transcripts`);
    const texts = transcripts.map((link) => ({ link, text: attachmentText(link) }));
    // Each title names the step's exchanges, which the transcript holds in order (from four on, the first and the last).
    const titleOf = (call: Call) => `${call.method} ${decodeURIComponent(call.path)} → ${call.status}`;
    for (const { link, text } of texts) {
      const calls = callsIn(text);
      const counted = /\((\d+) requests\)$/.exec(link.name)?.[1];
      const named = link.name.replace(/ \(\d+ requests\)$/, '').split(' · ').filter((title) => title !== '…').map((title) => decodeURIComponent(title));
      const expected = counted ? [calls[0], calls[calls.length - 1]] : calls;
      assert.equal(calls.length, Number(counted ?? named.length), `"${link.name}" counts ${counted ?? named.length} exchanges, its text holds ${calls.length}`);
      assert.deepEqual(named, expected.map((call) => titleOf(call as Call)), `"${link.name}" names other exchanges than its text holds`);
    }
    const login = texts.find(({ text }) => callsIn(text).some((call) => call.method === 'GET' && call.path === '/api/1/auth/user' && call.status === '200'));
    assert.ok(login, 'no login exchange is attached');
    assert.match(login.text, /^Authorization: Basic «redacted»$|^Cookie: auth=«redacted»/m);
    const withSetCookie = texts.find(({ text }) => text.includes('Set-Cookie: auth='));
    assert.ok(withSetCookie, 'no attachment shows the session cookie being set');
    assert.match(withSetCookie.text, /Set-Cookie: auth=«redacted»; Expires=[^;]+; Path=\/; HttpOnly/, 'cookie names and attributes must stay visible');
    assert.ok(texts.some(({ text }) => callsIn(text).length > 1), 'no step\'s transcript holds several exchanges');
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
    assert.ok(values.has('documented') && values.has('standard: OWASP ASVS 5.0.0 6.5.1') && values.has('standard: RFC 6238 §5.2') && values.has('assumption: VR-001'));
  });

  it('writes a JUnit file per run with every scenario, failures only where the target\'s list expects them', () => {
    const junits = RUNS.map((run) => readFileSync(join(REPORTS, run.junit), 'utf8'));
    const testcases = junits.reduce((sum, junit) => sum + (junit.match(/<testcase /g)?.length ?? 0), 0);
    assert.equal(testcases, scenarios.length);
    // JUnit keeps Cucumber's verdicts: a known deviation is a failure there (the exit code and Allure apply the list).
    const failures = junits.reduce((sum, junit) => sum + (junit.match(/<failure/g)?.length ?? 0), 0);
    assert.equal(failures, results.filter((result) => result.labels.some((entry) => entry.name === 'known-deviation')).length);
  });

  it('files each known deviation of a target under its own category, with the reason and the link', () => {
    const known = results.filter((result) => result.labels.some((entry) => entry.name === 'known-deviation')) as (AllureTestResult & { categories?: { name: string }[]; links?: { url: string }[] })[];
    const perEpic = (epic: string) => known.filter((result) => label(result, 'epic') === epic).length;
    assert.deepEqual([perEpic('better-auth (defaults)'), perEpic('better-auth (hardened)')], [6, 4], 'the known deviations of each configuration');
    for (const result of known) {
      assert.deepEqual(result.categories?.map((category) => category.name), ['Known deviation of the target'], `"${result.name}" is not in the category`);
      assert.ok(result.links?.some((link) => /^https:\/\//.test(link.url)), `"${result.name}" has no link to its issue or document`);
    }
  });
});
