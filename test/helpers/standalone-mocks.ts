import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export interface StandaloneMocks {
  /** The environment block `npm run mocks` printed, as variables. */
  env: Record<string, string>;
  /** A private temporary folder for the test's own outputs. */
  dir: string;
  /** The mocks' profile (mocks/shared/profile.ts), as the block's first line names it. */
  profile: string;
  /** With `logSecrets`, where the mocks log every secret they hand out (AUTHFLOW_SECRETS_LOG), for the secret scan. */
  secretsLog: string | undefined;
  stop(): void;
}

/**
 * `npm run mocks` in a process of its own (as a user runs it), once it has written its environment block.
 * `args` go to it (`--bench` for the benchmark's setting); `profile` is its `--profile` (default: `default`);
 * `logSecrets` has it log every secret it hands out.
 */
export async function startStandaloneMocks(
  timeoutMs = 20_000,
  args: string[] = [],
  options: { profile?: 'default' | 'alternate'; logSecrets?: boolean } = {},
): Promise<StandaloneMocks> {
  const dir = mkdtempSync(join(tmpdir(), 'authflow-standalone-'));
  const envFile = join(dir, 'mocks.env');
  const profileArgs = ['--profile', options.profile ?? 'default'];
  // Off unless asked: a load test's thousands of logins would each append to the file.
  const secretsLog = options.logSecrets ? join(dir, 'mock-secrets.jsonl') : undefined;
  const child: ChildProcess = spawn(process.execPath, ['-r', 'tsx/cjs', 'mocks/cli.ts', ...args, ...profileArgs, '--write-env', envFile], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, AUTHFLOW_SECRETS_LOG: secretsLog ?? '' },
  });
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(envFile) || !readFileSync(envFile, 'utf8').endsWith('\n')) {
    if (Date.now() > deadline || child.exitCode !== null) {
      stop();
      throw new Error(`the standalone mocks did not start within ${timeoutMs} ms`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  const block = readFileSync(envFile, 'utf8');
  return { env: parseEnv(block), dir, profile: /profile (\w+)/.exec(block)?.[1] ?? 'unknown', secretsLog, stop };
}

export function parseEnv(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => /^[A-Z0-9_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).replace(/^"(.*)"$/, '$1')]),
  );
}
