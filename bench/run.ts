/**
 * `npm run bench [-- --rounds R --cycles C]`: the workload of bench/WORKLOAD.md, R rounds (default 10, or
 * BENCH_ROUNDS) per run, against the standalone mocks in their benchmark setting (`npm run mocks -- --bench`: wall
 * clock, seeded accounts, codes reusable within their step, no pacing), by
 *   - the floor: bench/floor.mjs, plain `fetch` in a `node` process of its own;
 *   - authflow: the @bench features, Cucumber with `-p bench` started as `npm start` starts it (the default
 *     profile's reports: Allure results, JUnit, HTML, JSON) with TARGET=real, R rounds in one process (bench/rounds-plugin.mjs).
 * C cycles (default 5, or BENCH_CYCLES) alternate the two, with R rounds and with one; then `npm start`'s whole
 * path (the same run, then the coverage and ASVS summaries and the HTML report) is timed once, apart.
 * Prints medians, the ratio, the fixed and per-round cost, peak RSS, and last the line scripts read:
 *   bench: authflow A s, floor F s, ratio Rx (R=10)
 * Exits 1 only when a run fails one of the workload's checks or its requests differ from the workload's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cucumberCommand } from '../scripts/cucumber-command';
import { startStandaloneMocks } from '../test/helpers/standalone-mocks';
import { measure, type Measurement } from './measure';

const ROOT = resolve(__dirname, '..');
const BENCH_REPORTS = resolve(ROOT, '.authflow-cache/bench-reports');

function option(name: string, variable: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const raw = at !== -1 ? process.argv[at + 1] : process.env[variable];
  const value = Number(raw ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} (${variable}) must be a whole number of at least 1, not ${raw}`);
  return value;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const s = (seconds: number) => seconds.toFixed(2);

async function main(): Promise<number> {
  const rounds = option('rounds', 'BENCH_ROUNDS', 10);
  const cycles = option('cycles', 'BENCH_CYCLES', 5);
  const mocks = await startStandaloneMocks(30_000, ['--bench']);
  const scratch = mkdtempSync(join(tmpdir(), 'authflow-bench-'));
  try {
    const controlUrl = mocks.env.MAILBOX_URL as string;
    const floorEnv = { ...process.env, ...mocks.env };
    // authflow borrows the logins the block names, as without admin credentials: with them it would create a
    // customer login per scenario first, requests the workload does not have.
    // Its reports go outside reports/, where the project's own checks read the last `npm start`'s outputs.
    const authflowEnv: NodeJS.ProcessEnv = { ...floorEnv, REPORTS_DIR: BENCH_REPORTS };
    for (const name of ['ENHANCE_ADMIN_TOKEN', 'ENHANCE_ORG_ID', 'ENHANCE_REALM_ID']) delete authflowEnv[name];

    // The features run as `npm start` runs them (scripts/cucumber-command.ts), with the bench profile.
    const cucumberArgs = (r: number) => ['-p', 'bench', '--plugin', './bench/rounds-plugin.mjs', '--plugin-options', JSON.stringify({ benchRounds: r })];
    const implementations = {
      floor: (r: number) => measure([resolve(__dirname, 'floor.mjs'), String(r)], floorEnv, controlUrl, r, scratch),
      authflow: (r: number) => {
        // As `npm start` does first: results of an earlier run would otherwise pile up in the report.
        for (const folder of ['allure-results', 'allure-report', 'contract']) rmSync(resolve(BENCH_REPORTS, folder), { recursive: true, force: true });
        return measure(cucumberCommand(cucumberArgs(r)), authflowEnv, controlUrl, r, scratch);
      },
    };
    type Name = keyof typeof implementations;
    const times: Record<string, number[]> = {};
    /** Node itself, starting and exiting with nothing to run, in the same environment: every run above pays it. */
    const nodeAlone: number[] = [];
    const timeNodeAlone = () => {
      const started = performance.now();
      const { status } = spawnSync(process.execPath, ['-e', '0'], { env: floorEnv, stdio: 'ignore' });
      if (status === 0) nodeAlone.push((performance.now() - started) / 1000);
    };
    const rss: Record<Name, number[]> = { floor: [], authflow: [] };
    const record = async (name: Name, r: number, timed: boolean): Promise<Measurement> => {
      const result = await implementations[name](r);
      if (result.problems.length > 0) {
        console.error(`${name} (R=${r}) failed the workload:\n  ${result.problems.join('\n  ')}\n${result.output}`);
        throw new WorkloadFailed();
      }
      if (timed) {
        (times[`${name} ${r}`] ??= []).push(result.seconds);
        if (r === rounds) rss[name].push(result.peakRssMiB);
        console.log(`  ${name.padEnd(8)} R=${String(r).padEnd(3)} ${s(result.seconds)} s  ${result.peakRssMiB.toFixed(0)} MiB`);
      }
      return result;
    };

    console.log(`authflow bench: R=${rounds}, ${cycles} cycles; mocks at ${controlUrl} (benchmark setting)`);
    // Untimed warm-up: the disk cache, and a first proof that both make the workload's requests.
    await record('floor', 1, false);
    await record('authflow', 1, false);
    const sizes = rounds === 1 ? [1] : [rounds, 1];
    for (let cycle = 1; cycle <= cycles; cycle += 1) {
      console.log(`cycle ${cycle}/${cycles}`);
      // Alternating which goes first, so that neither always follows the other.
      const order: Name[] = cycle % 2 ? ['floor', 'authflow'] : ['authflow', 'floor'];
      for (const r of sizes) for (const name of order) await record(name, r, true);
      timeNodeAlone();
    }
    // npm start checks the configuration first (a sign-in per configured account): requests of its own, not the
    // workload's, so this proof of the workload's requests runs without it.
    const npmStart = await measure(
      ['-r', 'tsx/cjs', resolve(ROOT, 'scripts/run-features.ts'), ...cucumberArgs(rounds)],
      { ...authflowEnv, AUTHFLOW_CONFIGURATION_CHECK: '0' },
      controlUrl,
      rounds,
      scratch,
    );
    if (npmStart.problems.length > 0) {
      console.error(`npm start (R=${rounds}) failed the workload:\n  ${npmStart.problems.join('\n  ')}\n${npmStart.output}`);
      throw new WorkloadFailed();
    }

    const at = (name: Name, r: number) => median(times[`${name} ${r}`] ?? []);
    const authflow = at('authflow', rounds);
    const floor = at('floor', rounds);
    console.log(`\nmedians of ${cycles} (wall time from spawn to exit, start-up included; peak RSS of the process):`);
    for (const name of ['floor', 'authflow'] as Name[]) {
      const perRound = rounds > 1 ? (at(name, rounds) - at(name, 1)) / (rounds - 1) : undefined;
      const cost = perRound === undefined ? '' : `   fixed ${s(at(name, 1) - perRound)} s + ${(perRound * 1000).toFixed(0)} ms per round`;
      console.log(`  ${name.padEnd(8)} R=${rounds} ${s(at(name, rounds))} s${rounds > 1 ? `   R=1 ${s(at(name, 1))} s` : ''}${cost}   peak RSS ${median(rss[name]).toFixed(0)} MiB`);
    }
    // Node 20 reads NODE_EXTRA_CA_CERTS's bundle at every start, TLS or not (~40 ms for 144 certificates here).
    const extraCerts = floorEnv.NODE_EXTRA_CA_CERTS ? ', NODE_EXTRA_CA_CERTS set' : '';
    console.log(`  node alone (node -e 0, the same environment${extraCerts}): ${median(nodeAlone).toFixed(3)} s, in both fixed costs`);
    console.log(`  npm start (the same authflow run, then the summaries and the HTML report; 1 run): ${s(npmStart.seconds)} s, ${s(npmStart.seconds - authflow)} s over the cucumber run`);
    console.log(`  requests: both made exactly ${rounds} x 26 of the workload's, every run (counted by the mocks)`);
    console.log(`bench: authflow ${s(authflow)} s, floor ${s(floor)} s, ratio ${(authflow / floor).toFixed(1)}x (R=${rounds})`);
    return 0;
  } catch (error) {
    if (error instanceof WorkloadFailed) return 1;
    throw error;
  } finally {
    mocks.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

class WorkloadFailed extends Error {}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
