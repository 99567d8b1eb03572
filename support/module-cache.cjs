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
/** In the cache files' names: files of an older layout are left alone rather than misread. */
const FORMAT = 3;
/**
 * Code that may import(), also through eval or new Function (whose text says `import(` too): a script restored
 * from cached data has no import callback, so such a module is compiled by Node. Not matched: an import() spelt in
 * pieces at run time; matching every eval( and Function( instead would leave 0.7 MB of Cucumber's and Fastify's
 * dependencies (lodash's `Function('return this')`, util-arity) uncached for that.
 */
const DYNAMIC_CODE = /\bimport\s*\(/;
/**
 * Each entry point (Cucumber, its workers, the mocks, a test file) has cache files of its own, holding only what it
 * loads: on these machines reading a file costs about as much as touching its memory, ~3.5 ms per MiB.
 */
const ENTRY = `${basename(process.argv[1] ?? 'eval')}-${createHash('sha1').update(process.argv[1] ?? '').digest('hex').slice(0, 8)}`;

/**
 * Where a require from a dependency, or of a package by name, leads: resolving walks node_modules folders,
 * reads package.json files and their `exports` and stats candidate files (~0.1 s of a run's CPU for ~900
 * requires). Only answers inside a node_modules folder are kept, each with the size and time of the
 * .package-lock.json of every node_modules folder a require from there may look in (npm rewrites it on every
 * install): an install anywhere on that path makes them stale. A relative require from the project's own code is
 * always resolved by Node, and so is everything when another tool installed the packages (no .package-lock.json),
 * or when Node is told to resolve differently (export conditions, kept symlinks, NODE_PATH).
 */
function cacheResolutions() {
  const settings = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (settings.some((arg) => /^(--conditions|-C|--preserve-symlinks)/.test(arg)) || process.env.NODE_PATH || process.env.NODE_PRESERVE_SYMLINKS) return;
  const file = join(ROOT, `resolutions-${FORMAT}-${process.version}-${ENTRY}.json`);
  /** `${directory of the requiring module}\0${request}` → [resolved file, install stamp of that directory] */
  let kept = {};
  try {
    const read = JSON.parse(readFileSync(file, 'utf8'));
    if (read !== null && typeof read === 'object' && !Array.isArray(read)) kept = read;
  } catch {
    // nothing kept yet
  }
  const lockStamps = new Map();
  const lockStamp = (folder) => {
    let stamp = lockStamps.get(folder);
    if (stamp === undefined) {
      const stats = statSync(join(folder, '.package-lock.json'), { throwIfNoEntry: false });
      stamp = stats ? `${stats.size}:${stats.mtimeMs}` : '';
      lockStamps.set(folder, stamp);
    }
    return stamp;
  };
  const installStamps = new Map();
  /**
   * The stamps of the .package-lock.json files a require from `directory` depends on; '' when there are none. npm
   * keeps one in each top node_modules folder, which covers the folders nested in it, so a directory inside
   * node_modules has the stamps of the directory that folder is in.
   */
  const installStamp = (directory) => {
    const nested = `${directory}${sep}`.indexOf(NODE_MODULES);
    const top = nested === -1 ? directory : directory.slice(0, nested) || sep;
    let stamp = installStamps.get(top);
    if (stamp === undefined) {
      const stamps = Module._nodeModulePaths(top).map(lockStamp);
      stamp = stamps.some(Boolean) ? stamps.join('|') : '';
      installStamps.set(top, stamp);
    }
    return stamp;
  };
  let added = false;
  const resolveWithNode = Module._resolveFilename;
  Module._resolveFilename = function resolveCached(request, parent, isMain, options) {
    const from = parent?.filename;
    if (isMain || options !== undefined || typeof from !== 'string' || (request.startsWith('.') && !from.includes(NODE_MODULES))) {
      return resolveWithNode.apply(this, arguments);
    }
    const directory = dirname(from);
    const key = `${directory}\0${request}`;
    const known = kept[key];
    const stamp = installStamp(directory);
    if (Array.isArray(known) && known[1] === stamp && stamp !== '') return known[0];
    const resolved = resolveWithNode.apply(this, arguments);
    if (stamp !== '' && resolved.includes(NODE_MODULES)) {
      kept[key] = [resolved, stamp];
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
 * own compiler: ES modules, sources that may import() (DYNAMIC_CODE), scripts starting with `#!`, and the main
 * module (Node pauses there for --inspect-brk, and keeps its stat cache for the tree of requires below it). Off with
 * --enable-source-maps: Node maps stack traces only of what it compiled itself.
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
  const pack = readPack(join(ROOT, `code-${FORMAT}-v8-${process.versions.v8}-${ENTRY}.pack`));
  const compileWithNode = Module.prototype._compile;
  /** Scripts compiled without usable cached data, by key: written out when the process ends (with what ran lazily by then). */
  const compiled = new Map();
  /** Stack columns on a module's first line as Node gives them, without the wrapper's length. */
  const columnOffset = -Module.wrap('\0').indexOf('\0');

  Module.prototype._compile = function compileCached(content, filename, format) {
    if (this.id === '.' || format === 'module' || content.startsWith('#!') || DYNAMIC_CODE.test(content)) return compileWithNode.call(this, content, filename, format);
    const key = createHash('sha1').update(filename).update('\0').update(content).digest('base64url');
    const cachedData = pack.get(key);
    let script;
    try {
      script = new vm.Script(Module.wrap(content), { filename, cachedData, columnOffset });
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
 * Every module's cached data in one file, read whole at the start: one read instead of an open and a read per
 * module (~600 per run). Its layout: the index's length and a checksum of the data (4 bytes each; the start of the
 * data's SHA-256: the crypto module is loaded anyway, zlib for a CRC-32 cost ~5 ms more), the index (JSON: key →
 * [offset, length]), the data. A file that does not check out is not used at all: V8 takes damaged cached
 * data of the right length for good and stops the process. A process that compiled something writes the file
 * again: its own entries, and others (another kind of run of the same entry point, or stale ones) only while the
 * file stays under one and a half times its own share, since every byte is read at every start.
 */
function readPack(file) {
  let index = {};
  let data = Buffer.alloc(0);
  try {
    const bytes = readFileSync(file);
    const length = bytes.readUInt32LE(0);
    const read = JSON.parse(bytes.toString('utf8', 8, 8 + length));
    const rest = bytes.subarray(8 + length);
    const sound = (at) => Array.isArray(at) && at.length === 2 && at.every(Number.isSafeInteger) && at[0] >= 0 && at[1] > 0 && at[0] + at[1] <= rest.length;
    if (checksum(rest) === bytes.readUInt32LE(4) && read !== null && typeof read === 'object' && Object.values(read).every(sound)) {
      index = read;
      data = rest;
    }
  } catch {
    // no pack yet, or an unreadable one: everything is compiled afresh
  }
  const stored = (key) => data.subarray(index[key][0], index[key][0] + index[key][1]);
  const used = new Set();
  return {
    get(key) {
      if (!Object.hasOwn(index, key)) return undefined;
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
      const body = Buffer.concat([...entries.values()]);
      const lengths = Buffer.alloc(8);
      lengths.writeUInt32LE(header.length, 0);
      lengths.writeUInt32LE(checksum(body), 4);
      writeCacheFile(file, Buffer.concat([lengths, header, body]));
    },
  };
}

function checksum(bytes) {
  return createHash('sha256').update(bytes).digest().readUInt32LE(0);
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
