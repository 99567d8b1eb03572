import { existsSync, writeFileSync } from 'node:fs';
import { writeAllurePage } from '../report/allure-page';
import { resolve } from 'node:path';
import { formatSummary, skippedOf, summarise, type FamilyCoverage, type SkippedScenario } from './coverage';

/**
 * Adds up what every worker (or shard) exercised of each API description, prints it and keeps it as a file.
 * With `asCheck`, it also becomes a check in the Allure results: passed when every documented operation was
 * called at least once (a single shard leaves that to the merged report).
 */
export function reportContractCoverage(reportsDir: string, options: { asCheck: boolean }): FamilyCoverage[] {
  const dir = resolve(reportsDir, 'contract');
  if (!existsSync(dir)) return [];
  const families = summarise(dir);
  const skipped = skippedOf(dir);
  const text = [formatSummary(families), ...(skipped.length > 0 ? [outOfReach(skipped)] : [])].join('\n');
  console.log(`\n${text}`);
  writeFileSync(resolve(reportsDir, 'contract-coverage.txt'), `${text}\n`);
  if (options.asCheck) writeAllureCheck(resolve(reportsDir, 'allure-results'), families, skipped, text);
  return families;
}

/** Why some operations may not have been reached: the scenarios this configuration could not run. */
function outOfReach(skipped: SkippedScenario[]): string {
  const reasons = [...new Set(skipped.map((entry) => entry.reason))];
  return `  ${skipped.length} scenarios could not run with this configuration, so what only they call was out of reach:\n${reasons.map((reason) => `    - ${reason}`).join('\n')}`;
}

/**
 * Passed when every documented operation was called; failed when one was not although every scenario ran (a
 * scenario is missing); skipped, naming the uncalled operations, when the configuration ruled scenarios out:
 * then an uncalled operation may be one only those scenarios call, and a red check would be the harness's fault.
 */
function writeAllureCheck(results: string, families: FamilyCoverage[], skipped: SkippedScenario[], text: string): void {
  const missing = families.filter((family) => family.missing.length > 0);
  const uncalled = missing.map((family) => `${family.family}: ${family.missing.join(', ')}`).join('; ');
  const status = missing.length === 0 ? 'passed' : skipped.length > 0 ? 'skipped' : 'failed';
  const message = status === 'skipped' ? `not reached with this configuration (${skipped.length} scenarios could not run): ${uncalled}` : uncalled;
  writeAllurePage(results, {
    historyId: 'authflow-contract-coverage',
    fullName: 'authflow:contract-coverage',
    name: 'Every documented operation is exercised',
    status,
    ...(missing.length === 0 ? {} : { message }),
    epic: 'API contract',
    feature: 'Coverage',
    attachments: [{ name: 'API contract coverage', content: text, type: 'text/plain' }],
  });
}
