import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hit } from './checker';
import type { Finding } from './corrections';
import type { Operation } from './spec';

export interface CoverageFile {
  /** Family → every documented operation and its documented statuses. */
  documented: Record<string, Record<string, string[]>>;
  hits: Hit[];
  /** Scenarios this configuration could not run, with why: what they would have called was out of reach. */
  skipped?: SkippedScenario[];
  /** Family → operation → why this configuration cannot reach it (support/contract/reach.ts). */
  outOfReach?: Record<string, Record<string, string>>;
  /** Responses that passed only thanks to a reviewed correction of the description. */
  findings?: Finding[];
}

export interface SkippedScenario {
  scenario: string;
  reason: string;
  /** Skipped by a step (an account the configuration lacks), not by its tags: what it calls is not in OPERATION_REACH. */
  inStep?: boolean;
}

export function documentedOf(operations: Operation[]): Record<string, string[]> {
  return Object.fromEntries(operations.map((operation) => [operation.operationId, Object.keys(operation.responses)]));
}

/** Each worker writes what it exercised; the run adds them up. */
export function writeCoverage(dir: string, coverage: CoverageFile): void {
  mkdirSync(dir, { recursive: true });
  // Named apart across processes and machines: the shards of one run are merged into one folder.
  writeFileSync(join(dir, `coverage-${process.pid}-${randomUUID()}.json`), JSON.stringify(coverage));
}

export interface FamilyCoverage {
  family: string;
  operations: { exercised: number; total: number };
  pairs: { exercised: number; total: number };
  /** Never called, though this configuration reaches them. */
  missing: string[];
  /** Never called, and out of this configuration's reach: why. */
  outOfReach: { operation: string; reason: string }[];
  /** The corrections of the description the run needed (operation, status, what is wrong), each once. */
  findings: { operation: string; status: number; kind: Finding['kind']; reason: string }[];
}

/** The scenarios every worker skipped for a need this configuration does not meet. */
export function skippedOf(dir: string): SkippedScenario[] {
  return coverageFiles(dir).flatMap((file) => file.skipped ?? []);
}

function coverageFiles(dir: string): CoverageFile[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith('coverage-'))
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as CoverageFile);
}

/** Operations and (operation, documented status) pairs exercised, per family, over every worker's file. */
export function summarise(dir: string): FamilyCoverage[] {
  const files = coverageFiles(dir);
  const documented = Object.assign({}, ...files.map((file) => file.documented)) as CoverageFile['documented'];
  const hits = files.flatMap((file) => file.hits);
  const findings = files.flatMap((file) => file.findings ?? []);
  const unreachable = (family: string, operation: string) => files.map((file) => file.outOfReach?.[family]?.[operation]).find(Boolean);
  return Object.entries(documented).map(([family, operations]) => {
    const seen = hits.filter((hit) => hit.family === family);
    const exercised = Object.keys(operations).filter((operation) => seen.some((hit) => hit.operationId === operation));
    const pairs = Object.entries(operations).flatMap(([operation, statuses]) => statuses.map((status) => ({ operation, status })));
    const covered = pairs.filter((pair) => seen.some((hit) => hit.operationId === pair.operation && statusMatches(pair.status, hit.status)));
    return {
      family,
      operations: { exercised: exercised.length, total: Object.keys(operations).length },
      pairs: { exercised: covered.length, total: pairs.length },
      missing: Object.keys(operations).filter((operation) => !exercised.includes(operation) && !unreachable(family, operation)),
      outOfReach: Object.keys(operations).flatMap((operation) => {
        const reason = exercised.includes(operation) ? undefined : unreachable(family, operation);
        return reason ? [{ operation, reason }] : [];
      }),
      findings: [...new Map(findings.filter((finding) => finding.family === family).map((finding) => [`${finding.operationId} ${finding.status}`, { operation: finding.operationId, status: finding.status, kind: finding.kind, reason: finding.reason }])).values()],
    };
  });
}

function statusMatches(documented: string, actual: number): boolean {
  return documented === String(actual) || (documented.endsWith('XX') && documented[0] === String(actual)[0]);
}

export function formatSummary(families: FamilyCoverage[]): string {
  const lines = ['API contract coverage (operations; documented (operation, status) pairs):'];
  for (const family of families) {
    const reachable = family.operations.total - family.outOfReach.length;
    lines.push(
      `  ${family.family}: ${family.operations.exercised}/${family.operations.total} operations` +
        (family.outOfReach.length > 0 ? ` (${family.operations.exercised}/${reachable} within this configuration's reach)` : '') +
        `, ${family.pairs.exercised}/${family.pairs.total} pairs` +
        (family.missing.length > 0 ? ` (never called: ${family.missing.join(', ')})` : ''),
    );
    for (const { operation, reason } of family.outOfReach) lines.push(`    out of reach: ${operation}: ${reason}`);
    if (family.findings.length > 0) lines.push(`    ${family.findings.length} findings against the description (answers it gets wrong, accepted by a reviewed correction):`);
    for (const { operation, status, kind, reason } of family.findings) lines.push(`      ${operation} ${status} (${kind === 'status' ? 'undocumented status' : 'wrong schema'}): ${reason}`);
  }
  return lines.join('\n');
}
