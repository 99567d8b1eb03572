import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalogue, type Catalogue, type Requirement } from '../../support/reports/asvs/catalogue';
import { catalogueProblems } from '../../support/reports/asvs/consistency';
import { writtenScenarios, type WrittenScenario } from '../../support/reports/asvs/scenarios';

const applies = { status: 'applies' } as const;
const requirement = (id: string, level: Requirement['level'], families: Partial<Requirement['families']> = {}): Requirement => ({
  id,
  level,
  title: `requirement ${id}`,
  v4: [],
  families: { VRChat: applies, Enhance: { status: 'n/a', reason: 'test' }, Shoko: { status: 'n/a', reason: 'test' }, 'better-auth': { status: 'n/a', reason: 'test' }, ...families },
});
const catalogueOf = (...requirements: Requirement[]): Catalogue => ({ release: { asvs: 'v5.0.0_release', mapping: 'test' }, requirements });
const scenario = (family: string, ...tags: string[]): WrittenScenario => ({ family, uri: `features/${family.toLowerCase()}/x.feature`, name: 'a scenario', tags, steps: [] });

describe('the ASVS catalogue and the tags', () => {
  it('agree with each other in the project as it is', () => {
    assert.deepEqual(catalogueProblems(loadCatalogue(), writtenScenarios()), []);
  });

  it('every family scenario tag reads as a known id (the real features carry ASVS tags at all)', () => {
    const tagged = writtenScenarios().filter((written) => written.tags.some((tag) => tag.startsWith('@asvs')));
    assert.ok(tagged.length >= 20, `only ${tagged.length} scenarios carry an ASVS tag`);
    assert.ok(tagged.some((written) => written.family === 'Shoko' && written.tags.includes('@asvs-deviation:14.2.1')));
  });

  it('refuses a tag naming an id the catalogue does not have', () => {
    const problems = catalogueProblems(catalogueOf(requirement('3.3.1', 'L1')), [scenario('VRChat', '@asvs:3.3.1', '@asvs:9.9.9')]);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /ASVS 9\.9\.9 is not in the catalogue/);
  });

  it('refuses a deviation tag without the family\'s deviation in the catalogue', () => {
    const catalogue = catalogueOf(requirement('14.2.1', 'L1', { Shoko: { status: 'deviation', reference: 'notes' } }));
    assert.deepEqual(catalogueProblems(catalogue, [scenario('Shoko', '@asvs-deviation:14.2.1'), scenario('VRChat', '@asvs:14.2.1')]), []);
    const problems = catalogueProblems(catalogue, [scenario('VRChat', '@asvs:14.2.1', '@asvs-deviation:14.2.1')]);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /no VRChat deviation for 14\.2\.1/);
  });

  it('refuses a check tagged where the catalogue says the requirement cannot apply', () => {
    const catalogue = catalogueOf(requirement('3.3.4', 'L2', { Shoko: { status: 'n/a', reason: 'no cookies' } }));
    const problems = catalogueProblems(catalogue, [scenario('Shoko', '@asvs:3.3.4')]);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /cannot apply to Shoko \(no cookies\)/);
    // A deviation's met parts may be tagged as checks: the cell stays a deviation.
    const deviation = catalogueOf(requirement('7.2.4', 'L1', { VRChat: { status: 'n/a', reason: 'test' }, Shoko: { status: 'deviation', reference: 'notes' } }));
    assert.deepEqual(catalogueProblems(deviation, [scenario('Shoko', '@asvs:7.2.4')]), []);
  });

  it('refuses an L1 requirement that applies with neither a tagged scenario nor a reason it is untested', () => {
    const problems = catalogueProblems(catalogueOf(requirement('3.2.2', 'L1', { Enhance: applies })), [scenario('Enhance', '@asvs:3.2.2')]);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /3\.2\.2 \(L1\) applies to VRChat/);
    const explained = requirement('3.2.2', 'L1', { VRChat: { status: 'applies', untested: 'because entropy cannot be measured' } });
    assert.deepEqual(catalogueProblems(catalogueOf(explained), []), []);
    // Above L1 an untagged requirement is allowed: the matrix shows it as untested.
    assert.deepEqual(catalogueProblems(catalogueOf(requirement('3.3.4', 'L2')), []), []);
  });

  it('refuses a malformed catalogue entry, an id ASVS 5.0.0 does not have, and another level than 5.0.0\'s, when it is loaded', () => {
    assert.throws(
      () => loadCatalogue(`${__dirname}/../fixtures/asvs-malformed.yaml`),
      /6\.3\.1: VRChat's untested must say "because …"[\s\S]*7\.4\.1: nothing said about Shoko[\s\S]*2\.8\.4: not a requirement of ASVS 5\.0\.0[\s\S]*7\.5\.1: ASVS 5\.0\.0 puts it at L2, not L1/,
    );
  });

  it('is keyed by ASVS 5.0.0, each requirement at 5.0.0\'s level, with the 4.0.3 ids it maps from', () => {
    const catalogue = loadCatalogue();
    assert.equal(catalogue.release.asvs, 'v5.0.0_release');
    assert.ok(catalogue.requirements.length >= 50, `only ${catalogue.requirements.length} requirements`);
    const mapped = new Set(catalogue.requirements.flatMap((entry) => entry.v4));
    // Every 4.0.3 requirement the catalogue measured before, but 2.1.4, which 5.0 deleted without a successor.
    for (const old of ['1.2.4', '2.1.1', '2.2.1', '2.2.2', '2.7.3', '2.8.1', '2.8.4', '3.1.1', '3.2.1', '3.4.1', '3.5.3', '3.7.1']) assert.ok(mapped.has(old), `4.0.3's ${old} maps nowhere`);
  });
});
