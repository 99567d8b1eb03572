/**
 * `npm start -- [cucumber options]`: runs the features (options such as --tags, --name, --parallel pass
 * through), then writes the Allure HTML report, and exits non-zero when any scenario failed.
 * Outputs go to REPORTS_DIR (default `reports`).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { describeProblems, loadDotEnv, readConfig } from '../support/core/config';
import { redactText } from '../support/redaction/redact';
import { contractProblems } from '../support/world/configuration-check';
import { cucumberCommand } from './cucumber-command';
import { reportAsvsCoverage } from '../support/reports/asvs/report';
import { reportContractCoverage } from '../support/reports/contract-coverage';
import { reportFootprint } from '../support/reports/footprint/report';
import { reportFloor } from '../support/reports/floor';
import { ledger } from '../support/coordination/ledger';
import { generateReport, loadAllure } from './allure-report';
import { passesOf, type Pass } from './passes';
import { writtenScenarios } from '../support/reports/asvs/scenarios';
import { exitCodeAfter, judge, loadExpectations, markAllureResults, scenarioResults, verdictSummary } from '../support/reports/known-deviations';

const root = resolve(__dirname, '..');
const reports = resolve(root, process.env.REPORTS_DIR ?? 'reports');

/** No run hangs: past this many seconds (AUTHFLOW_DEADLINE_SECONDS, default 30 minutes) it is stopped. */
const deadlineSeconds = Number(process.env.AUTHFLOW_DEADLINE_SECONDS ?? 1800);

/**
 * Runs a command with the console passed through; with `consoleLog`, everything it prints is also kept in that
 * file (the project's secret scan reads it). Past `deadline` seconds the command is stopped.
 */
function run(command: string, args: string[], options: { deadline?: number; consoleLog?: WriteStream; env?: NodeJS.ProcessEnv; held?: Buffer[] } = {}): Promise<number> {
  const { consoleLog, held } = options;
  // Without a console log the child gets this terminal itself, so Cucumber can draw its progress bar. A run beside
  // another one (`held`) keeps its output until the caller prints it, so that the two do not interleave.
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...options.env }, stdio: consoleLog || held ? ['inherit', 'pipe', 'pipe'] : 'inherit' });
  const out = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
    if (held) held.push(chunk);
    else stream.write(chunk);
    if (!held) consoleLog?.write(chunk);
  };
  child.stdout?.on('data', out(process.stdout));
  child.stderr?.on('data', out(process.stderr));
  let timedOut = false;
  const timer = options.deadline
    ? setTimeout(() => {
        timedOut = true;
        child.kill('SIGTERM');
      }, options.deadline * 1000)
    : undefined;
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) {
        console.error(`\nThe run passed its ${options.deadline}-second deadline (AUTHFLOW_DEADLINE_SECONDS) and was stopped.`);
        done(124);
      } else done(code ?? 1);
    });
  });
}

/**
 * Judges one Cucumber run against its target's known deviations (pass.expectations): prints the verdict, marks the
 * run's Allure results, and returns the run's exit code with the known deviations excused.
 */
function applyExpectations(pass: Pass, code: number, consoleLog: WriteStream | undefined): number {
  if (pass.expectations.length === 0) return code;
  const verdicts = judge(scenarioResults(resolve(reports, `cucumber-report${pass.suffix}.json`)), loadExpectations(pass.expectations, root), writtenScenarios());
  markAllureResults(resolve(reports, 'allure-results'), verdicts, pass.variants);
  const summary = verdictSummary(verdicts, pass.expectations.join(', '));
  if (summary) {
    console.log(`\n${summary}`);
    consoleLog?.write(`\n${summary}\n`);
  }
  return exitCodeAfter(code, verdicts);
}

function setAsidePreviousOutputs(): Promise<void> {
  const aside = resolve(reports, `.previous-${process.pid}`);
  mkdirSync(aside, { recursive: true });
  for (const folder of ['allure-results', 'allure-report', 'contract', 'footprint']) {
    if (existsSync(resolve(reports, folder))) renameSync(resolve(reports, folder), resolve(aside, folder));
  }
  return rm(aside, { recursive: true, force: true });
}

