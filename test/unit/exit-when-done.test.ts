import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = join(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'authflow-exit-when-done-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** A process that loads `first` (if any), then support/exit-when-done.ts (as Cucumber does), then runs `script`. */
function run(script: string, first?: string) {
  const preload = first === undefined ? [] : ['-r', first];
  const args = [...preload, '-r', join(ROOT, 'support/register-typescript.cjs'), '-r', join(ROOT, 'support/exit-when-done.ts'), '-e', script];
  return spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 20_000 });
}

describe('support/exit-when-done.ts', () => {
  it('counts the loop idle when it lists nothing that was not there at beforeExit', () => {
    const { idleAsBefore } = require('../../support/exit-when-done') as typeof import('../../support/exit-when-done');
    assert.equal(idleAsBefore([], []), true);
    assert.equal(idleAsBefore(['PipeWrap'], ['PipeWrap']), true);
    assert.equal(idleAsBefore([], ['PipeWrap']), true);
    assert.equal(idleAsBefore(['PipeWrap', 'Timeout'], ['PipeWrap']), false);
    assert.equal(idleAsBefore(['PipeWrap', 'PipeWrap'], ['PipeWrap']), false);
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

  it('runs the work another beforeExit listener starts, registered before it or after it, once or not', () => {
    const once = join(work, 'once-first.cjs');
    writeFileSync(once, `process.once('beforeExit', () => setTimeout(() => process.stdout.write('first '), 20));\n`);
    // Alone with it: Node removes a once listener before calling it, and the work it starts must still run.
    const alone = run('', once);
    assert.equal(alone.status, 0);
    assert.equal(alone.stdout, 'first ');
    const result = run(`let more = 2; process.on('beforeExit', () => { if (more-- > 0) setImmediate(() => process.stdout.write('later ')); });`, once);
    assert.equal(result.status, 0);
    assert.deepEqual(result.stdout.trim().split(' ').sort(), ['first', 'later', 'later']);
  });
});
