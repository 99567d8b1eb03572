import { resolve } from 'node:path';
import { Allowlist } from './allowlist';
import { ContractChecker, type Hit } from './checker';
import { documentedOf, writeCoverage, type CoverageFile } from './coverage';
import { loadFamilyContract } from './compiled-contract';
import { FAMILY_SPECS } from './spec';

const checkers = new Map<string, ContractChecker>();
const coverage: Required<CoverageFile> = { documented: {}, hits: [], skipped: [] };

/** Loads the description of each family the run targets, once per process (each parallel worker has its own). */
export async function loadContracts(families: readonly string[]): Promise<void> {
  if (checkers.size > 0) return;
  const allowlist = Allowlist.load();
  const record = (hit: Hit) => coverage.hits.push(hit);
  for (const spec of FAMILY_SPECS.filter((candidate) => families.includes(candidate.family))) {
    const { operations, validatorOf } = await loadFamilyContract(spec);
    coverage.documented[spec.family] = documentedOf(operations);
    checkers.set(spec.family, new ContractChecker(spec.family, operations, allowlist, record, validatorOf));
  }
}

/** A scenario skipped for an unmet need: the coverage check must not count its operations as forgotten. */
export function noteSkipped(scenario: string, reason: string): void {
  coverage.skipped.push({ scenario, reason });
}

export function contractOf(family: string): ContractChecker | undefined {
  return checkers.get(family);
}

/** Writes this worker's coverage of the families the run targets (the others were not meant to be called). */
export function saveCoverage(families: readonly string[]): void {
  if (checkers.size === 0) return;
  const documented = Object.fromEntries(Object.entries(coverage.documented).filter(([family]) => families.includes(family)));
  writeCoverage(resolve(process.env.REPORTS_DIR ?? 'reports', 'contract'), { documented, hits: coverage.hits, skipped: coverage.skipped });
}
