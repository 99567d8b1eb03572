/**
 * `npm start -- [cucumber options]`: runs the features (options such as --tags, --name, --parallel pass
 * through), then writes the Allure HTML report, and exits non-zero when any scenario failed.
 * Outputs go to REPORTS_DIR (default `reports`).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeProblems, loadDotEnv, readConfig } from '../support/config';
import { formatSummary, summarise, type FamilyCoverage } from '../support/contract/coverage';

const root = resolve(__dirname, '..');
const reports = resolve(root, process.env.REPORTS_DIR ?? 'reports');
const bin = (name: string) => resolve(root, 'node_modules', '.bin', name);

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

// A configuration that cannot run stops here, one message per problem, before any request is made.
loadDotEnv(root);
const { problems } = readConfig();
if (problems.length > 0) {
  console.error(describeProblems(problems));
  process.exit(2);
}

// Results of an earlier run would otherwise be merged into this report.
rmSync(resolve(reports, 'allure-results'), { recursive: true, force: true });
rmSync(resolve(reports, 'allure-report'), { recursive: true, force: true });
rmSync(resolve(reports, 'contract'), { recursive: true, force: true });
// The project's own secret scan reads back every secret this run used (see support/redaction/secrets.ts).
const secretsLog = process.env.AUTHFLOW_SECRETS_LOG;
if (secretsLog) {
  mkdirSync(dirname(resolve(root, secretsLog)), { recursive: true });
  writeFileSync(resolve(root, secretsLog), '');
}

const features = run(bin('cucumber-js'), process.argv.slice(2));
reportContractCoverage();
const report = run(bin('allure'), ['generate', resolve(reports, 'allure-results'), '--config', 'allurerc.mjs']);
if (report === 0) console.log(`Allure report: ${resolve(reports, 'allure-report/index.html')}`);
process.exit(features !== 0 ? features : report);

/**
 * Adds up what every worker exercised of each API description, prints it, keeps it as a file, and puts it in
 * the Allure report as its own check: passed when every documented operation was called at least once.
 */
function reportContractCoverage(): void {
  const dir = resolve(reports, 'contract');
  if (!existsSync(dir)) return;
  const families = summarise(dir);
  const text = formatSummary(families);
  console.log(`\n${text}`);
  writeFileSync(resolve(reports, 'contract-coverage.txt'), `${text}\n`);
  writeAllureCheck(families, text);
}

function writeAllureCheck(families: FamilyCoverage[], text: string): void {
  const results = resolve(reports, 'allure-results');
  mkdirSync(results, { recursive: true });
  const attachment = `${randomUUID()}-attachment.txt`;
  writeFileSync(resolve(results, attachment), text);
  const complete = families.every((family) => family.operations.exercised === family.operations.total);
  const now = Date.now();
  writeFileSync(
    resolve(results, `${randomUUID()}-result.json`),
    JSON.stringify({
      uuid: randomUUID(),
      historyId: 'authflow-contract-coverage',
      name: 'Every documented operation is exercised',
      fullName: 'authflow:contract-coverage',
      status: complete ? 'passed' : 'failed',
      ...(complete ? {} : { statusDetails: { message: families.filter((f) => f.missing.length > 0).map((f) => `${f.family}: ${f.missing.join(', ')}`).join('; ') } }),
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
