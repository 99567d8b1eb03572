/**
 * `npm run defects`: runs the features once per known authentication defect, two at a time, and prints for each
 * whether the scenario written to catch it failed: every defect the mocks can play (MOCK_DEFECTS,
 * mocks/shared/defects.ts), with its family's features, and every weakened configuration of the embedded better-auth
 * (BETTER_AUTH_WEAKENED, servers/better-auth/weakened.ts: the hardened configuration with one setting made weak),
 * with the better-auth features of the flows it names. The targets' known deviations (expectations/) fail as listed
 * in every run: a defect is caught only by a failure the list does not excuse. A defect that no scenario catches,
 * one that only some other scenario catches, a defect that names a scenario the features do not have, or a red run
 * without any defect, fails the command.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFECTS, type DefectSpec } from '../mocks/shared/defects';
import { WEAKENINGS } from '../servers/better-auth/weakened';
import { FAMILY_NAMES, type Family } from '../support/core/families';
import { failingVerdicts, judge as judgeAgainstList, loadExpectations, scenarioResults } from '../support/reports/known-deviations';
import { writtenScenarios } from '../support/reports/asvs/scenarios';
import { describeCatcher, judge, unmatchedCatchers, type Judgement, type NamedScenario } from './defect-verdict';
import { SHIPPED_EXPECTATIONS } from './passes';

const root = resolve(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'authflow-defects-'));
const CONCURRENCY = 2;

interface Run {
  name: string;
  /** What the defect breaks and the scenarios meant to catch it; none for a baseline. */
  spec?: DefectSpec;
  /** The family whose scenarios the defect names. */
  family?: Family;
  description: string;
  tags?: string;
  env: NodeJS.ProcessEnv;
  /** The known deviations of the run's target. */
  expectations: string[];
}

interface Outcome {
  run: Run;
  /** Scenarios failing in a way the target's list does not excuse. */
  failed: NamedScenario[];
  ran: number;
  passed: number;
  skipped: number;
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
      const failed = failingVerdicts(judgeAgainstList(results, loadExpectations(run.expectations))).map(({ result }) => ({ name: result.name, tags: result.tags ?? [] }));
      // Skipped: a hook or a step skipped it, with its reason (an @https scenario on the embedded plain http).
      const count = (status: string) => results.filter((result) => result.status === status).length;
      done({ run, failed, ran: results.length, passed: count('passed'), skipped: count('skipped'), exit: code ?? 1 });
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

const familyPrefix = (defect: string) => defect.split('-')[0] as keyof typeof FAMILY_NAMES;

const DEFECT_RUNS: Run[] = [
  ...Object.entries(DEFECTS).map(([name, spec]) => ({
    name,
    spec,
    family: FAMILY_NAMES[familyPrefix(name)],
    description: spec.breaks,
    tags: `@${familyPrefix(name)}`,
    env: { ...defaults, MOCK_DEFECTS: name },
    expectations: defaultsList,
  })),
  ...Object.entries(WEAKENINGS).map(([name, weakening]) => ({
    name,
    spec: weakening,
    family: 'better-auth' as const,
    description: weakening.breaks,
    tags: `@better-auth and (${weakening.flows})`,
    env: { ...hardened, BETTER_AUTH_WEAKENED: name },
    expectations: hardenedList,
  })),
];

/** Every defect names scenarios that exist in its family's features: a renamed title must not pass unnoticed. */
function namingProblems(): string[] {
  const written = writtenScenarios();
  return DEFECT_RUNS.flatMap(({ name, spec, family }) => {
    if (!spec || !family) return [];
    const unmatched = unmatchedCatchers(spec, written.filter((scenario) => scenario.family === family));
    return unmatched.map((catcher) => `${name} names ${describeCatcher(catcher)}, which no ${family} scenario is`);
  });
}

async function main(): Promise<number> {
  const problems = namingProblems();
  if (problems.length > 0) {
    console.error(`mocks/shared/defects.ts or servers/better-auth/weakened.ts names scenarios the features do not have:\n  ${problems.join('\n  ')}`);
    return 1;
  }
  const baselines = await Promise.all(BASELINES.map((run, index) => runWith(run, index)));
  for (const baseline of baselines) {
    if (baseline.failed.length > 0 || baseline.ran === 0) {
      console.error(`The run without defects (${baseline.run.description}) is not green (${baseline.failed.length} failed: ${baseline.failed.map((scenario) => scenario.name).join(', ')}): fix that first.`);
      return 1;
    }
  }
  const outcomes: { outcome: Outcome; judgement: Judgement }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < DEFECT_RUNS.length) {
        const index = next++;
        const run = DEFECT_RUNS[index] as Run;
        const outcome = await runWith(run, BASELINES.length + index);
        outcomes[index] = { outcome, judgement: judge(run.spec as DefectSpec, outcome.failed) };
      }
    }),
  );

  const width = Math.max(...outcomes.map(({ outcome }) => outcome.run.name.length));
  console.log(`${'defect'.padEnd(width)}  ${'result'.padEnd(26)}  ${'failed'.padEnd(7)}  scenario`);
  for (const { outcome, judgement } of outcomes) {
    const { run } = outcome;
    const failed = `${outcome.failed.length}/${outcome.ran}`;
    const shown =
      judgement.verdict === 'caught by its own scenario'
        ? judgement.own[0]
        : judgement.verdict === 'caught only elsewhere'
          ? `${judgement.elsewhere[0]} (meant: ${(run.spec as DefectSpec).caughtBy.map(describeCatcher).join(' or ')})`
          : run.description;
    console.log(`${run.name.padEnd(width)}  ${judgement.verdict.padEnd(26)}  ${failed.padEnd(7)}  ${shown}`);
  }
  const own = (group: typeof outcomes) => group.filter(({ judgement }) => judgement.verdict === 'caught by its own scenario').length;
  const count = (verdict: Judgement['verdict']) => outcomes.filter(({ judgement }) => judgement.verdict === verdict).length;
  const weakened = outcomes.filter(({ outcome }) => outcome.run.name in WEAKENINGS);
  const mocks = outcomes.filter(({ outcome }) => !(outcome.run.name in WEAKENINGS));
  // The baselines' skipped scenarios are those the embedded target cannot do (@https, what the hardened configuration
  // turns off), each skipped with its reason; the rest failed as their target's list expects.
  const baselineLine = baselines
    .map((baseline) => `${baseline.run.description}: ${baseline.ran} scenarios, ${baseline.passed} passed, ${baseline.skipped} skipped, ${baseline.ran - baseline.passed - baseline.skipped} known deviations`)
    .join('; ');
  console.log(
    `\ncaught by their own scenario ${own(outcomes)}/${outcomes.length} (mock defects ${own(mocks)}/${mocks.length}, weakened better-auth configurations ${own(weakened)}/${weakened.length}), ` +
      `only elsewhere ${count('caught only elsewhere')}, survived ${count('SURVIVED')} (baselines: ${baselineLine})`,
  );
  return own(outcomes) === outcomes.length ? 0 : 1;
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
