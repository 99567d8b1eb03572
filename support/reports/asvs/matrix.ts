import type { Family } from '../../core/families';
import { FAMILIES, LEVELS, type Catalogue, type Level, type Requirement } from './catalogue';
import type { Outcome } from './outcomes';
import { asvsTags, type WrittenScenario } from './scenarios';

export type CellKind = 'verified-real' | 'verified-mocks' | 'failed' | 'deviation' | 'skipped' | 'untested' | 'n/a';

/** One requirement × family: what this run showed, why, and where the check falls short of the requirement. */
export interface Cell {
  kind: CellKind;
  detail: string;
  weaker?: string;
}

export interface MatrixRow {
  requirement: Requirement;
  cells: Record<Family, Cell>;
}

export interface Matrix {
  target: 'mock' | 'real';
  release: Catalogue['release'];
  rows: MatrixRow[];
}

/** Tagged scenarios decide a cell; the catalogue decides the cells no scenario speaks for. */
export function buildMatrix(catalogue: Catalogue, outcomes: readonly Outcome[], written: readonly WrittenScenario[], target: 'mock' | 'real'): Matrix {
  const rows = catalogue.requirements.map((requirement) => ({
    requirement,
    cells: Object.fromEntries(FAMILIES.map((family) => [family, cellOf(requirement, family, outcomes, written, target)])) as Record<Family, Cell>,
  }));
  return { target, release: catalogue.release, rows };
}

function cellOf(requirement: Requirement, family: Family, outcomes: readonly Outcome[], written: readonly WrittenScenario[], target: 'mock' | 'real'): Cell {
  const entry = requirement.families[family];
  if (entry.status === 'n/a') return { kind: 'n/a', detail: entry.reason };
  const naming = <T extends { family: string; tags: string[] }>(scenarios: readonly T[]) =>
    scenarios.filter((scenario) => {
      if (scenario.family !== family) return false;
      const { checks, deviations } = asvsTags(scenario.tags);
      return checks.includes(requirement.id) || deviations.includes(requirement.id);
    });
  const ran = naming(outcomes);
  const weaker = entry.weaker ? { weaker: entry.weaker } : {};
  // A failure wins over everything: on a deviation it means the vendor's documented behaviour changed.
  const failed = ran.filter((outcome) => outcome.status === 'failed');
  if (failed.length > 0) return { kind: 'failed', detail: failed.map((outcome) => `"${outcome.name}"`).join(', '), ...weaker };
  if (entry.status === 'deviation') {
    const passed = ran.filter((outcome) => outcome.status === 'passed').length;
    const seen = passed > 0 ? `; asserted by ${passed} scenario${passed > 1 ? 's' : ''} on ${target === 'real' ? 'a real target' : 'the mocks'}` : '';
    return { kind: 'deviation', detail: `${entry.reference}${seen}`, ...weaker };
  }
  const checking = ran.filter((outcome) => asvsTags(outcome.tags).checks.includes(requirement.id));
  const passed = checking.filter((outcome) => outcome.status === 'passed');
  if (passed.length > 0) {
    const names = passed.map((outcome) => `"${outcome.name}"`).join(', ');
    return { kind: target === 'real' ? 'verified-real' : 'verified-mocks', detail: names, ...weaker };
  }
  const skipped = checking.find((outcome) => outcome.status === 'skipped');
  if (skipped) return { kind: 'skipped', detail: skipped.skipReason ?? 'skipped by the run', ...weaker };
  const tagged = naming(written).filter((scenario) => asvsTags(scenario.tags).checks.includes(requirement.id));
  if (tagged.length > 0) return { kind: 'skipped', detail: 'not selected in this run (--tags, --name or a shard)', ...weaker };
  return { kind: 'untested', detail: entry.untested ?? 'no scenario checks it yet' };
}

export type Totals = Record<CellKind, number> & { weaker: number };

export function totalsOf(matrix: Matrix, family: Family): Totals {
  const totals: Totals = { 'verified-real': 0, 'verified-mocks': 0, failed: 0, deviation: 0, skipped: 0, untested: 0, 'n/a': 0, weaker: 0 };
  for (const row of matrix.rows) {
    const cell = row.cells[family];
    totals[cell.kind] += 1;
    if (cell.weaker) totals.weaker += 1;
  }
  return totals;
}

export function rowsAt(matrix: Matrix, level: Level): MatrixRow[] {
  return matrix.rows.filter((row) => row.requirement.level === level);
}

export { LEVELS };
