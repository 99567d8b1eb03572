import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { crc32 } from 'node:zlib';

/**
 * support/module-cache.cjs replaces how Node resolves and (on Node 20) compiles CommonJS modules: a module must
 * behave exactly as under Node's own loader, a second run must use what the first one kept, and an install must
 * make the kept resolutions stale.
 */
const MODULE_CACHE = resolve(__dirname, '../../support/module-cache.cjs');
const work = mkdtempSync(join(tmpdir(), 'authflow-module-cache-'));
after(() => rmSync(work, { recursive: true, force: true }));

const app = join(work, 'app');
mkdirSync(join(app, 'lib'), { recursive: true });
mkdirSync(join(app, 'node_modules', 'dep'), { recursive: true });
const files: Record<string, string> = {
  'main.cjs': `const report = require('./lib/report.cjs');\nreport().then((lines) => console.log(JSON.stringify(lines)));\n`,
  'lib/report.cjs': [
    `'use strict';`,
    `const { sum } = require('./sum.cjs');`,
    `const self = this === module.exports;`,
    `module.exports = async function report() {`,
    `  const esm = await require('./dynamic.cjs')();`,
    `  const evaluated = await require('./evaluated.cjs')();`,
    `  let first;`,
    `  try { require('./throws-on-line-1.cjs'); } catch (error) { first = error.stack.split('\\n').find((line) => line.includes('line-1')); }`,
    `  let thrown;`,
    `  try { require('./throws.cjs'); } catch (error) { thrown = error.stack.split('\\n').find((line) => line.includes('throws.cjs')); }`,
    `  return [sum(2, 3), self, require.main === module.parent ? 'main' : 'other', require.resolve('./sum.cjs') === __dirname + '/sum.cjs',`,
    `    __filename.endsWith('report.cjs'), require.cache[__filename] === module, typeof require.resolve.paths, esm.default, require('./syntax.js').kind, thrown.replace(/.*\\/|\\)/g, ''),`,
    `    evaluated.default, first.replace(/.*\\/|\\)/g, ''), require('dep')];`,
    `};`,
  ].join('\n'),
  'lib/sum.cjs': `exports.sum = (a, b) => a + b;\n`,
  // import() stays with Node's compiler (the module's name says why), the rest of the tree with the cache.
  'lib/dynamic.cjs': `module.exports = () => import('./esm.mjs');\n`,
  'lib/esm.mjs': `export default 'imported';\n`,
  // import() through eval, with a space: a plain search for "import(" would miss it.
  'lib/evaluated.cjs': `module.exports = () => eval("import ('./esm.mjs')");\n`,
  'lib/throws-on-line-1.cjs': `const where = 'first line'; throw new Error(where);\n`,
  'lib/syntax.js': `export const kind = 'ES module syntax in a .js file';\n`,
  'lib/throws.cjs': `// a comment\n\nthrow new Error('line 3');\n`,
  'node_modules/.package-lock.json': '{"lockfileVersion": 3}\n',
  'node_modules/dep/package.json': '{"name": "dep", "main": "one.js"}\n',
  'node_modules/dep/one.js': `module.exports = 'one';\n`,
  'node_modules/dep/two.js': `module.exports = 'two';\n`,
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(app, name), text);

/** `node -r module-cache.cjs ...args` in the app's folder with its cache in `cache` (Node's own compile cache off); it must succeed. */
function runNode(cache: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, ['-r', MODULE_CACHE, ...args], { cwd: app, encoding: 'utf8', env: { ...process.env, AUTHFLOW_MODULE_CACHE_DIR: cache, NODE_COMPILE_CACHE: '', ...env } });
  assert.equal(result.status, 0, result.stderr);
  return result;
}

function runApp(cache: string, env: NodeJS.ProcessEnv = {}, args: string[] = []): unknown {
  return JSON.parse(runNode(cache, [join(app, 'main.cjs'), ...args], env).stdout);
}

/** Every file under the cache folder with its modification time. */
function snapshot(folder: string): Map<string, number> {
  const files = new Map<string, number>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name), statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return files;
}

