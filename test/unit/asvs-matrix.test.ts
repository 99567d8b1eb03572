import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Catalogue, Requirement } from '../../support/reports/asvs/catalogue';
import { consoleSummary } from '../../support/reports/asvs/console';
import { matrixHtml } from '../../support/reports/asvs/html';
import { matrixMarkdown } from '../../support/reports/asvs/markdown';
import { buildMatrix, type Cell } from '../../support/reports/asvs/matrix';
import type { Outcome } from '../../support/reports/asvs/outcomes';
import type { WrittenScenario } from '../../support/reports/asvs/scenarios';

/** A requirement that applies to VRChat only; the other families are n/a. The id is any string a catalogue uses. */
const requirement = (id: string, vrchat: Requirement['families']['VRChat'] = { status: 'applies' }): Requirement => ({
  id,
  level: 'L1',
  title: `requirement ${id}`,
  v4: [],
  families: { VRChat: vrchat, Enhance: { status: 'n/a', reason: 'test' }, Shoko: { status: 'n/a', reason: 'test' }, 'better-auth': { status: 'n/a', reason: 'test' } },
});
const catalogueOf = (...requirements: Requirement[]): Catalogue => ({ release: { asvs: 'test', mapping: 'test' }, requirements });
const uri = 'features/vrchat/x.feature';
const written = (name: string, ...tags: string[]): WrittenScenario => ({ family: 'VRChat', uri, name, tags, steps: [] });
const ran = (name: string, status: Outcome['status'], tags: string[], skipReason?: string): Outcome => ({
  family: 'VRChat',
  uri,
  name,
  tags,
  status,
  ...(skipReason ? { skipReason } : {}),
});

function cell(target: 'mock' | 'real', outcomes: Outcome[], scenarios: WrittenScenario[], entry?: Requirement['families']['VRChat'], id = 'V9.9.9'): Cell {
  const matrix = buildMatrix(catalogueOf(requirement(id, entry)), outcomes, scenarios, target);
  const found = matrix.rows[0]?.cells.VRChat;
  assert.ok(found);
  return found;
}

const tag = '@asvs:V9.9.9';
const two = [written('A', tag), written('B', '@mock-only', tag)];

describe('an ASVS matrix cell never rounds up', () => {
  it('is verified only when every scenario tagged for the requirement and family ran and passed', () => {
    const verified = cell('real', [ran('A', 'passed', [tag]), ran('B', 'passed', ['@mock-only', tag])], two);
    assert.equal(verified.kind, 'verified-real');
    assert.deepEqual(verified.passed, { count: 2, of: 2 });
    assert.equal(cell('mock', [ran('A', 'passed', [tag]), ran('B', 'passed', [tag])], two).kind, 'verified-mocks');
  });

  it('is partly verified, with the reason of the rest, when a @mock-only scenario was skipped on a real target', () => {
    const partly = cell('real', [ran('A', 'passed', [tag]), ran('B', 'skipped', ['@mock-only', tag], 'needs the mocks\' clock')], two);
    assert.equal(partly.kind, 'partly-verified');
    assert.deepEqual(partly.passed, { count: 1, of: 2 });
    assert.match(partly.detail, /passed on a real target: "A"; not run: "B" \(skipped: needs the mocks' clock\)/);
  });

  it('is partly verified when a tagged scenario was not selected by the run (--tags, --name, a shard)', () => {
    const partly = cell('mock', [ran('A', 'passed', [tag])], two);
    assert.equal(partly.kind, 'partly-verified');
    assert.match(partly.detail, /"B" \(not selected in this run/);
  });

  it('counts an outline as passed only when every one of its examples passed', () => {
    const outline = [written('A', tag)];
    const partly = cell('mock', [ran('A', 'passed', [tag]), ran('A', 'skipped', [tag], 'needs a mailbox')], [...outline, written('C', tag)]);
    assert.equal(partly.kind, 'skipped');
    assert.match(partly.detail, /"A" \(skipped: needs a mailbox\); "C" \(not selected/);
  });

  it('is skipped when none of its scenarios passed, failed when any failed, untested when none is tagged', () => {
    assert.equal(cell('real', [ran('A', 'skipped', [tag], 'needs ALLOW_DESTRUCTIVE=1')], two).kind, 'skipped');
    assert.equal(cell('real', [ran('A', 'passed', [tag]), ran('B', 'failed', [tag])], two).kind, 'failed');
    assert.equal(cell('real', [], [], { status: 'applies', untested: 'because no scenario yet' }).kind, 'untested');
  });

  it('counts a deviation\'s asserting scenarios the same way, without calling the cell verified', () => {
    const deviationTag = '@asvs-deviation:V9.9.9';
    const deviation = cell('real', [ran('D', 'passed', [deviationTag])], [written('D', deviationTag), written('E', '@mock-only', deviationTag)], {
      status: 'deviation',
      reference: 'the vendor says so',
    });
    assert.equal(deviation.kind, 'deviation');
    assert.match(deviation.detail, /asserted by 1 of 2 scenarios on a real target; not asserted: "E" \(not selected/);
  });

  it('keeps the rule whatever the requirement ids look like', () => {
    const rekeyed = [written('A', '@asvs:v5.0.0-6.3.1'), written('B', '@asvs:v5.0.0-6.3.1')];
    const partly = cell('mock', [ran('A', 'passed', ['@asvs:v5.0.0-6.3.1'])], rekeyed, undefined, 'v5.0.0-6.3.1');
    assert.equal(partly.kind, 'partly-verified');
  });
});

describe('a partly verified cell reads the same everywhere', () => {
  const matrix = buildMatrix(catalogueOf(requirement('V9.9.9')), [ran('A', 'passed', [tag]), ran('B', 'skipped', [tag], 'needs the mocks\' clock')], two, 'real');

  it('in the console totals', () => {
    assert.match(consoleSummary(matrix, 'reports/asvs-coverage.md'), /VRChat: 0 verified on a real target, 1 partly verified, 0 failed/);
  });

  it('in asvs-coverage.md, with the count and the reasons', () => {
    const markdown = matrixMarkdown(matrix);
    assert.match(markdown, /\| V9\.9\.9 \| – \| requirement V9\.9\.9 \| ✔⁻ partly verified \(1 of 2 scenarios ran\) \|/);
    assert.match(markdown, /- VRChat: ✔⁻ partly verified \(1 of 2 scenarios ran\): passed on a real target: "A"; not run: "B" \(skipped: needs the mocks' clock\)/);
  });

  it('on the Allure page', () => {
    const html = matrixHtml(matrix);
    assert.match(html, /<td class="partly-verified"><b>✔⁻ partly verified \(1 of 2 scenarios ran\)<\/b>/);
    assert.match(html, /not run: &quot;B&quot; \(skipped: needs the mocks' clock\)/);
  });
});
