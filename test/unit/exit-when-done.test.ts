import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(__dirname, '../..');

/** A process that loads support/exit-when-done.ts (as Cucumber does), then runs `script`. */
function run(script: string) {
  return spawnSync(process.execPath, ['-r', join(ROOT, 'support/register-typescript.cjs'), '-r', join(ROOT, 'support/exit-when-done.ts'), '-e', script], { encoding: 'utf8' });
}

describe('support/exit-when-done.ts', () => {
  it('exits when the event loop is empty, unless another beforeExit listener may start more work', () => {
    // The module's listener is loaded into this process too; these calls use a stand-in for the process.
    const { exitWhenDone } = require('../../support/exit-when-done') as typeof import('../../support/exit-when-done');
    let exits = 0;
    const host = (listeners: number) => ({ listenerCount: () => listeners, exit: (() => (exits += 1)) as unknown as NodeJS.Process['exit'] });
    exitWhenDone(host(1));
    assert.equal(exits, 1);
    exitWhenDone(host(2));
    assert.equal(exits, 1);
  });

  it('lets every pending write, timer and exit handler finish, and keeps the exit code', () => {
    const result = run(`
      process.on('exit', (code) => process.stdout.write('exit handler ' + code + '\\n'));
      setTimeout(() => { process.stdout.write('x'.repeat(200000) + '\\n'); process.exitCode = 3; }, 50);
    `);
    assert.equal(result.status, 3);
    assert.equal(result.stdout.split('\n')[0]?.length, 200000);
    assert.match(result.stdout, /exit handler 3\n$/);
  });

  it("runs another beforeExit listener's work", () => {
    const result = run(`process.once('beforeExit', () => setTimeout(() => process.stdout.write('more work'), 10));`);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, 'more work');
  });
});
