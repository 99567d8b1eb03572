/**
 * `npm start -- [cucumber options]`: runs the features (options such as --tags, --name, --parallel pass
 * through), then writes the Allure HTML report, and exits non-zero when any scenario failed.
 * Outputs go to REPORTS_DIR (default `reports`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeProblems, loadDotEnv, readConfig } from '../support/config';
import { reportContractCoverage } from '../support/contract/report';

const root = resolve(__dirname, '..');
const reports = resolve(root, process.env.REPORTS_DIR ?? 'reports');
const bin = (name: string) => resolve(root, 'node_modules', '.bin', name);

/** No run hangs: past this many seconds (AUTHFLOW_DEADLINE_SECONDS, default 30 minutes) it is stopped. */
const deadlineSeconds = Number(process.env.AUTHFLOW_DEADLINE_SECONDS ?? 1800);

function run(command: string, args: string[], deadline?: number): number {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env, timeout: deadline ? deadline * 1000 : undefined, killSignal: 'SIGTERM' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
    console.error(`\nThe run passed its ${deadline}-second deadline (AUTHFLOW_DEADLINE_SECONDS) and was stopped.`);
    return 124;
  }
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

const cucumberArgs = process.argv.slice(2);
const features = run(bin('cucumber-js'), cucumberArgs, deadlineSeconds);
// One shard exercises part of each description: its coverage check belongs to the merged report.
reportContractCoverage(reports, { asCheck: !cucumberArgs.some((arg) => arg.startsWith('--shard')) });
const report = run(bin('allure'), ['generate', resolve(reports, 'allure-results'), '--config', 'allurerc.mjs']);
if (report === 0) console.log(`Allure report: ${resolve(reports, 'allure-report/index.html')}`);
process.exit(features !== 0 ? features : report);

