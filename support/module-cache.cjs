// Keeps what Node works out to load a CommonJS module, so that the next run does not work it out again (issue 12;
// README.md, "Benchmark"): where a require leads, and V8's compiled code. Together about 0.2 s of every start of
// Cucumber. Loaded first, with `node -r`, by every command that runs Cucumber (support/cucumber-command.ts), and
// by support/register-typescript.cjs for everything else. Both live in the git-ignored .authflow-cache/compiled/
// (AUTHFLOW_MODULE_CACHE_DIR moves it: the project's test of this file uses a folder of its own).
// NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) turns both off.
const Module = require('node:module');
const { createHash } = require('node:crypto');
const { readFileSync, statSync } = require('node:fs');
const { basename, dirname, join, sep } = require('node:path');
const { writeCacheFile } = require('./write-cache-file.cjs');

const ROOT = process.env.AUTHFLOW_MODULE_CACHE_DIR || join(__dirname, '..', '.authflow-cache', 'compiled');
const NODE_MODULES = `${sep}node_modules${sep}`;
/**
 * Each entry point (Cucumber, its workers, the mocks, a test file) has cache files of its own, holding only what it
 * loads: on these machines reading a file costs about as much as touching its memory, ~3.5 ms per MiB.
 */
const ENTRY = `${basename(process.argv[1] ?? 'eval')}-${createHash('sha1').update(process.argv[1] ?? '').digest('hex').slice(0, 8)}`;

/**
 * Where a require from a dependency, or of a package by name, leads: resolving walks node_modules folders,
 * reads package.json files and their `exports` and stats candidate files (~0.1 s of a run's CPU for ~900
 * requires). Only answers inside a node_modules folder are kept, each with the size and time of that folder's
 * .package-lock.json (which npm rewrites on every install): an install makes them stale, an edited project file
 * cannot (a relative require from the project's own code is always resolved by Node).
 */
function cacheResolutions() {
  const conditions = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((arg) => /^(--conditions|-C)\b/.test(arg));
  if (conditions) return; // another set of export conditions resolves differently
  const file = join(ROOT, `resolutions-${process.version}-${ENTRY}.json`);
  /** `entries`: `${directory of the requiring module}\0${request}` → resolved file; `stamps`: node_modules folder → stamp */
  let kept = { stamps: {}, entries: {} };
  try {
    kept = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // nothing kept yet
  }
  const folderOf = (resolved) => {
    const at = resolved.indexOf(NODE_MODULES);
    return at === -1 ? undefined : resolved.slice(0, at + NODE_MODULES.length - 1);
  };
  const stamps = new Map();
  const stampOf = (folder) => {
    if (!stamps.has(folder)) {
      try {
        const { size, mtimeMs } = statSync(join(folder, '.package-lock.json'));
        stamps.set(folder, `${size}:${mtimeMs}`);
      } catch {
        stamps.set(folder, undefined); // installed by another tool: nothing to tell an install by, nothing kept
      }
    }
    return stamps.get(folder);
  };
  let added = false;
  const resolveWithNode = Module._resolveFilename;
  Module._resolveFilename = function resolveCached(request, parent, isMain, options) {
    const from = parent?.filename;
    if (isMain || options !== undefined || typeof from !== 'string' || (request.startsWith('.') && !from.includes(NODE_MODULES))) {
      return resolveWithNode.apply(this, arguments);
    }
    const key = `${dirname(from)}\0${request}`;
    const known = kept.entries[key];
    if (known !== undefined) {
      const folder = folderOf(known);
      if (stampOf(folder) === kept.stamps[folder]) return known;
    }
    const resolved = resolveWithNode.apply(this, arguments);
    const folder = folderOf(resolved);
    const stamp = folder === undefined ? undefined : stampOf(folder);
    if (stamp !== undefined) {
      if (kept.stamps[folder] !== stamp) {
        // after an install: what was kept for this folder is stale, and goes
        for (const [other, target] of Object.entries(kept.entries)) if (folderOf(target) === folder) delete kept.entries[other];
        kept.stamps[folder] = stamp;
      }
      kept.entries[key] = resolved;
      added = true;
    }
    return resolved;
  };
  process.once('exit', () => {
    if (added) writeCacheFile(file, JSON.stringify(kept));
  });
}

