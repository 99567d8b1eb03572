// Keeps what Node works out to load a CommonJS module, so that the next run does not work it out again (issue 12;
// README.md, "Benchmark"): where a require leads, and V8's compiled code. Together about 0.2 s of every start of
// Cucumber. Loaded first, with `node -r`, by every command that runs Cucumber (support/cucumber-command.ts), and
// by support/register-typescript.cjs for everything else. Both live in the git-ignored .authflow-cache/compiled/
// (AUTHFLOW_MODULE_CACHE_DIR moves it: the project's test of this file uses a folder of its own).
// NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) turns both off.
const Module = require('node:module');
const { createHash } = require('node:crypto');
const { fstatSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } = require('node:fs');
const { basename, dirname, join, sep } = require('node:path');
const { writeCacheFile } = require('./write-cache-file.cjs');

const ROOT = process.env.AUTHFLOW_MODULE_CACHE_DIR || join(__dirname, '..', '.authflow-cache', 'compiled');
const NODE_MODULES = `${sep}node_modules${sep}`;
/** The coarsest step of file times on the file systems this may run on (some count whole seconds, FAT two). */
const STAT_TICK_MS = 2000;
/** In the cache files' names: files of an older layout are left alone rather than misread. */
const FORMAT = 7;
/**
 * Code that may import(), also through eval or new Function (whose text says `import(` too): a script restored
 * from cached data has no import callback, so such a module is compiled by Node. Not matched: an import() spelt in
 * pieces at run time; matching every eval( and Function( instead would leave 0.7 MB of Cucumber's and Fastify's
 * dependencies (lodash's `Function('return this')`, util-arity) uncached for that.
 */
const DYNAMIC_CODE = /\bimport\s*\(/;
/**
 * Each entry point (Cucumber, its workers, the mocks, a test file) has cache files of its own, holding only what it
 * loads: on these machines reading a file costs about as much as touching its memory, ~3.5 ms per MiB. So has each
 * set of Cucumber profiles named on the command line (-p, --profile): a dry run compiles less of each module, and
 * `npm start` more of it than the benchmark's profile runs (its cached code made a benchmark run ~25 ms slower).
 */
const ENTRY = entryName(process.argv.slice(1));

function entryName([entry = '', ...args]) {
  const profiles = [];
  args.forEach((arg, at) => {
    if ((arg === '-p' || arg === '--profile') && args[at + 1] !== undefined) profiles.push(args[at + 1]);
    else if (arg.startsWith('--profile=')) profiles.push(arg.slice('--profile='.length));
    else if (arg.startsWith('-p') && arg.length > 2) profiles.push(arg.slice(2)); // -pbench
  });
  const key = profiles.length === 0 ? entry : `${entry}\0${profiles.join('\0')}`;
  return `${basename(entry || 'eval')}-${createHash('sha1').update(key).digest('hex').slice(0, 8)}`;
}

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
    if (added && !writeCacheFile(file, JSON.stringify(kept))) removeEarlierLayouts('resolutions', '.json');
  });
}

