import { EMBEDDED_REAL, familyLabel, type Family } from '../../core/families';
import { entryFor, FAMILIES, LEVELS, type Catalogue, type Level, type Requirement } from './catalogue';
import type { Outcome } from './outcomes';
import { asvsTags, type WrittenScenario } from './scenarios';

export type CellKind = 'verified-real' | 'verified-embedded' | 'verified-mocks' | 'partly-verified' | 'failed' | 'known-deviation' | 'deviation' | 'skipped' | 'untested' | 'n/a';

/** One requirement × column: what this run showed, why, and where the check falls short of the requirement. */
export interface Cell {
  kind: CellKind;
  detail: string;
  weaker?: string;
  /** How many of the scenarios tagged for the requirement and family ran and passed, out of how many. */
  passed?: { count: number; of: number };
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

/** One tagged scenario of a cell, and how it ended in this run (several results for an outline's examples). */
interface Tagged {
  name: string;
  results: Outcome[];
}

/**
 * The scenarios of a column's family tagged for a requirement, as written or as run against the column's
 * configuration (a run may carry features the folder scan does not: both count), each with its results. `kind`
 * picks the checking tags or the deviation tags.
 */
function taggedScenarios(id: string, column: Column, kind: 'checks' | 'deviations', outcomes: readonly Outcome[], written: readonly WrittenScenario[]): Tagged[] {
  const names = (scenario: { family: string; tags: string[] }) => scenario.family === column.family && asvsTags(scenario.tags)[kind].includes(id);
  const byKey = new Map<string, Tagged>();
  const key = (scenario: { uri?: string; name: string }) => `${scenario.uri ?? ''}\u0000${scenario.name}`;
  for (const scenario of written.filter(names)) byKey.set(key(scenario), { name: scenario.name, results: [] });
  for (const outcome of outcomes.filter((outcome) => names(outcome) && outcome.variant === column.variant)) {
    const entry = byKey.get(key(outcome)) ?? { name: outcome.name, results: [] };
    entry.results.push(outcome);
    byKey.set(key(outcome), entry);
  }
  return [...byKey.values()];
}

/**
 * A scenario counts as passed only when it ran and every one of its results passed; it is a known deviation when it
 * failed only the way its target's list expects (support/reports/known-deviations.ts).
 */
const statusOf = (scenario: Tagged): 'passed' | 'failed' | 'known-deviation' | 'skipped' | 'not run' =>
  scenario.results.length === 0
    ? 'not run'
    : scenario.results.some((result) => result.status === 'failed' && !result.knownDeviation)
      ? 'failed'
      : scenario.results.some((result) => result.knownDeviation)
        ? 'known-deviation'
        : scenario.results.every((result) => result.status === 'passed')
          ? 'passed'
          : 'skipped';

/** Why a tagged scenario did not pass: the reason it was skipped with, or that the run did not select it. */
function whyNot(scenario: Tagged): string {
  if (statusOf(scenario) === 'not run') return `"${scenario.name}" (not selected in this run: --tags, --name or a shard)`;
  const skipped = scenario.results.find((result) => result.status === 'skipped');
  return `"${scenario.name}" (skipped: ${skipped?.skipReason ?? 'skipped by the run'})`;
}

const quoted = (scenarios: readonly Tagged[]) => scenarios.map((scenario) => `"${scenario.name}"`).join(', ');

/**
 * A cell never rounds up: it is verified only when every scenario tagged for the requirement and family ran and
 * passed; when some did, it is partly verified, with the reasons of the rest. A failure wins over everything, then a
 * failure the target's list of known deviations expects.
 */
function cellOf(requirement: Requirement, column: Column, outcomes: readonly Outcome[], written: readonly WrittenScenario[]): Cell {
  const entry = entryFor(requirement, column.family, column.variant);
  if (entry.status === 'n/a') return { kind: 'n/a', detail: entry.reason };
  const weaker = entry.weaker ? { weaker: entry.weaker } : {};
  const checking = taggedScenarios(requirement.id, column, 'checks', outcomes, written);
  const asserting = taggedScenarios(requirement.id, column, 'deviations', outcomes, written);
  // On a deviation a failure means the vendor's documented behaviour changed.
  const failed = [...checking, ...asserting].filter((scenario) => statusOf(scenario) === 'failed');
  if (failed.length > 0) return { kind: 'failed', detail: quoted(failed), ...weaker };
  const known = [...checking, ...asserting].filter((scenario) => statusOf(scenario) === 'known-deviation');
  if (known.length > 0) {
    const listed = known.map((scenario) => {
      const { reason, link } = scenario.results.find((result) => result.knownDeviation)?.knownDeviation ?? { reason: '', link: '' };
      return `"${scenario.name}": ${reason} ${link}`;
    });
    return { kind: 'known-deviation', detail: listed.join('; '), ...weaker };
  }
  const rest = (scenarios: readonly Tagged[]) => scenarios.filter((scenario) => statusOf(scenario) !== 'passed');
  const passedOf = (scenarios: readonly Tagged[]) => ({ count: scenarios.length - rest(scenarios).length, of: scenarios.length });
  const onTarget = MEASURED_ON[column.measuredOn];
  if (entry.status === 'deviation') {
    const passed = passedOf(asserting);
    const asserted = asserting.length === 0 ? '' : `; asserted by ${passed.count} of ${passed.of} scenario${passed.of > 1 ? 's' : ''} on ${onTarget}`;
    const notRun = rest(asserting).length > 0 ? `; not asserted: ${rest(asserting).map(whyNot).join('; ')}` : '';
    return { kind: 'deviation', detail: `${entry.reference}${asserted}${notRun}`, ...weaker, ...(asserting.length > 0 ? { passed } : {}) };
  }
  if (checking.length === 0) return { kind: 'untested', detail: entry.untested ?? 'no scenario checks it yet' };
  const passed = passedOf(checking);
  const notPassed = rest(checking);
  if (notPassed.length === 0) return { kind: VERIFIED[column.measuredOn], detail: quoted(checking), ...weaker, passed };
  const reasons = notPassed.map(whyNot).join('; ');
  if (passed.count === 0) return { kind: 'skipped', detail: reasons, ...weaker, passed };
  const passedNames = quoted(checking.filter((scenario) => statusOf(scenario) === 'passed'));
  return { kind: 'partly-verified', detail: `passed on ${onTarget}: ${passedNames}; not run: ${reasons}`, ...weaker, passed };
}

export type Totals = Record<CellKind, number> & { weaker: number };

export function totalsOf(matrix: Matrix, column: string): Totals {
  const totals: Totals = { 'verified-real': 0, 'verified-embedded': 0, 'verified-mocks': 0, 'partly-verified': 0, failed: 0, 'known-deviation': 0, deviation: 0, skipped: 0, untested: 0, 'n/a': 0, weaker: 0 };
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
