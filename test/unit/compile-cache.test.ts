import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

/**
 * support/compile-cache.cjs replaces how Node compiles CommonJS modules (on Node 20): a module must behave exactly
 * as under Node's own compiler, and a second run must use what the first one kept.
 */
const COMPILE_CACHE = resolve(__dirname, '../../support/compile-cache.cjs');
const work = mkdtempSync(join(tmpdir(), 'authflow-compile-cache-'));
after(() => rmSync(work, { recursive: true, force: true }));

const app = join(work, 'app');
mkdirSync(join(app, 'lib'), { recursive: true });
const files: Record<string, string> = {
  'main.cjs': `const report = require('./lib/report.cjs');\nreport().then((lines) => console.log(JSON.stringify(lines)));\n`,
  'lib/report.cjs': [
    `'use strict';`,
    `const { sum } = require('./sum.cjs');`,
    `const self = this === module.exports;`,
    `module.exports = async function report() {`,
    `  const esm = await require('./dynamic.cjs')();`,
    `  let thrown;`,
    `  try { require('./throws.cjs'); } catch (error) { thrown = error.stack.split('\\n').find((line) => line.includes('throws.cjs')); }`,
    `  return [sum(2, 3), self, require.main === module.parent ? 'main' : 'other', require.resolve('./sum.cjs') === __dirname + '/sum.cjs',`,
    `    __filename.endsWith('report.cjs'), require.cache[__filename] === module, typeof require.resolve.paths, esm.default, require('./syntax.js').kind, thrown.replace(/.*\\/|\\)/g, '')];`,
    `};`,
  ].join('\n'),
  'lib/sum.cjs': `exports.sum = (a, b) => a + b;\n`,
  // import() stays with Node's compiler (the module's name says why), the rest of the tree with the cache.
  'lib/dynamic.cjs': `module.exports = () => import('./esm.mjs');\n`,
  'lib/esm.mjs': `export default 'imported';\n`,
  'lib/syntax.js': `export const kind = 'ES module syntax in a .js file';\n`,
  'lib/throws.cjs': `// a comment\n\nthrow new Error('line 3');\n`,
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(app, name), text);

function runApp(cache: string, env: NodeJS.ProcessEnv = {}): unknown {
  const result = spawnSync(process.execPath, ['-r', COMPILE_CACHE, join(app, 'main.cjs')], { encoding: 'utf8', env: { ...process.env, AUTHFLOW_COMPILE_CACHE_DIR: cache, NODE_COMPILE_CACHE: '', ...env } });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

/** Every file under the cache folder with its modification time. */
function snapshot(folder: string): Map<string, number> {
  const files = new Map<string, number>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name), statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return files;
}

describe('the compile cache', () => {
  const cache = join(work, 'cache');
  const expected = [5, true, 'main', true, true, true, 'function', 'imported', 'ES module syntax in a .js file', 'throws.cjs:3:7'];

  it('leaves modules as Node runs them: require and its parts, this, import(), ES syntax, stack lines', () => {
    assert.deepEqual(runApp(join(work, 'unused'), { NODE_DISABLE_COMPILE_CACHE: '1' }), expected);
    assert.deepEqual(runApp(cache), expected);
  });

  it('keeps compiled code, and a second run uses it without compiling again', () => {
    const first = snapshot(cache);
    assert.ok(first.size > 0, 'the first run kept nothing');
    assert.deepEqual(runApp(cache), expected);
    // A rejected or missing entry would have been written again, with a new modification time.
    assert.deepEqual(snapshot(cache), first);
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE', () => {
    const off = join(work, 'off');
    assert.deepEqual(runApp(off, { NODE_DISABLE_COMPILE_CACHE: '1' }), expected);
    assert.throws(() => readdirSync(off), /ENOENT/);
  });
});
