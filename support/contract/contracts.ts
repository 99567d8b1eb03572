import { resolve } from 'node:path';
import { Allowlist } from './allowlist';
import { ContractChecker, type Hit } from './checker';
import type { Finding } from './corrections';
import { documentedOf, writeCoverage, type CoverageFile } from './coverage';
import { loadCompiledContract, loadFamilyContract, type FamilyContract } from './compiled-contract';
import { outOfReach } from './reach';
import { FAMILY_SPECS, type FamilySpec } from './spec';
import type { Target } from '../core/target';

const checkers = new Map<string, ContractChecker>();
const loading = new Map<string, Promise<void>>();
const coverage: Required<Omit<CoverageFile, 'outOfReach'>> = { documented: {}, hits: [], skipped: [], findings: [] };
/** The families the run targets, with where their servers put the described paths (a deployment's base path). */
let targeted: Record<string, string | undefined> = {};
let allowlist: Allowlist | undefined;

/**
 * The families the run targets (once per process, before the first scenario): their descriptions are loaded when the
 * first scenario of each runs (loadContract), so that a run that selects no scenario of a family (the benchmark's,
 * a run narrowed by tags) neither loads its description nor reports its coverage.
 */
export function targetContracts(families: readonly string[], prefixes: Record<string, string> = {}): void {
  targeted = Object.fromEntries(families.map((family) => [family, prefixes[family]]));
}

/** Loads a targeted family's description, once per process (each parallel worker has its own), compiling it if it changed. */
export function loadContract(family: string): Promise<void> {
  const spec = targetedSpec(family);
  if (!spec || checkers.has(family)) return Promise.resolve();
  let loaded = loading.get(family);
  if (!loaded) {
    loaded = loadFamilyContract(spec, targeted[family]).then((contract) => void addChecker(family, contract));
    loading.set(family, loaded);
  }
  return loaded;
}

/** The description of a family the run targets; undefined for any other. */
function targetedSpec(family: string): FamilySpec | undefined {
  return family in targeted ? FAMILY_SPECS.find((candidate) => candidate.family === family) : undefined;
}

function addChecker(family: string, { operations, validatorOf }: FamilyContract): ContractChecker {
  allowlist ??= Allowlist.load();
  coverage.documented[family] = documentedOf(operations);
  const checker = new ContractChecker(family, operations, allowlist, (hit: Hit) => coverage.hits.push(hit), validatorOf, (finding: Finding) => coverage.findings.push(finding));
  checkers.set(family, checker);
  return checker;
}

/**
 * A scenario skipped for an unmet need. Skipped by its tags, the operations it calls are accounted for by
 * OPERATION_REACH; skipped in a step (an account the configuration lacks), they may be out of reach unaccounted.
 */
export function noteSkipped(scenario: string, reason: string, byTags: boolean): void {
  coverage.skipped.push({ scenario, reason, ...(byTags ? {} : { inStep: true }) });
}

/**
 * A targeted family's checker; loaded now when no scenario of the family has loaded it (a request outside the
 * family's scenarios). Undefined for a family the run does not target.
 */
export function contractOf(family: string): ContractChecker | undefined {
  const checker = checkers.get(family);
  const spec = targetedSpec(family);
  if (checker || !spec) return checker;
  const contract = loadCompiledContract(spec, targeted[family]);
  if (!contract) throw new Error(`${family}'s API description changed since it was compiled and is needed before a scenario of ${family} has run: run npm run contracts`);
  return addChecker(family, contract);
}

/**
 * Writes this worker's coverage of the families the run targets and its scenarios reached (the others were not meant
 * to be called), with the operations this configuration cannot reach and why.
 */
export function saveCoverage(target: Target): void {
  // A worker whose scenarios reached no targeted family may still have skipped some, each with its reason.
  if (checkers.size === 0 && coverage.skipped.length === 0) return;
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
