import { resolve } from 'node:path';
import { Allowlist } from './allowlist';
import { ContractChecker, type Hit } from './checker';
import type { Finding } from './corrections';
import { documentedOf, writeCoverage, type CoverageFile } from './coverage';
import { loadFamilyContract } from './compiled-contract';
import { outOfReach } from './reach';
import { FAMILY_SPECS } from './spec';
import type { Target } from '../core/target';

const checkers = new Map<string, ContractChecker>();
const coverage: Required<Omit<CoverageFile, 'outOfReach'>> = { documented: {}, hits: [], skipped: [], findings: [] };

/** Loads the description of each family the run targets, once per process (each parallel worker has its own). */
export async function loadContracts(families: readonly string[], prefixes: Record<string, string> = {}): Promise<void> {
  if (checkers.size > 0) return;
  const allowlist = Allowlist.load();
  const record = (hit: Hit) => coverage.hits.push(hit);
  const found = (finding: Finding) => coverage.findings.push(finding);
  for (const spec of FAMILY_SPECS.filter((candidate) => families.includes(candidate.family))) {
    const { operations, validatorOf } = await loadFamilyContract(spec, prefixes[spec.family]);
    coverage.documented[spec.family] = documentedOf(operations);
    checkers.set(spec.family, new ContractChecker(spec.family, operations, allowlist, record, validatorOf, found));
  }
}

/**
 * A scenario skipped for an unmet need. Skipped by its tags, the operations it calls are accounted for by
 * OPERATION_REACH; skipped in a step (an account the configuration lacks), they may be out of reach unaccounted.
 */
export function noteSkipped(scenario: string, reason: string, byTags: boolean): void {
  coverage.skipped.push({ scenario, reason, ...(byTags ? {} : { inStep: true }) });
}

export function contractOf(family: string): ContractChecker | undefined {
  return checkers.get(family);
}

/**
 * Writes this worker's coverage of the families the run targets (the others were not meant to be called), with
 * the operations this configuration cannot reach and why.
 */
export function saveCoverage(target: Target): void {
  if (checkers.size === 0) return;
  const families = Object.keys(target.families);
  const documented = Object.fromEntries(Object.entries(coverage.documented).filter(([family]) => families.includes(family)));
  const unreachable = Object.fromEntries(
    Object.entries(documented).map(([family, operations]) => [
      family,
      Object.fromEntries(Object.keys(operations).flatMap((operation) => {
        const reason = outOfReach(family, operation, target);
        return reason ? [[operation, reason]] : [];
      })),
    ]),
  );
  writeCoverage(resolve(process.env.REPORTS_DIR ?? 'reports', 'contract'), { documented, hits: coverage.hits, skipped: coverage.skipped, findings: coverage.findings, outOfReach: unreachable });
}
