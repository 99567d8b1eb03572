import { EMBEDDED_REAL, familyLabel, type Family } from '../../core/families';
import { entryFor, FAMILIES, LEVELS, type Catalogue, type Level, type Requirement } from './catalogue';
import type { Outcome } from './outcomes';
import { asvsTags, type WrittenScenario } from './scenarios';

export type CellKind = 'verified-real' | 'verified-embedded' | 'verified-mocks' | 'failed' | 'known-deviation' | 'deviation' | 'skipped' | 'untested' | 'n/a';

/** One requirement × column: what this run showed, why, and where the check falls short of the requirement. */
export interface Cell {
  kind: CellKind;
  detail: string;
  weaker?: string;
}

/**
 * A column of the matrix: a family, or one configuration of a family's server when the run measured several
 * ("better-auth (defaults)", "better-auth (hardened)"), and what it was measured on.
 */
export interface Column {
  label: string;
  family: Family;
  variant?: string;
  /** A real server (TARGET=real), the real framework started by the run, or authflow's own mocks. */
  measuredOn: 'real' | 'embedded' | 'mocks';
}

export interface MatrixRow {
  requirement: Requirement;
  /** By column label. */
  cells: Record<string, Cell>;
}

export interface Matrix {
  target: 'mock' | 'real';
  release: Catalogue['release'];
  columns: Column[];
  rows: MatrixRow[];
}

/** One column per family, or per configuration of it that the run measured (in the order they ran). */
export function columnsOf(outcomes: readonly Outcome[], target: 'mock' | 'real'): Column[] {
  return FAMILIES.flatMap((family) => {
    const variants = [...new Set(outcomes.filter((outcome) => outcome.family === family).map((outcome) => outcome.variant))];
    const measuredOn = target === 'real' ? 'real' : EMBEDDED_REAL.includes(family) ? 'embedded' : 'mocks';
    return (variants.length > 0 ? variants : [undefined]).map((variant) => ({ label: familyLabel(family, variant), family, ...(variant ? { variant } : {}), measuredOn }) satisfies Column);
  });
}

/** Tagged scenarios decide a cell; the catalogue decides the cells no scenario speaks for. */
export function buildMatrix(catalogue: Catalogue, outcomes: readonly Outcome[], written: readonly WrittenScenario[], target: 'mock' | 'real'): Matrix {
  const columns = columnsOf(outcomes, target);
  const rows = catalogue.requirements.map((requirement) => ({
    requirement,
    cells: Object.fromEntries(columns.map((column) => [column.label, cellOf(requirement, column, outcomes, written)])),
  }));
  return { target, release: catalogue.release, columns, rows };
}

const VERIFIED: Record<Column['measuredOn'], CellKind> = { real: 'verified-real', embedded: 'verified-embedded', mocks: 'verified-mocks' };
const MEASURED_ON: Record<Column['measuredOn'], string> = { real: 'a real target', embedded: 'the framework embedded in the run', mocks: 'the mocks' };

function cellOf(requirement: Requirement, column: Column, outcomes: readonly Outcome[], written: readonly WrittenScenario[]): Cell {
  const { family, variant } = column;
  const entry = entryFor(requirement, family, variant);
  if (entry.status === 'n/a') return { kind: 'n/a', detail: entry.reason };
  const naming = <T extends { family: string; tags: string[] }>(scenarios: readonly T[]) =>
    scenarios.filter((scenario) => {
      if (scenario.family !== family) return false;
      const { checks, deviations } = asvsTags(scenario.tags);
      return checks.includes(requirement.id) || deviations.includes(requirement.id);
    });
  const ran = naming(outcomes).filter((outcome) => outcome.variant === variant);
  const weaker = entry.weaker ? { weaker: entry.weaker } : {};
  // A failure wins over everything: on a deviation it means the vendor's documented behaviour changed.
  const failed = ran.filter((outcome) => outcome.status === 'failed' && !outcome.knownDeviation);
  if (failed.length > 0) return { kind: 'failed', detail: failed.map((outcome) => `"${outcome.name}"`).join(', '), ...weaker };
  // Then a failure the target's list expects: a known deviation of this target, with its reason and link.
  const known = ran.filter((outcome) => outcome.knownDeviation);
  if (known.length > 0) return { kind: 'known-deviation', detail: known.map((outcome) => `"${outcome.name}": ${outcome.knownDeviation?.reason} ${outcome.knownDeviation?.link}`).join('; '), ...weaker };
  if (entry.status === 'deviation') {
    const passed = ran.filter((outcome) => outcome.status === 'passed').length;
    const seen = passed > 0 ? `; asserted by ${passed} scenario${passed > 1 ? 's' : ''} on ${MEASURED_ON[column.measuredOn]}` : '';
    return { kind: 'deviation', detail: `${entry.reference}${seen}`, ...weaker };
  }
  const checking = ran.filter((outcome) => asvsTags(outcome.tags).checks.includes(requirement.id));
  const passed = checking.filter((outcome) => outcome.status === 'passed');
  if (passed.length > 0) {
    const names = passed.map((outcome) => `"${outcome.name}"`).join(', ');
    return { kind: VERIFIED[column.measuredOn], detail: names, ...weaker };
  }
  const skipped = checking.find((outcome) => outcome.status === 'skipped');
  if (skipped) return { kind: 'skipped', detail: skipped.skipReason ?? 'skipped by the run', ...weaker };
  const tagged = naming(written).filter((scenario) => asvsTags(scenario.tags).checks.includes(requirement.id));
  if (tagged.length > 0) return { kind: 'skipped', detail: 'not selected in this run (--tags, --name or a shard)', ...weaker };
  return { kind: 'untested', detail: entry.status === 'applies' ? (entry.untested ?? 'no scenario checks it yet') : 'no scenario checks it yet' };
}

export type Totals = Record<CellKind, number> & { weaker: number };

export function totalsOf(matrix: Matrix, column: string): Totals {
  const totals: Totals = { 'verified-real': 0, 'verified-embedded': 0, 'verified-mocks': 0, failed: 0, 'known-deviation': 0, deviation: 0, skipped: 0, untested: 0, 'n/a': 0, weaker: 0 };
  for (const row of matrix.rows) {
    const cell = row.cells[column];
    if (!cell) continue;
    totals[cell.kind] += 1;
    if (cell.weaker) totals.weaker += 1;
  }
  return totals;
}

export function rowsAt(matrix: Matrix, level: Level): MatrixRow[] {
  return matrix.rows.filter((row) => row.requirement.level === level);
}

export { LEVELS };
