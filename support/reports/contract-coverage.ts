import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeAllurePage } from './allure-page';
import { formatSummary, skippedOf, summarise, type FamilyCoverage, type SkippedScenario } from '../contract/coverage';

/**
 * Adds up what every worker (or shard) exercised of each API description, prints it and keeps it as a file.
 * With `asCheck`, it also becomes a check in the Allure results: passed when every documented operation within
 * the configuration's reach was called at least once (a single shard leaves that to the merged report).
 */
export function reportContractCoverage(reportsDir: string, options: { asCheck: boolean }): FamilyCoverage[] {
  const dir = resolve(reportsDir, 'contract');
  if (!existsSync(dir)) return [];
  const families = summarise(dir);
  const skipped = skippedOf(dir);
  const text = [formatSummary(families), ...(skipped.length > 0 ? [skippedSummary(skipped)] : [])].join('\n');
  console.log(`\n${text}`);
  writeFileSync(resolve(reportsDir, 'contract-coverage.txt'), `${text}\n`);
  if (options.asCheck) writeAllureCheck(resolve(reportsDir, 'allure-results'), families, skipped, text);
  return families;
}

/** Why some operations may not have been reached: the scenarios this configuration could not run. */
function skippedSummary(skipped: SkippedScenario[]): string {
  const reasons = [...new Set(skipped.map((entry) => entry.reason))];
  return `  ${skipped.length} scenarios could not run with this configuration:\n${reasons.map((reason) => `    - ${reason}`).join('\n')}`;
}

/**
 * Passed when every operation within the configuration's reach was called (the others are listed with why they
 * were out of reach); failed when one within reach was not. Skipped only when scenarios were skipped in a step
 * (for an account the configuration lacks): what those call is not known before they run, so an uncalled
 * operation may be theirs, and a red check would be the harness's fault.
 */
function writeAllureCheck(results: string, families: FamilyCoverage[], skipped: SkippedScenario[], text: string): void {
  const missing = families.filter((family) => family.missing.length > 0);
  const uncalled = missing.map((family) => `${family.family}: ${family.missing.join(', ')}`).join('; ');
  const inStep = skipped.filter((entry) => entry.inStep).length;
  const status = missing.length === 0 ? 'passed' : inStep > 0 ? 'skipped' : 'failed';
  const unreached = families.flatMap((family) => family.outOfReach.map(({ operation, reason }) => `${family.family} ${operation} (${reason})`));
  const outOfReach = unreached.length > 0 ? `out of this configuration's reach: ${unreached.join('; ')}` : '';
  const message = [
    status === 'skipped' ? `never called, perhaps only by the ${inStep} scenarios skipped in a step: ${uncalled}` : uncalled,
    outOfReach,
  ].filter(Boolean).join('\n');
  writeAllurePage(results, {
    historyId: 'authflow-contract-coverage',
    fullName: 'authflow:contract-coverage',
    name: 'Every documented operation is exercised',
    status,
    ...(message ? { message } : {}),
    epic: 'API contract',
    feature: 'Coverage',
    attachments: [{ name: 'API contract coverage', content: text, type: 'text/plain' }],
  });
}
