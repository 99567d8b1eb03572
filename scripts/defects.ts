/**
 * `npm run defects`: runs the features once per known authentication defect of the mocks (MOCK_DEFECTS, see
 * mocks/shared/defects.ts), two at a time, and prints for each whether the scenario written to catch it failed.
 * A defect that no scenario catches, one that only some other scenario catches, a defect that names a scenario
 * the features do not have, or a red run without any defect, fails the command.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFECTS, type DefectName } from '../mocks/shared/defects';
import { FAMILY_NAMES } from '../support/core/families';
import { writtenScenarios } from '../support/reports/asvs/scenarios';
import { describeCatcher, judge, unmatchedCatchers, type Judgement, type NamedScenario } from './defect-verdict';

const root = resolve(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'authflow-defects-'));
const CONCURRENCY = 2;

interface Run {
  failed: NamedScenario[];
  ran: number;
  skipped: number;
  exit: number;
}

/** Runs one family's features with the given defect (or none) in the embedded mocks. */
function runWith(defect: string | undefined, tag: string | undefined, index: number): Promise<Run> {
  const reports = join(work, `run-${index}`);
  const args = ['--format', 'summary', ...(tag ? ['--tags', tag] : [])];
  const child = spawn(resolve(root, 'node_modules/.bin/cucumber-js'), args, {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, MOCK_DEFECTS: defect ?? '', REPORTS_DIR: reports, TARGET: 'mock' },
  });
  return new Promise((done) => {
    child.on('exit', (code) => {
      const features = JSON.parse(readFileSync(join(reports, 'cucumber-report.json'), 'utf8')) as {
        elements: { name: string; type: string; tags?: { name: string }[]; steps: { hidden?: boolean; result: { status: string } }[] }[];
      }[];
      const scenarios = features.flatMap((feature) => feature.elements.filter((element) => element.type === 'scenario'));
      const failed = scenarios
        .filter((scenario) => scenario.steps.some((step) => step.result.status === 'failed'))
        .map((scenario) => ({ name: scenario.name, tags: (scenario.tags ?? []).map((tag) => tag.name) }));
      // Skipped: a hook skipped it (its reason), so every step of its own is skipped.
      const skipped = scenarios.filter((scenario) => scenario.steps.filter((step) => !step.hidden).every((step) => step.result.status === 'skipped')).length;
      done({ failed, ran: scenarios.length, skipped, exit: code ?? 1 });
    });
  });
}

const familyPrefix = (defect: string) => defect.split('-')[0] as keyof typeof FAMILY_NAMES;

/** Every defect names scenarios that exist in its family's features: a renamed title must not pass unnoticed. */
function namingProblems(): string[] {
  const written = writtenScenarios();
  return (Object.keys(DEFECTS) as DefectName[]).flatMap((defect) => {
    const family = FAMILY_NAMES[familyPrefix(defect)];
    const unmatched = unmatchedCatchers(DEFECTS[defect], written.filter((scenario) => scenario.family === family));
    return unmatched.map((catcher) => `${defect} names ${describeCatcher(catcher)}, which no ${family} scenario is`);
  });
}

async function main(): Promise<number> {
  const problems = namingProblems();
  if (problems.length > 0) {
    console.error(`mocks/shared/defects.ts names scenarios the features do not have:\n  ${problems.join('\n  ')}`);
    return 1;
  }
  const baseline = await runWith(undefined, undefined, 0);
  if (baseline.exit !== 0 || baseline.failed.length > 0) {
    console.error(`The run without defects is not green (${baseline.failed.length} failed): fix that first.`);
    return 1;
  }
  const names = Object.keys(DEFECTS) as DefectName[];
  const outcomes: { defect: DefectName; run: Run; judgement: Judgement }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < names.length) {
        const index = next++;
        const defect = names[index] as DefectName;
        const run = await runWith(defect, `@${familyPrefix(defect)}`, index + 1);
        outcomes[index] = { defect, run, judgement: judge(DEFECTS[defect], run.failed) };
      }
    }),
  );

  const width = Math.max(...names.map((name) => name.length));
  console.log(`${'defect'.padEnd(width)}  ${'result'.padEnd(26)}  ${'failed'.padEnd(7)}  scenario`);
  for (const { defect, run, judgement } of outcomes) {
    const failed = `${run.failed.length}/${run.ran}`;
    const shown =
      judgement.verdict === 'caught by its own scenario'
        ? judgement.own[0]
        : judgement.verdict === 'caught only elsewhere'
          ? `${judgement.elsewhere[0]} (meant: ${DEFECTS[defect].caughtBy.map(describeCatcher).join(' or ')})`
          : DEFECTS[defect].breaks;
    console.log(`${defect.padEnd(width)}  ${judgement.verdict.padEnd(26)}  ${failed.padEnd(7)}  ${shown}`);
  }
  const count = (verdict: Judgement['verdict']) => outcomes.filter((outcome) => outcome.judgement.verdict === verdict).length;
  const own = count('caught by its own scenario');
  // The baseline's skipped scenarios are those the embedded mocks cannot do (@https), each skipped with its reason.
  console.log(
    `\ncaught by their own scenario ${own}/${outcomes.length}, only elsewhere ${count('caught only elsewhere')}, survived ${count('SURVIVED')} ` +
      `(baseline: ${baseline.ran} scenarios, ${baseline.ran - baseline.skipped} passed, ${baseline.skipped} skipped)`,
  );
  return own === outcomes.length ? 0 : 1;
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