/**
 * V8's compiled code of each module. Node 22.1 and later keep it themselves (module.enableCompileCache). On Node
 * 20 each module is compiled as a vm.Script with the cached data of its last compilation; what V8 rejects (another
 * V8 version or flags) is compiled afresh and written again. Modules this cannot compile as Node does go to Node's
 * own compiler: ES modules, sources with `import()` (a script restored from cached data loses its import
 * callback), and the main module (Node pauses there for --inspect-brk, and keeps its stat cache for the tree of
 * requires below it). Off with --enable-source-maps: Node maps stack traces only of what it compiled itself.
 */
function cacheCompiledCode() {
  if (typeof Module.enableCompileCache === 'function') {
    try {
      Module.enableCompileCache(ROOT); // NODE_COMPILE_CACHE, when set, takes precedence (Node's own rule)
    } catch {
      // a cache that cannot be written is only slower
    }
    return;
  }
  if (process.sourceMapsEnabled) return;
  const vm = require('node:vm');
  const pack = readPack(join(ROOT, `code-v8-${process.versions.v8}-${ENTRY}.pack`));
  const compileWithNode = Module.prototype._compile;
  /** Scripts compiled without usable cached data, by key: written out when the process ends (with what ran lazily by then). */
  const compiled = new Map();

  Module.prototype._compile = function compileCached(content, filename, format) {
    if (this.id === '.' || format === 'module' || content.includes('import(')) return compileWithNode.call(this, content, filename, format);
    const key = createHash('sha1').update(filename).update('\0').update(content).digest('base64url');
    const cachedData = pack.get(key);
    let script;
    try {
      script = new vm.Script(Module.wrap(content), { filename, cachedData });
    } catch {
      // not a CommonJS script (Node detects ES module syntax): Node's compiler decides
      return compileWithNode.call(this, content, filename, format);
    }
    if (cachedData === undefined || script.cachedDataRejected) compiled.set(key, script);
    const run = script.runInThisContext({ displayErrors: true });
    return run.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  };

  process.once('exit', () => {
    if (compiled.size > 0) pack.write([...compiled].map(([key, script]) => [key, script.createCachedData()]));
  });
}

/**
 * Every module's cached data in one file (an index, then the data), read whole at the start: one read instead of
 * an open and a read per module (~600 per run). A process that compiled something writes the file again: its own
 * entries, and others (another kind of run of the same entry point, or stale ones) only while the file stays
 * under one and a half times its own share, since every byte is read at every start.
 */
function readPack(file) {
  let index = {};
  let data = Buffer.alloc(0);
  try {
    const bytes = readFileSync(file);
    const length = bytes.readUInt32LE(0);
    index = JSON.parse(bytes.toString('utf8', 4, 4 + length));
    data = bytes.subarray(4 + length);
  } catch {
    // no pack yet, or an unreadable one: everything is compiled afresh
  }
  const stored = (key) => data.subarray(index[key][0], index[key][0] + index[key][1]);
  const used = new Set();
  return {
    get(key) {
      if (index[key] === undefined) return undefined;
      used.add(key);
      return stored(key);
    },
    write(added) {
      const entries = new Map([...used].map((key) => [key, stored(key)]));
      for (const [key, bytes] of added) entries.set(key, bytes);
      let size = 0;
      for (const bytes of entries.values()) size += bytes.length;
      const budget = size * 1.5;
      for (const key of Object.keys(index)) {
        if (entries.has(key) || size + index[key][1] > budget) continue;
        entries.set(key, stored(key));
        size += index[key][1];
      }
      const newIndex = {};
      let offset = 0;
      for (const [key, bytes] of entries) {
        newIndex[key] = [offset, bytes.length];
        offset += bytes.length;
      }
      const header = Buffer.from(JSON.stringify(newIndex));
      const length = Buffer.alloc(4);
      length.writeUInt32LE(header.length);
      writeCacheFile(file, Buffer.concat([length, header, ...entries.values()]));
    },
  };
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

const installed = Symbol.for('authflow.moduleCache');
if (!process.env.NODE_DISABLE_COMPILE_CACHE && !process[installed]) {
  process[installed] = true;
  cacheResolutions();
  cacheCompiledCode();
}
