/**
 * `npm run defects`: runs the features once per known authentication defect, two at a time, and prints which
 * scenarios caught each one: every defect the mocks can play (MOCK_DEFECTS, mocks/shared/defects.ts), with its
 * family's features, and every weakened configuration of the embedded better-auth (BETTER_AUTH_WEAKENED,
 * servers/better-auth/weakened.ts: the hardened configuration with one setting made weak), with the better-auth
 * features of the flows it names. The targets' known deviations (expectations/) fail as listed in every run: a
 * defect is caught only by a failure the list does not excuse. A defect that no scenario catches, or a red run
 * without any defect, fails the command.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFECTS } from '../mocks/shared/defects';
import { WEAKENINGS } from '../servers/better-auth/weakened';
import { failingVerdicts, judge, loadExpectations, scenarioResults } from '../support/reports/known-deviations';
import { SHIPPED_EXPECTATIONS } from './passes';

const root = resolve(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'authflow-defects-'));
const CONCURRENCY = 2;

interface Run {
  name: string;
  description: string;
  tags?: string;
  env: NodeJS.ProcessEnv;
  /** The known deviations of the run's target. */
  expectations: string[];
}

interface Outcome {
  run: Run;
  /** Scenarios failing in a way the target's list does not excuse. */
  failed: string[];
  ran: number;
  exit: number;
}

/** Runs the features with the given defect (or none) in the embedded target; judges the failures against the list. */
function runWith(run: Run, index: number): Promise<Outcome> {
  const reports = join(work, `run-${index}`);
  const args = ['--format', 'summary', ...(run.tags ? ['--tags', run.tags] : [])];
  const child = spawn(resolve(root, 'node_modules/.bin/cucumber-js'), args, {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, MOCK_DEFECTS: '', BETTER_AUTH_WEAKENED: '', ...run.env, REPORTS_DIR: reports, TARGET: 'mock' },
  });
  return new Promise((done) => {
    child.on('exit', (code) => {
      const results = scenarioResults(join(reports, 'cucumber-report.json'));
      const failed = failingVerdicts(judge(results, loadExpectations(run.expectations))).map((verdict) => verdict.result.name);
      done({ run, failed, ran: results.length, exit: code ?? 1 });
    });
  });
}

const defaults = { BETTER_AUTH_CONFIGURATION: 'defaults' };
const hardened = { BETTER_AUTH_CONFIGURATION: 'hardened' };
const defaultsList = [SHIPPED_EXPECTATIONS.defaults as string];
const hardenedList = [SHIPPED_EXPECTATIONS.hardened as string];

// The mock defects run their family's features, the weakened configurations better-auth's in the hardened one:
// each baseline is what its defect runs start from.
const BASELINES: Run[] = [
  { name: '(none)', description: 'the mocks\' features', tags: 'not @better-auth', env: defaults, expectations: defaultsList },
  { name: '(none, hardened)', description: 'the better-auth features in the hardened configuration', tags: '@better-auth', env: hardened, expectations: hardenedList },
];

const DEFECT_RUNS: Run[] = [
  ...Object.entries(DEFECTS).map(([name, description]) => ({ name, description, tags: `@${name.split('-')[0]}`, env: { ...defaults, MOCK_DEFECTS: name }, expectations: defaultsList })),
  ...Object.entries(WEAKENINGS).map(([name, weakening]) => ({
    name,
    description: weakening.description,
    tags: `@better-auth and (${weakening.flows})`,
    env: { ...hardened, BETTER_AUTH_WEAKENED: name },
    expectations: hardenedList,
  })),
];

async function main(): Promise<number> {
  const baselines = await Promise.all(BASELINES.map((run, index) => runWith(run, index)));
  for (const baseline of baselines) {
    if (baseline.failed.length > 0 || baseline.ran === 0) {
      console.error(`The run without defects (${baseline.run.description}) is not green (${baseline.failed.length} failed: ${baseline.failed.join(', ')}): fix that first.`);
      return 1;
    }
  }
  const outcomes: Outcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < DEFECT_RUNS.length) {
        const index = next++;
        outcomes[index] = await runWith(DEFECT_RUNS[index] as Run, BASELINES.length + index);
      }
    }),
  );

  const killed = outcomes.filter((outcome) => outcome.failed.length > 0);
  const width = Math.max(...outcomes.map((outcome) => outcome.run.name.length));
  console.log(`${'defect'.padEnd(width)}  result     caught by`);
  for (const outcome of outcomes) {
    const result = outcome.failed.length > 0 ? `killed (${outcome.failed.length}/${outcome.ran})` : 'SURVIVED';
    console.log(`${outcome.run.name.padEnd(width)}  ${result.padEnd(15)}  ${outcome.failed[0] ?? outcome.run.description}`);
  }
  const weakened = outcomes.filter((outcome) => outcome.run.name in WEAKENINGS);
  console.log(
    `\nkilled ${killed.length}/${outcomes.length}: mock defects ${killed.length - weakened.filter((outcome) => outcome.failed.length > 0).length}/${outcomes.length - weakened.length}, ` +
      `weakened better-auth configurations ${weakened.filter((outcome) => outcome.failed.length > 0).length}/${weakened.length} ` +
      `(baselines: ${baselines.map((baseline) => `${baseline.ran} scenarios, ${baseline.run.description}`).join('; ')}; known deviations failing as listed)`,
  );
  return killed.length === outcomes.length ? 0 : 1;
}

main()
  .then((code) => {
    rmSync(work, { recursive: true, force: true });
    process.exit(code);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