describe('the module cache', () => {
  const cache = join(work, 'cache');
  const expected = [5, true, 'main', true, true, true, 'function', 'imported', 'ES module syntax in a .js file', 'throws.cjs:3:7', 'imported', 'throws-on-line-1.cjs:1:35', 'one'];

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

  it('keeps the files of each set of Cucumber profiles named on the command line apart', () => {
    const profiles = join(work, 'profiles');
    // The resolutions' files (every Node keeps them; Node 22.1 and later keep the compiled code themselves).
    const packs = () => readdirSync(profiles).filter((name) => name.startsWith('resolutions-'));
    assert.deepEqual(runApp(profiles), expected);
    assert.equal(packs().length, 1);
    assert.deepEqual(runApp(profiles, {}, ['--tags', '@x']), expected);
    assert.equal(packs().length, 1, 'other options made cache files of their own');
    assert.deepEqual(runApp(profiles, {}, ['-p', 'bench']), expected);
    assert.deepEqual(runApp(profiles, {}, ['--profile=bench']), expected);
    assert.deepEqual(runApp(profiles, {}, ['-pbench']), expected);
    assert.equal(packs().length, 2);
    assert.deepEqual(runApp(profiles, {}, ['-p', 'dryRun']), expected);
    assert.equal(packs().length, 3);
  });

  it("keeps where a package's require leads until npm installs again", () => {
    const resolutions = readdirSync(cache).filter((name) => name.startsWith('resolutions-'));
    assert.equal(resolutions.length, 1);
    assert.match(readFileSync(join(cache, resolutions[0] as string), 'utf8'), /node_modules\/dep\/one\.js/);
    // The package changes without an install: the kept answer still counts (proof that it is used).
    writeFileSync(join(app, 'node_modules/dep/package.json'), '{"name": "dep", "main": "two.js"}\n');
    assert.equal((runApp(cache) as string[]).at(-1), 'one');
    // Files of an earlier layout of this cache, for this entry point and another one: the next rewrite drops its own.
    const pack = readdirSync(cache).find((name) => name.endsWith('.pack'));
    const entry = pack?.split('-').slice(-2).join('-').replace(/\.pack$/, '');
    const earlier = entry ? [`code-v8-0-${entry}.pack`, `resolutions-1-v0-${entry}.json`] : [];
    for (const name of [...earlier, 'code-1-v8-0-other.js-00000000.pack']) writeFileSync(join(cache, name), 'old');
    // npm rewrites .package-lock.json on every install: everything kept for that node_modules is stale.
    writeFileSync(join(app, 'node_modules/.package-lock.json'), '{"lockfileVersion": 3, "packages": {}}\n');
    assert.equal((runApp(cache) as string[]).at(-1), 'two');
    assert.deepEqual(readdirSync(cache).filter((name) => name.includes('-v8-0-') || name.includes('-v0-')).sort(), ['code-1-v8-0-other.js-00000000.pack']);
    rmSync(join(cache, 'code-1-v8-0-other.js-00000000.pack'));
    // An install into a node_modules folder nearer to the requiring module comes first, as it does for Node.
    mkdirSync(join(app, 'lib/node_modules/dep'), { recursive: true });
    writeFileSync(join(app, 'lib/node_modules/dep/index.js'), `module.exports = 'nearer';\n`);
    writeFileSync(join(app, 'lib/node_modules/.package-lock.json'), '{"lockfileVersion": 3}\n');
    assert.equal((runApp(cache) as string[]).at(-1), 'nearer');
  });

  it("keeps a package module's source until its file changes, and never what a hook made of it", (t) => {
    if (!readdirSync(cache).some((name) => name.endsWith('.pack'))) return t.skip('this Node keeps its own compile cache');
    const fresh = join(work, 'sources');
    mkdirSync(join(app, 'node_modules/kept'));
    writeFileSync(join(app, 'node_modules/kept/package.json'), '{"name": "kept"}\n');
    const dep = join(app, 'node_modules/kept/index.js');
    writeFileSync(dep, `module.exports = 'dep';\n`);
    // Which package files Node's own loader read (it reads with fs.readFileSync), and a hook in the style of pirates
    // (coverage tools) that changes what Node read before it is compiled.
    const probe = join(work, 'probe.cjs');
    writeFileSync(probe, [
      `const fs = require('node:fs');`,
      `const read = fs.readFileSync;`,
      `fs.readFileSync = function (file, ...rest) { if (String(file).endsWith('kept/index.js')) process.stderr.write('read ' + file + '\\n'); return read.call(this, file, ...rest); };`,
      `if (process.env.HOOK) {`,
      `  const Module = require('node:module');`,
      `  const load = Module._extensions['.js'];`,
      `  Module._extensions['.js'] = function (module, filename) {`,
      `    const compile = module._compile;`,
      `    module._compile = function (content, ...rest) { module._compile = compile; return compile.call(this, filename.endsWith('kept/index.js') ? content + 'module.exports += "!";' : content, ...rest); };`,
      `    return load.call(this, module, filename);`,
      `  };`,
      `}`,
    ].join('\n'));
    const run = (env: NodeJS.ProcessEnv = {}) => {
      const result = runNode(fresh, ['-r', probe, '-p', `require(${JSON.stringify(join(app, 'node_modules/kept'))})`], { HOOK: '', ...env });
      return { value: result.stdout.trim(), readByNode: result.stderr.includes('read ') };
    };
    assert.deepEqual(run(), { value: 'dep', readByNode: true });
    assert.deepEqual(run(), { value: 'dep', readByNode: false }, 'the second run read the file instead of the kept source');
    // The same size and an edit within the same second: the stat still tells (inode, change time).
    writeFileSync(dep, `module.exports = 'pep';\n`);
    assert.deepEqual(run(), { value: 'pep', readByNode: true });
    // A hook sees the kept source as Node would have read it, and what it makes of it is not kept as the source.
    assert.deepEqual(run({ HOOK: '1' }), { value: 'pep!', readByNode: false });
    assert.deepEqual(run({ HOOK: '1' }), { value: 'pep!', readByNode: false });
    writeFileSync(dep, `module.exports = 'dip';\n`);
    assert.deepEqual(run({ HOOK: '1' }), { value: 'dip!', readByNode: true });
    assert.deepEqual(run(), { value: 'dip', readByNode: true }, 'a hooked run kept what the hook made');
    assert.deepEqual(run(), { value: 'dip', readByNode: false });
    // File times move in ticks: a file changed twice within one keeps its stat. Stand-in: the kept source is made
    // to differ from the file (same length, sound checksum; its compiled code damaged). Kept with a stat taken
    // within the tick of the file's last change, it is checked against the file; with one taken later, it is trusted.
    const pack = join(fresh, readdirSync(fresh).find((name) => name.endsWith('.pack')) as string);
    const keepOtherSource = (text: string, statTakenAfterChange: number) => {
      const bytes = readFileSync(pack);
      const indexLength = bytes.readUInt32LE(0);
      const index = JSON.parse(bytes.toString('utf8', 8, 8 + indexLength)) as Record<string, [number, number, number, ...unknown[]]>;
      const entry = index[`source:${dep}`] as [number, number, number, ...unknown[]];
      const at = 8 + indexLength + entry[0];
      assert.equal(bytes.toString('utf8', at, at + entry[1]), `module.exports = 'dip';\n`);
      bytes.write(text, at);
      entry[2] = crc32(bytes.subarray(at, at + entry[1]));
      const changedAt = Math.round(Number(String(entry[3]).split(':').at(-1)));
      assert.equal(String(changedAt + statTakenAfterChange).length, String(entry[5]).length);
      entry[5] = changedAt + statTakenAfterChange;
      // and the compiled code of the file's source damaged (V8 would run it for any source of the same length)
      const code = index[`code:${dep}`] as [number, number, number];
      bytes[8 + indexLength + code[0]] ^= 0xff;
      const newIndex = Buffer.from(JSON.stringify(index));
      assert.equal(newIndex.length, indexLength);
      newIndex.copy(bytes, 8);
      bytes.writeUInt32LE(crc32(newIndex), 4);
      writeFileSync(pack, bytes);
    };
    keepOtherSource(`module.exports = 'dop';\n`, 1_000);
    assert.equal(run().value, 'dip', 'a source kept within the tick of its change was not checked against its file');
    keepOtherSource(`module.exports = 'dop';\n`, 10_000);
    assert.equal(run().value, 'dop', 'the kept source was not used (the check above proves nothing)');
  });

  it('hands a kept source to its own module only, also when a hook loads another module first', (t) => {
    if (!readdirSync(cache).some((name) => name.endsWith('.pack'))) return t.skip('this Node keeps its own compile cache');
    const handing = join(work, 'handing');
    for (const name of ['first', 'second']) {
      mkdirSync(join(app, 'node_modules', name), { recursive: true });
      writeFileSync(join(app, 'node_modules', name, 'package.json'), `{"name": "${name}"}\n`);
    }
    const first = join(app, 'node_modules/first/index.js');
    const second = join(app, 'node_modules/second/index.js');
    // A hook (as a coverage tool's) whose compile step for \`first\` loads \`second\` before it goes on.
    const hook = join(work, 'loads-another.cjs');
    writeFileSync(hook, [
      `const Module = require('node:module');`,
      `const load = Module._extensions['.js'];`,
      `Module._extensions['.js'] = function (module, filename) {`,
      `  const compile = module._compile;`,
      `  if (filename.endsWith('first/index.js')) module._compile = function (...args) { module._compile = compile; require(${JSON.stringify(second)}); return compile.apply(this, args); };`,
      `  return load.call(this, module, filename);`,
      `};`,
    ].join('\n'));
    const run = (hooked = false) => {
      const script = `require(${JSON.stringify(first)}); console.log(require(${JSON.stringify(second)}))`;
      return runNode(handing, [...(hooked ? ['-r', hook] : []), '-e', script]).stdout.trim();
    };
    writeFileSync(first, `module.exports = 'BBB';\n`);
    writeFileSync(second, `module.exports = 'AAA';\n`);
    run();
    assert.equal(run(), 'AAA');
    // \`second\` changes to what \`first\`'s kept source says (its compiled code kept is now stale, and of the same
    // length): \`first\`'s kept source and code must not be taken for \`second\`'s.
    writeFileSync(second, `module.exports = 'BBB';\n`);
    assert.equal(run(true), 'BBB');
  });

  it('keeps an empty module as well, and the rest of its file with it', (t) => {
    if (!readdirSync(cache).some((name) => name.endsWith('.pack'))) return t.skip('this Node keeps its own compile cache');
    const empty = join(work, 'empty');
    mkdirSync(join(app, 'node_modules/blank'), { recursive: true });
    writeFileSync(join(app, 'node_modules/blank/package.json'), '{"name": "blank"}\n');
    writeFileSync(join(app, 'node_modules/blank/index.js'), '');
    const run = () => {
      const script = `console.log(JSON.stringify([require(${JSON.stringify(join(app, 'node_modules/blank'))}), require('dep')]))`;
      return JSON.parse(runNode(empty, ['-e', script]).stdout) as unknown;
    };
    assert.deepEqual(run(), [{}, 'two']);
    const first = snapshot(empty);
    assert.deepEqual(run(), [{}, 'two']);
    assert.deepEqual(snapshot(empty), first, 'the cache was written again: its index was refused');
  });

  it('leaves a damaged cache unused instead of handing it to V8', (t) => {
    const pack = readdirSync(cache).find((name) => name.endsWith('.pack'));
    if (pack === undefined) return t.skip('this Node keeps its own compile cache');
    // 40 bytes in the middle of the largest entry (layout: index length, checksum, index, data).
    const bytes = readFileSync(join(cache, pack));
    const indexLength = bytes.readUInt32LE(0);
    const entries = Object.values(JSON.parse(bytes.toString('utf8', 8, 8 + indexLength)) as Record<string, [number, number]>);
    const [offset, length] = entries.sort((a, b) => b[1] - a[1])[0] as [number, number];
    const middle = 8 + indexLength + offset + Math.floor(length / 2);
    for (let at = middle; at < middle + 40; at++) bytes[at] = (bytes[at] as number) ^ 0xff;
    writeFileSync(join(cache, pack), bytes);
    assert.deepEqual((runApp(cache) as string[]).slice(0, -1), expected.slice(0, -1));
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE', () => {
    const off = join(work, 'off');
    assert.deepEqual(runApp(off, { NODE_DISABLE_COMPILE_CACHE: '1' }), [...expected.slice(0, -1), 'nearer']);
    assert.throws(() => readdirSync(off), /ENOENT/);
  });
});
