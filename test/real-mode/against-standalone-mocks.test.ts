import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = resolve(__dirname, '../..');

interface Scenario {
  name: string;
  tags: { name: string }[];
  steps: { result: { status: string } }[];
}

/** The environment block `npm run mocks --write-env` wrote, as variables. */
function parseEnv(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

async function waitForFile(path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`the standalone mocks did not start within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe('TARGET=real against the standalone mocks', () => {
  it('passes every scenario of the real-mode families that the configuration allows, and skips the rest with a reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authflow-real-'));
    const envFile = join(dir, 'mocks.env');
    const mocks = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'mocks/cli.ts', '--write-env', envFile], { cwd: ROOT, stdio: 'ignore' });
    try {
      await waitForFile(envFile, 20_000);
      const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/run-features.ts', '--format', 'summary'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, ...parseEnv(readFileSync(envFile, 'utf8')), ALLOW_DESTRUCTIVE: '1', REPORTS_DIR: join(dir, 'reports') },
      });
      assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);

      const features = JSON.parse(readFileSync(join(dir, 'reports/cucumber-report.json'), 'utf8')) as { uri: string; elements: Scenario[] }[];
      const outcome = (scenario: Scenario) =>
        scenario.steps.some((step) => step.result.status === 'failed') ? 'failed' : scenario.steps.every((step) => step.result.status === 'passed') ? 'passed' : 'skipped';
      const shoko = features.filter((feature) => feature.uri.startsWith('features/shoko/')).flatMap((feature) => feature.elements);
      const all = features.flatMap((feature) => feature.elements);
      const count = (list: Scenario[], status: string) => list.filter((scenario) => outcome(scenario) === status).length;

      assert.equal(count(all, 'failed'), 0);
      assert.ok(count(shoko, 'passed') >= 12, `only ${count(shoko, 'passed')} Shoko scenarios passed against the standalone mocks`);
      // Every skipped scenario said why, on stderr and in the report.
      const reasons = run.stderr.split('\n').filter((line) => line.startsWith('skipped "'));
      assert.equal(reasons.length, count(all, 'skipped'), 'a scenario was skipped without a reason');
      assert.ok(reasons.some((line) => /VRChat is not targeted: VRCHAT_BASE_URL is not set/.test(line)), "VRChat scenarios were not skipped with their reason");
      console.log(`real mode against standalone mocks: ${count(all, 'passed')} passed, ${count(all, 'failed')} failed, ${count(all, 'skipped')} skipped`);
    } finally {
      mocks.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