async function main(): Promise<number> {
  // A configuration that cannot run stops here, one message per problem, before any request is made.
  loadDotEnv(root);
  const { config, problems } = readConfig();
  if (problems.length > 0) {
    console.error(describeProblems(problems));
    return 2;
  }
  // Then what the APIs let a client check cheaply: the accounts sign in with what was given, the admin variables fit
  // together, the mailbox is Mailpit's API (support/world/configuration-check.ts). AUTHFLOW_CONFIGURATION_CHECK=0 skips
  // it (its requests are a sign-in per configured account; the benchmark counts the workload's requests alone).
  if (config.target === 'real' && process.env.AUTHFLOW_CONFIGURATION_CHECK !== '0') {
    const contract = await contractProblems(config);
    if (contract.length > 0) {
      console.error(redactText(describeProblems(contract)));
      return 2;
    }
  }

  // Results of an earlier run would otherwise be merged into this report. Moved aside at once and deleted while
  // the features run: deleting a report's thousands of files took 0.4 s of the run's start here.
  const previous = setAsidePreviousOutputs();
  // The ASVS matrix reads Cucumber's JSON: a run that stops before writing it must not be measured by the last one's.
  for (const file of ['cucumber-report.json', 'cucumber-report.better-auth-hardened.json', 'asvs-coverage.md', 'footprint.md', 'footprint.json']) rmSync(resolve(reports, file), { force: true });
  // The project's own secret scan reads back every secret this run used (see support/redaction/secrets.ts).
  const secretsLog = process.env.AUTHFLOW_SECRETS_LOG;
  if (secretsLog) {
    mkdirSync(dirname(resolve(root, secretsLog)), { recursive: true });
    writeFileSync(resolve(root, secretsLog), '');
  }
  const consoleLogPath = process.env.AUTHFLOW_CONSOLE_LOG;
  if (consoleLogPath) mkdirSync(dirname(resolve(root, consoleLogPath)), { recursive: true });
  const consoleLog = consoleLogPath ? createWriteStream(resolve(root, consoleLogPath)) : undefined;

  const allure = loadAllure();
  const cucumberArgs = process.argv.slice(2);
  // Every worker adds what it waited for and sent to this run's tally in the ledger (support/coordination/).
  const runId = `${Date.now()}-${process.pid}`;
  process.env.AUTHFLOW_RUN_ID = runId;
  const started = Date.now();
  let features = 0;
  const passes = passesOf(config.target, cucumberArgs);
  // The runs go side by side (the second, better-auth's hardened configuration, in a process of its own, its output
  // printed after the first's): on two cores that takes about the time of the longer one.
  const held = passes.map((_pass, index) => (index === 0 ? undefined : ([] as Buffer[])));
  const codes = await Promise.all(passes.map((pass, index) => run(process.execPath, cucumberCommand(pass.args), { deadline: deadlineSeconds, consoleLog, env: pass.env, held: held[index] })));
  for (const [index, pass] of passes.entries()) {
    const output = Buffer.concat(held[index] ?? []);
    if (output.length > 0) {
      process.stdout.write(output);
      consoleLog?.write(output);
    }
    const code = codes[index] ?? 1;
    if (code === 124) {
      features = code;
      continue;
    }
    // Known deviations of the target are excused, reported and filed in their own Allure category; a listed
    // scenario that passes, or fails another way, fails the run.
    let judged = code;
    try {
      judged = applyExpectations(pass, code, consoleLog);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      judged = 1;
    }
    if (features === 0) features = judged;
  }
  const wallMs = Date.now() - started;
  consoleLog?.end();
  if (config.target === 'real') {
    const tally = await ledger().takeTally(runId);
    if (tally) reportFloor(reports, tally, wallMs);
  }
  // One shard exercises part of each description: its coverage check belongs to the merged report.
  const shard = cucumberArgs.some((arg) => arg.startsWith('--shard'));
  reportContractCoverage(reports, { asCheck: !shard });
  // Next to it, what the run showed against OWASP ASVS, headed by the target so a mock run is never read as the product's.
  let asvsFailed = false;
  try {
    reportAsvsCoverage(reports, config.target, { asPage: !shard, runs: passes.map((pass) => ({ suffix: pass.suffix, variants: pass.variants, expectations: pass.expectations })) });
  } catch (error) {
    console.error(`The OWASP ASVS coverage could not be computed: ${error instanceof Error ? error.message : String(error)}`);
    asvsFailed = true;
  }
  // What a real run did to its targets, from every worker's records (a shard's part belongs to the merged run).
  reportFootprint(reports, { asPage: !shard });
  await previous;
  try {
    await generateReport(allure, root, resolve(reports, 'allure-results'));
  } catch (error) {
    console.error(`The Allure report could not be generated: ${error instanceof Error ? error.message : String(error)}`);
    return features !== 0 ? features : 1;
  }
  console.log(`Allure report: ${resolve(reports, 'allure-report/index.html')}`);
  return features !== 0 ? features : asvsFailed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
