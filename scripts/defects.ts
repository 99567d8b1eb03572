/**
 * `npm run defects`: runs the features once per known authentication defect of the mocks (MOCK_DEFECTS, see
 * mocks/shared/defects.ts), two at a time, and prints which scenarios caught each one. A defect that no scenario
 * catches, or a red run without any defect, fails the command.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFECTS } from '../mocks/shared/defects';

const root = resolve(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'authflow-defects-'));
const CONCURRENCY = 2;

interface Outcome {
  defect: string;
  failed: string[];
  ran: number;
  skipped: number;
  exit: number;
}

/** Runs one family's features with the given defect (or none) in the embedded mocks. */
function runWith(defect: string | undefined, tag: string | undefined, index: number): Promise<Outcome> {
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
        elements: { name: string; type: string; steps: { hidden?: boolean; result: { status: string } }[] }[];
      }[];
      const scenarios = features.flatMap((feature) => feature.elements.filter((element) => element.type === 'scenario'));
      const failed = scenarios.filter((scenario) => scenario.steps.some((step) => step.result.status === 'failed')).map((scenario) => scenario.name);
      // Skipped: a hook skipped it (its reason), so every step of its own is skipped.
      const skipped = scenarios.filter((scenario) => scenario.steps.filter((step) => !step.hidden).every((step) => step.result.status === 'skipped')).length;
      done({ defect: defect ?? '(none)', failed, ran: scenarios.length, skipped, exit: code ?? 1 });
    });
  });
}

async function main(): Promise<number> {
  const baseline = await runWith(undefined, undefined, 0);
  if (baseline.exit !== 0 || baseline.failed.length > 0) {
    console.error(`The run without defects is not green (${baseline.failed.length} failed): fix that first.`);
    return 1;
  }
  const names = Object.keys(DEFECTS);
  const outcomes: Outcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < names.length) {
        const index = next++;
        const defect = names[index] as string;
        outcomes[index] = await runWith(defect, `@${defect.split('-')[0]}`, index + 1);
      }
    }),
  );

  const killed = outcomes.filter((outcome) => outcome.failed.length > 0);
  const width = Math.max(...names.map((name) => name.length));
  console.log(`${'defect'.padEnd(width)}  result     caught by`);
  for (const outcome of outcomes) {
    const result = outcome.failed.length > 0 ? `killed (${outcome.failed.length}/${outcome.ran})` : 'SURVIVED';
    console.log(`${outcome.defect.padEnd(width)}  ${result.padEnd(15)}  ${outcome.failed[0] ?? DEFECTS[outcome.defect as keyof typeof DEFECTS]}`);
  }
  // The baseline's skipped scenarios are those the embedded mocks cannot do (@https), each skipped with its reason.
  console.log(`\nkilled ${killed.length}/${outcomes.length} (baseline: ${baseline.ran} scenarios, ${baseline.ran - baseline.skipped} passed, ${baseline.skipped} skipped)`);
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
