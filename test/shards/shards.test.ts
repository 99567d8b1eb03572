import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = resolve(__dirname, '../..');
const SHARDS = 3;
const dir = mkdtempSync(join(tmpdir(), 'authflow-shards-'));

function node(script: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['-r', 'tsx/cjs', script, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
}

/** `features/shoko/api-keys.feature:12`: one scenario (an outline's example row has its own line). */
function scenarioIds(cucumberJson: string): string[] {
  const features = JSON.parse(readFileSync(cucumberJson, 'utf8')) as { uri: string; elements: { type: string; line: number }[] }[];
  return features.flatMap((feature) => feature.elements.filter((element) => element.type === 'scenario').map((element) => `${feature.uri}:${element.line}`));
}

describe('sharding a run over several machines', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`splits the scenarios into ${SHARDS} shards that lose none and run none twice, and merges them into one report`, () => {
    const dryRun = spawnSync(resolve(ROOT, 'node_modules/.bin/cucumber-js'), ['-p', 'dryRun', '--format', `json:${join(dir, 'all.json')}`], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(dryRun.status, 0, dryRun.stderr);
    const everything = scenarioIds(join(dir, 'all.json'));

    const shards = Array.from({ length: SHARDS }, (_, index) => {
      const reports = join(dir, `shard-${index + 1}`);
      // One configuration of the embedded better-auth: the second run of its features would only add their time.
      const run = node('scripts/run-features.ts', ['--shard', `${index + 1}/${SHARDS}`, '--format', 'summary'], { REPORTS_DIR: reports, BETTER_AUTH_CONFIGURATION: 'defaults' });
      assert.equal(run.status, 0, `shard ${index + 1}: ${run.stdout}\n${run.stderr}`);
      return { reports, ids: scenarioIds(join(reports, 'cucumber-report.json')) };
    });

    const ran = shards.flatMap((shard) => shard.ids);
    assert.equal(new Set(ran).size, ran.length, 'a scenario ran in two shards');
    assert.deepEqual([...ran].sort(), [...everything].sort(), 'the shards do not add up to the whole run');
    assert.ok(shards.every((shard) => shard.ids.length > 0), 'a shard ran nothing');

    const merged = join(dir, 'merged');
    const merge = node('scripts/merge-reports.ts', [merged, ...shards.map((shard) => shard.reports)]);
    assert.equal(merge.status, 0, `${merge.stdout}\n${merge.stderr}`);
    const results = readdirSync(join(merged, 'allure-report/data/test-results')).map(
      (name) => JSON.parse(readFileSync(join(merged, 'allure-report/data/test-results', name), 'utf8')) as { name: string; status: string },
    );
    const scenarios = results.filter((result) => result.name !== 'Every documented operation is exercised');
    assert.equal(scenarios.length, everything.length, 'the merged report does not hold every scenario');
    const coverage = results.find((result) => result.name === 'Every documented operation is exercised');
    assert.equal(coverage?.status, 'passed', 'the merged coverage check did not pass');
    console.log(`${everything.length} scenarios in ${SHARDS} shards (${shards.map((shard) => shard.ids.length).join(' + ')}), merged into one report`);
  });
});
