import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Defects, DEFECTS, type DefectName, type DefectSpec } from '../../mocks/shared/defects';
import { judge, unmatchedCatchers } from '../../scripts/defect-verdict';
import { WEAKENINGS } from '../../servers/better-auth/weakened';
import { FAMILY_NAMES } from '../../support/core/families';
import { writtenScenarios } from '../../support/reports/asvs/scenarios';

describe('mock defects', () => {
  it('are off unless named, and a misspelt name stops the run instead of testing nothing', () => {
    assert.equal(Defects.fromEnv(undefined).has('vrchat-totp-replay'), false);
    assert.equal(Defects.fromEnv(' vrchat-totp-replay , shoko-delete-ignores-case ').has('shoko-delete-ignores-case'), true);
    assert.throws(() => Defects.fromEnv('vrchat-totp-replya'), /unknown defects: vrchat-totp-replya/);
  });

  it('include weakened better-auth configurations, each with the flows to run and the scenario meant to catch it, which the features have', () => {
    assert.ok(Object.keys(WEAKENINGS).length >= 4);
    for (const name of ['better-auth-session-cookie-readable', 'better-auth-sessions-survive-reset', 'better-auth-no-rate-limit', 'better-auth-trusted-device-for-months']) assert.ok(name in WEAKENINGS, name);
    const written = writtenScenarios().filter((scenario) => scenario.family === 'better-auth');
    for (const [name, weakening] of Object.entries(WEAKENINGS)) {
      assert.ok(weakening.breaks.length > 20 && weakening.flows.startsWith('@') && weakening.caughtBy.length > 0, name);
      assert.deepEqual(unmatchedCatchers(weakening, written), [], name);
    }
  });

  it('are at least 20, across the three families, each with the behaviour it breaks and the scenario meant to catch it', () => {
    const names = Object.keys(DEFECTS);
    assert.ok(names.length >= 20);
    for (const family of ['vrchat', 'enhance', 'shoko']) assert.ok(names.some((name) => name.startsWith(`${family}-`)), family);
    for (const spec of Object.values(DEFECTS) as DefectSpec[]) {
      assert.ok(spec.breaks.length > 20);
      assert.ok(spec.caughtBy.length > 0);
    }
  });

  it('name scenarios (or ASVS requirements) that their family\'s features have', () => {
    const written = writtenScenarios();
    const problems = (Object.keys(DEFECTS) as DefectName[]).flatMap((name) => {
      const family = FAMILY_NAMES[name.split('-')[0] as keyof typeof FAMILY_NAMES];
      return unmatchedCatchers(DEFECTS[name], written.filter((scenario) => scenario.family === family)).map((catcher) => `${name}: ${JSON.stringify(catcher)}`);
    });
    assert.deepEqual(problems, []);
  });
});

describe('a defect run is judged', () => {
  const spec: DefectSpec = { breaks: 'a session survives its logout on the server', caughtBy: ['Logging out ends the session', { asvs: '3.3.2' }] };
  const scenario = (name: string, ...tags: string[]) => ({ name, tags });

  it('caught by its own scenario when a scenario it names failed, by title or by requirement tag', () => {
    assert.equal(judge(spec, [scenario('Logging out ends the session'), scenario('Something else')]).verdict, 'caught by its own scenario');
    assert.deepEqual(judge(spec, [scenario('A cookie', '@vrchat', '@asvs:3.3.2')]).own, ['A cookie']);
    assert.equal(judge(spec, [scenario('A documented weakness', '@asvs-deviation:3.3.2')]).verdict, 'caught by its own scenario');
  });

  it('caught only elsewhere when only other scenarios failed, even one tagged for another requirement', () => {
    const judged = judge(spec, [scenario('Logging out ends the session, again'), scenario('A cookie', '@asvs:3.3.21')]);
    assert.equal(judged.verdict, 'caught only elsewhere');
    assert.deepEqual(judged.elsewhere, ['Logging out ends the session, again', 'A cookie']);
  });

  it('survived when nothing failed', () => {
    assert.equal(judge(spec, []).verdict, 'SURVIVED');
  });
});
