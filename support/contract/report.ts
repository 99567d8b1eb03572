import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatSummary, summarise, type FamilyCoverage } from './coverage';

/**
 * Adds up what every worker (or shard) exercised of each API description, prints it and keeps it as a file.
 * With `asCheck`, it also becomes a check in the Allure results: passed when every documented operation was
 * called at least once (a single shard leaves that to the merged report).
 */
export function reportContractCoverage(reportsDir: string, options: { asCheck: boolean }): FamilyCoverage[] {
  const dir = resolve(reportsDir, 'contract');
  if (!existsSync(dir)) return [];
  const families = summarise(dir);
  const text = formatSummary(families);
  console.log(`\n${text}`);
  writeFileSync(resolve(reportsDir, 'contract-coverage.txt'), `${text}\n`);
  if (options.asCheck) writeAllureCheck(resolve(reportsDir, 'allure-results'), families, text);
  return families;
}

function writeAllureCheck(results: string, families: FamilyCoverage[], text: string): void {
  mkdirSync(results, { recursive: true });
  const attachment = `${randomUUID()}-attachment.txt`;
  writeFileSync(resolve(results, attachment), text);
  const missing = families.filter((family) => family.missing.length > 0);
  const now = Date.now();
  writeFileSync(
    resolve(results, `${randomUUID()}-result.json`),
    JSON.stringify({
      uuid: randomUUID(),
      historyId: 'authflow-contract-coverage',
      name: 'Every documented operation is exercised',
      fullName: 'authflow:contract-coverage',
      status: missing.length === 0 ? 'passed' : 'failed',
      ...(missing.length === 0 ? {} : { statusDetails: { message: missing.map((family) => `${family.family}: ${family.missing.join(', ')}`).join('; ') } }),
      stage: 'finished',
      start: now,
      stop: now,
      labels: [{ name: 'epic', value: 'API contract' }, { name: 'feature', value: 'Coverage' }],
      attachments: [{ name: 'API contract coverage', source: attachment, type: 'text/plain' }],
      steps: [],
      parameters: [],
      links: [],
    }),
  );
}
