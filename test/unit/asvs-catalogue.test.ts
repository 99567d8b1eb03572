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
  v5: null,
  v5_note: 'test',
  families: { VRChat: applies, Enhance: { status: 'n/a', reason: 'test' }, Shoko: { status: 'n/a', reason: 'test' }, 'better-auth': { status: 'n/a', reason: 'test' }, ...families },
});
const catalogueOf = (...requirements: Requirement[]): Catalogue => ({ release: { asvs: 'v4.0.3_release', mapping: 'test' }, requirements });
const scenario = (family: string, ...tags: string[]): WrittenScenario => ({ family, uri: `features/${family.toLowerCase()}/x.feature`, name: 'a scenario', tags, steps: [] });

describe('the ASVS catalogue and the tags', () => {
  it('agree with each other in the project as it is', () => {
    assert.deepEqual(catalogueProblems(loadCatalogue(), writtenScenarios()), []);
  });

  it('every family scenario tag reads as a known id (the real features carry ASVS tags at all)', () => {
    const tagged = writtenScenarios().filter((written) => written.tags.some((tag) => tag.startsWith('@asvs')));
    assert.ok(tagged.length >= 20, `only ${tagged.length} scenarios carry an ASVS tag`);
    assert.ok(tagged.some((written) => written.family === 'Shoko' && written.tags.includes('@asvs-deviation:3.1.1')));
  });

  it('refuses a tag naming an id the catalogue does not have', () => {
    const problems = catalogueProblems(catalogueOf(requirement('3.3.1', 'L1')), [scenario('VRChat', '@asvs:3.3.1', '@asvs:9.9.9')]);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /ASVS 9\.9\.9 is not in the catalogue/);
  });

  it('refuses a deviation tag without the family\'s deviation in the catalogue', () => {
    const catalogue = catalogueOf(requirement('3.1.1', 'L1', { Shoko: { status: 'deviation', reference: 'notes' } }));
    assert.deepEqual(catalogueProblems(catalogue, [scenario('Shoko', '@asvs-deviation:3.1.1'), scenario('VRChat', '@asvs:3.1.1')]), []);
    const problems = catalogueProblems(catalogue, [scenario('VRChat', '@asvs:3.1.1', '@asvs-deviation:3.1.1')]);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /no VRChat deviation for 3\.1\.1/);
  });

  it('refuses an L1 requirement that applies with neither a tagged scenario nor a reason it is untested', () => {
    const problems = catalogueProblems(catalogueOf(requirement('3.2.2', 'L1')), [scenario('Enhance', '@asvs:3.2.2')]);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /3\.2\.2 \(L1\) applies to VRChat/);
    const explained = requirement('3.2.2', 'L1', { VRChat: { status: 'applies', untested: 'because entropy cannot be measured' } });
    assert.deepEqual(catalogueProblems(catalogueOf(explained), []), []);
    // Above L1 an untagged requirement is allowed: the matrix shows it as untested.
    assert.deepEqual(catalogueProblems(catalogueOf(requirement('3.3.4', 'L2')), []), []);
  });

  it('refuses a malformed catalogue entry when it is loaded', () => {
    assert.throws(() => loadCatalogue(`${__dirname}/../fixtures/asvs-malformed.yaml`), /2\.2\.1: VRChat's untested must say "because …"[\s\S]*3\.3\.1: nothing said about Shoko/);
  });
});