/**
 * V8's compiled code of each module. Node 22.1 and later keep it themselves (module.enableCompileCache). On Node
 * 20 each module is compiled as a vm.Script with the cached data of its last compilation; what V8 rejects (another
 * V8 version or flags) is compiled afresh and written again. Modules this cannot compile as Node does go to Node's
 * own compiler: ES modules, sources that may import() (DYNAMIC_CODE), scripts starting with `#!`, and the main
 * module (Node pauses there for --inspect-brk, and keeps its stat cache for the tree of requires below it). Off with
 * --enable-source-maps: Node maps stack traces only of what it compiled itself.
 *
 * An installed package's CommonJS module is kept with its source, under its file name and its file's stat (inode,
 * size, modification and change times: npm gives every file it unpacks the same modification time, but a new inode
 * and change time). While the stat is the same, its source comes from the pack: one positioned read instead of
 * opening the file, no walk up to its package.json for its module type, no hash of the source (for Cucumber's ~640
 * modules ~35 ms of every start instead of ~60). The project's own modules are known by a hash of their source. (A
 * package.json whose "type" is edited by hand, its modules untouched, is seen once they are: an install does.)
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
  const loadWithNode = Module._extensions['.js'];
  /** Scripts compiled without usable cached data, by key, with a package module's source: written out when the process ends (with what ran lazily by then). */
  const compiled = new Map();
  /** Stack columns on a module's first line as Node gives them, without the wrapper's length. */
  const columnOffset = -Module.wrap('\0').indexOf('\0');
  /** The stat of each package module loaded by Node's own '.js' loader in this process, taken before Node read it, and when. */
  const stats = new Map();
  /** The kept source being compiled, and its module: that module's _compile (this file's, or a hook's around it) gets exactly it. */
  let handing;

  // Node's '.js' loader also loads .cjs files (Node 20 registers no loader of their own).
  Module._extensions['.js'] = function loadKept(module, filename) {
    if (!filename.includes(NODE_MODULES)) return loadWithNode.call(this, module, filename);
    const statAt = Date.now();
    const stat = statSync(filename, { throwIfNoEntry: false });
    const signature = stat && `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
    const kept = signature && pack.source(filename, signature);
    if (kept === undefined) {
      if (signature) stats.set(filename, { signature, statAt });
      return loadWithNode.call(this, module, filename);
    }
    handing = { module, ...kept };
    try {
      module._compile(kept.source, filename, kept.format);
    } finally {
      handing = undefined;
    }
  };

  Module.prototype._compile = function compileCached(content, filename, format) {
    // Taken by the module it was meant for only (a hook's _compile may load other modules first); the modules this
    // one requires while it runs are loaded after this.
    const kept = handing?.module === this ? handing : undefined;
    handing = undefined;
    if (this.id === '.' || format === 'module' || content.startsWith('#!') || DYNAMIC_CODE.test(content)) return compileWithNode.call(this, content, filename, format);
    let key;
    let cachedData;
    /** A package module's source as Node read it from its file, to keep: not when a hook (e.g. coverage) changed it. */
    let keptSource;
    if (kept !== undefined && kept.source === content) {
      key = `code:${filename}`;
      cachedData = pack.get(key);
    } else if (kept === undefined && stats.has(filename) && !Object.hasOwn(this, '_compile')) {
      key = `code:${filename}`; // new, or its file changed since it was kept: compiled afresh
      keptSource = { filename, content, format, ...stats.get(filename) };
    } else {
      key = createHash('sha1').update(filename).update('\0').update(content).digest('base64url');
      cachedData = pack.get(key);
    }
    let script;
    try {
      script = new vm.Script(Module.wrap(content), { filename, cachedData, columnOffset });
    } catch {
      // not a CommonJS script (Node detects ES module syntax): Node's compiler decides
      return compileWithNode.call(this, content, filename, format);
    }
    if (cachedData === undefined || script.cachedDataRejected) compiled.set(key, { script, source: keptSource });
    const run = script.runInThisContext({ displayErrors: true });
    return run.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  };

  process.once('exit', () => {
    if (compiled.size > 0) pack.write(compiled);
  });
}

/**
 * Every module's cached data (and a package module's source) in one file per entry point. Its layout: the index's
 * length and the index's CRC-32 (4 bytes each), the index (JSON: key → [offset, length, CRC-32], and for a source
 * also its stat and module format), the data. The index is read at the start and each module's entries when the
 * module is loaded: only what a run uses is read (the file also holds other runs' entries: `npm start` on the
 * embedded mocks loads the mocks and Fastify, a run against real servers does not), at ~3.5 ms per MiB here. An
 * entry that does not check out is not used (V8 takes damaged cached data of the right length for good and stops
 * the process): its module is compiled afresh, and the file written again. A process that compiled something writes
 * the file again: its own entries, and others (another kind of run of the same entry point, or stale ones) while the
 * file stays under twice its own share.
 */
function readPack(file) {
  let index = {};
  let fd;
  let dataStart = 0;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(8);
    if (readSync(fd, head, 0, 8, 0) === 8) {
      const length = head.readUInt32LE(0);
      const dataLength = fstatSync(fd).size - 8 - length;
      const sound = (at) =>
        Array.isArray(at) &&
        (at.length === 3 || (at.length === 6 && typeof at[3] === 'string' && (at[4] === null || typeof at[4] === 'string') && Number.isFinite(at[5]))) &&
        at.slice(0, 3).every(Number.isSafeInteger) && at[0] >= 0 && at[1] >= 0 && at[0] + at[1] <= dataLength;
      const indexBytes = dataLength >= 0 ? Buffer.alloc(length) : undefined;
      if (indexBytes !== undefined && readSync(fd, indexBytes, 0, length, 8) === length && checksum(indexBytes) === head.readUInt32LE(4)) {
        const read = JSON.parse(indexBytes.toString('utf8'));
        if (read !== null && typeof read === 'object' && Object.values(read).every(sound)) {
          index = read;
          dataStart = 8 + length;
        }
      }
    }
  } catch {
    // no pack yet, or an unreadable one: everything is compiled afresh
  }
  /**
   * An entry's bytes, or undefined when they cannot be read or do not check out. Read into `into` when it is given
   * and large enough: V8 is done with cached data once the script is made, so one buffer serves every module, and
   * its memory is touched once (fresh memory costs about as much as the read itself here).
   */
  const stored = (key, into) => {
    const [offset, length, sum] = index[key];
    const bytes = into !== undefined && into.length >= length ? into.subarray(0, length) : Buffer.allocUnsafe(length);
    try {
      if (readSync(fd, bytes, 0, length, dataStart + offset) === length && checksum(bytes) === sum) return bytes;
    } catch {
      // read as missing
    }
    return undefined;
  };
  let scratch = Buffer.alloc(0);
  const into = (length) => {
    if (scratch.length < length) scratch = Buffer.allocUnsafeSlow(Math.max(length, 2 * scratch.length, 256 * 1024));
    return scratch;
  };
  /** Entries this process used: written again as they are. */
  const used = new Set();
  return {
    /** The entry's cached data, valid until the next call. */
    get(key) {
      if (!Object.hasOwn(index, key)) return undefined;
      const bytes = stored(key, into(index[key][1]));
      if (bytes !== undefined) used.add(key);
      return bytes;
    },
    /**
     * A package module's source, kept with the stat its file had then: { source, signature, format } while the stat
     * is the same. File times move in ticks (a few ms here, whole seconds on some file systems), and a file changed
     * twice within one tick keeps its stat: a source whose file had changed less than a tick before its stat was
     * taken is checked against the file (as git does with files changed just before its index was written).
     */
    source(filename, signature) {
      const key = `source:${filename}`;
      const entry = index[key];
      if (entry?.[3] !== signature) return undefined;
      const bytes = stored(key, into(entry[1]));
      if (bytes === undefined) return undefined;
      const source = bytes.toString('utf8');
      const changedAt = Number(signature.slice(signature.lastIndexOf(':') + 1));
      if (!(changedAt < entry[5] - STAT_TICK_MS) && !fileHolds(filename, source)) return undefined;
      used.add(key);
      return { source, signature, format: entry[4] ?? undefined };
    },
    /** Writes the file again: the scripts compiled by this process (key → { script, source? }), and what it used as it was. */
    write(compiledScripts) {
      /** key → [bytes, ...what the index keeps besides offset, length and checksum] */
      const entries = new Map();
      for (const [key, { script, source }] of compiledScripts) {
        entries.set(key, [script.createCachedData()]);
        if (source !== undefined) entries.set(`source:${source.filename}`, [Buffer.from(source.content, 'utf8'), source.signature, source.format ?? null, source.statAt]);
      }
      const keep = (key) => {
        const bytes = stored(key);
        if (bytes !== undefined) entries.set(key, [bytes, ...index[key].slice(3)]);
        return bytes;
      };
      for (const key of used) if (!entries.has(key)) keep(key);
      let size = 0;
      for (const [bytes] of entries.values()) size += bytes.length;
      const budget = size * 2;
      for (const key of Object.keys(index)) {
        if (entries.has(key) || size + index[key][1] > budget) continue;
        size += keep(key)?.length ?? 0;
      }
      const newIndex = {};
      let offset = 0;
      for (const [key, [bytes, ...rest]] of entries) {
        newIndex[key] = [offset, bytes.length, checksum(bytes), ...rest];
        offset += bytes.length;
      }
      const header = Buffer.from(JSON.stringify(newIndex));
      const lengths = Buffer.alloc(8);
      lengths.writeUInt32LE(header.length, 0);
      lengths.writeUInt32LE(checksum(header), 4);
      if (!writeCacheFile(file, Buffer.concat([lengths, header, ...[...entries.values()].map(([bytes]) => bytes)]))) removeEarlierLayouts('code', '.pack');
    },
  };
}

function fileHolds(filename, source) {
  try {
    return readFileSync(filename, 'utf8') === source;
  } catch {
    return false;
  }
}

/** CRC-32: zlib is loaded by Cucumber anyway (its publish plugin), and one call costs a microsecond, not ten. */
let crc32;
function checksum(bytes) {
  crc32 ??= require('node:zlib').crc32;
  return crc32(bytes);
}

/** This entry point's cache files of other layouts (FORMAT): written by earlier versions of this file, never read again. */
function removeEarlierLayouts(kind, extension) {
  const current = `${kind}-${FORMAT}-`;
  try {
    for (const name of readdirSync(ROOT)) {
      if (name.startsWith(`${kind}-`) && !name.startsWith(current) && name.endsWith(`-${ENTRY}${extension}`)) rmSync(join(ROOT, name), { force: true });
    }
  } catch {
    // left for next time
  }
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
