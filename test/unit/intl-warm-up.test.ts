import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { cucumberCommand } from '../../support/cucumber-command';

/**
 * support/intl-warm-up.cjs starts a thread that has ICU build its locale lists while Cucumber loads. What it must
 * not do: start on a single core, load the parent's preloaded modules in its thread (the module cache, itself again),
 * print anything, change the exit code, or keep the process alive.
 */
const WARM_UP = resolve(__dirname, '../../support/intl-warm-up.cjs');
const work = mkdtempSync(join(tmpdir(), 'authflow-intl-warm-up-'));
after(() => rmSync(work, { recursive: true, force: true }));

const { startIntlWarmUp } = require(WARM_UP) as { startIntlWarmUp: (cores?: number) => import('node:worker_threads').Worker | undefined };

describe('support/intl-warm-up.cjs', () => {
  it('starts no thread on a single core, and a thread that ends well on two', async () => {
    assert.equal(startIntlWarmUp(1), undefined);
    const worker = startIntlWarmUp(2);
    assert.ok(worker, 'no thread on two cores');
    worker.ref(); // it never keeps a process alive; this test waits for it
    const code = await new Promise((done) => worker.once('exit', done));
    assert.equal(code, 0);
  });

  it("loads none of the process's preloaded modules in its thread, never keeps the process alive, prints nothing", () => {
    // Loaded before the warm-up: in the main thread, it keeps each worker thread started, to wait for them; in a
    // worker thread (if the warm-up passed the process's -r modules on), it says so.
    const marker = join(work, 'marker.cjs');
    writeFileSync(marker, [
      `const threads = require('node:worker_threads');`,
      `if (!threads.isMainThread) require('node:fs').writeSync(1, 'preloaded in the worker ');`,
      `const Worker = threads.Worker;`,
      `globalThis.started = [];`,
      `threads.Worker = class extends Worker {`,
      `  constructor(...args) { super(...args); this.keepsAlive = true; globalThis.started.push(this); }`,
      `  ref() { this.keepsAlive = true; return super.ref(); }`,
      `  unref() { this.keepsAlive = false; return super.unref(); }`,
      `};`,
    ].join('\n'));
    const main = `
      const [worker] = globalThis.started;
      process.stdout.write(globalThis.started.length + ' thread, kept alive by it: ' + worker.keepsAlive + ' ');
      worker.ref();
      worker.once('exit', (code) => { process.stdout.write('ended ' + code); process.exitCode = 3; });
    `;
    const result = spawnSync(process.execPath, ['-r', marker, '-r', WARM_UP, '-e', main], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.error, undefined, 'the process did not end by itself');
    assert.equal(result.stdout, '1 thread, kept alive by it: false ended 0');
    assert.equal(result.stderr, '');
    assert.equal(result.status, 3);
  });

  it('is loaded before Cucumber by the command that runs the features', () => {
    const command = cucumberCommand(['-p', 'bench']);
    const cucumber = command.findIndex((arg) => arg.endsWith('bin/cucumber.js'));
    assert.ok(command.indexOf(WARM_UP) > 0 && command.indexOf(WARM_UP) < cucumber);
    assert.equal(command[command.indexOf(WARM_UP) - 1], '-r');
  });
});
