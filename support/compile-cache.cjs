// Keeps V8's compiled code of every CommonJS module a run loads (Cucumber, the libraries, the transpiled steps and
// support code) in the git-ignored .authflow-cache/compiled/, so a later run skips compiling them: about 0.1 s of
// every start (issue 12; README.md, "Benchmark"). Loaded first, with `node -r`, by every command that runs Cucumber
// (support/cucumber-command.ts) and by support/register-typescript.cjs.
//
// Node 22.1 and later do this themselves (module.enableCompileCache). On Node 20 each module is compiled as a
// vm.Script with the cached data of its last compilation; what V8 rejects (another V8 version or flags) is
// compiled afresh and written again. Modules this cannot compile the same way as Node go to Node's own compiler:
// ES modules, sources with `import()` (a script restored from cached data loses its import callback), and each
// outermost require, so that Node keeps its stat cache for the whole tree of requires below it.
// NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) turns it off, as does --enable-source-maps (Node maps stacks
// only for what it compiled itself).
const Module = require('node:module');
const { join } = require('node:path');

// AUTHFLOW_COMPILE_CACHE_DIR moves it (the project's test of this file uses a folder of its own).
const ROOT = process.env.AUTHFLOW_COMPILE_CACHE_DIR || join(__dirname, '..', '.authflow-cache', 'compiled');

function install() {
  const installed = Symbol.for('authflow.compileCache');
  if (process.env.NODE_DISABLE_COMPILE_CACHE || process[installed]) return;
  process[installed] = true;
  if (typeof Module.enableCompileCache === 'function') {
    try {
      Module.enableCompileCache(ROOT); // NODE_COMPILE_CACHE, when set, takes precedence (Node's own rule)
    } catch {
      // a cache that cannot be written is only slower
    }
    return;
  }
  if (!process.sourceMapsEnabled) hookCompile(join(ROOT, `v8-${process.versions.v8}`));
}

function hookCompile(directory) {
  const { createHash } = require('node:crypto');
  const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
  const { dirname } = require('node:path');
  const vm = require('node:vm');

  const compileWithNode = Module.prototype._compile;
  /** Scripts compiled without usable cached data, written out when the process ends (with what ran lazily by then). */
  const toWrite = [];
  let depth = 0;

  Module.prototype._compile = function compileCached(content, filename, format) {
    if (depth === 0 || format === 'module' || content.includes('import(')) {
      depth++;
      try {
        return compileWithNode.call(this, content, filename, format);
      } finally {
        depth--;
      }
    }
    const file = join(directory, createHash('sha1').update(filename).update('\0').update(content).digest('hex'));
    let cachedData;
    try {
      cachedData = readFileSync(file);
    } catch {
      // compiled for the first time
    }
    let script;
    try {
      script = new vm.Script(Module.wrap(content), { filename, cachedData });
    } catch {
      // not a CommonJS script (Node detects ES module syntax): Node's compiler decides
      return compileWithNode.call(this, content, filename, format);
    }
    if (cachedData === undefined || script.cachedDataRejected) toWrite.push({ file, script });
    const compiled = script.runInThisContext({ displayErrors: true });
    depth++;
    try {
      return compiled.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
    } finally {
      depth--;
    }
  };

  process.once('exit', () => {
    if (toWrite.length === 0) return;
    try {
      mkdirSync(directory, { recursive: true });
      for (const { file, script } of toWrite) {
        const partial = `${file}.${process.pid}.partial`;
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, file); // parallel workers may write the same file: each rename is whole
      }
    } catch {
      // a read-only checkout still runs, compiling every time
    }
  });
}

/** The `require` Node gives a module's code (lib/internal/modules/helpers.js, makeRequireFunction). */
function requireFor(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

install();
