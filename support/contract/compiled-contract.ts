import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { ValidatorOf } from './checker';
import { loadOperations, SPECS, templatePattern, type FamilySpec, type Operation, type ResponseSpec } from './spec';
import { writeCacheFile } from '../write-cache-file.cjs';

/**
 * A family's description, compiled once and reused by every later run and worker: its operations, and each
 * response schema as Ajv's standalone validator code, in one CommonJS module under the git-ignored cache. Reading
 * YAML, resolving `$ref`s and compiling schemas cost more than a small run's requests; requiring the module
 * costs a few milliseconds. The file name carries a hash of everything it was made from (the description's
 * files, this code, Ajv's versions), so an edited description or an upgrade compiles anew.
 */
const CACHE = resolve(__dirname, '../../.authflow-cache/contracts');

/** In the cached operations a schema is replaced by the name of its validator in the module. */
interface SchemaRef {
  $validator: string;
}

interface CompiledModule {
  operations: Omit<Operation, 'pattern'>[];
  [validator: string]: unknown;
}

export interface FamilyContract {
  operations: Operation[];
  validatorOf: ValidatorOf;
  /** The compiled module. */
  file: string;
}

export async function loadFamilyContract(spec: FamilySpec): Promise<FamilyContract> {
  const file = join(CACHE, `${spec.family.toLowerCase()}-${fingerprint(spec)}.js`);
  if (!existsSync(file)) await compile(spec, file);
  const compiled = require(file) as CompiledModule;
  const operations = compiled.operations.map((operation) => ({ ...operation, pattern: templatePattern(`${spec.prefix}${operation.template}`) }));
  const validatorOf: ValidatorOf = (schema) => {
    const validate = compiled[(schema as Partial<SchemaRef>).$validator ?? ''];
    if (typeof validate !== 'function') throw new Error(`${file} has no validator for this schema: delete the file to compile it again`);
    return validate as ValidateFunction;
  };
  return { operations, validatorOf, file };
}

/** Loads the description the slow way and writes its module (atomically: parallel workers may race). */
async function compile(spec: FamilySpec, file: string): Promise<void> {
  // Only a run that compiles loads the YAML reader, the `$ref` resolver and Ajv.
  const { newAjv } = require('./validators') as typeof import('./validators');
  const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
  const operations = await loadOperations(spec);
  const ajv = newAjv({ source: true });
  const names = new Map<object, string>();
  const refer = (schema: unknown): unknown => {
    if (!schema || typeof schema !== 'object') return schema;
    let name = names.get(schema);
    if (!name) {
      name = `validate_${names.size}`;
      names.set(schema, name);
      ajv.addSchema(schema, name);
    }
    return { $validator: name } satisfies SchemaRef;
  };
  const cached = operations.map(({ pattern: _pattern, ...operation }) => ({
    ...operation,
    responses: Object.fromEntries(Object.entries(operation.responses).map(([status, response]) => [status, withSchemasNamed(response, refer)])),
  }));
  const code = standaloneCode(ajv, Object.fromEntries([...names.values()].map((name) => [name, name])));
  const module = `// Compiled by authflow from ${relative(SPECS, spec.file)}; delete to compile again.\n${code}\nexports.operations = ${JSON.stringify(cached)};\n`;
  const failure = writeCacheFile(file, module);
  if (failure) throw new Error(`the compiled description ${file} could not be written`, { cause: failure });
  // The modules of earlier fingerprints (each edit of the description or of this code left one behind).
  const family = `${spec.family.toLowerCase()}-`;
  for (const name of readdirSync(CACHE)) {
    if (name.startsWith(family) && /^[0-9a-f]{16}\.js$/.test(name.slice(family.length)) && join(CACHE, name) !== file) rmSync(join(CACHE, name), { force: true });
  }
}

function withSchemasNamed(response: ResponseSpec, refer: (schema: unknown) => unknown): ResponseSpec {
  const named: ResponseSpec = { ...response };
  if (response.content) named.content = Object.fromEntries(Object.entries(response.content).map(([type, media]) => [type, { ...media, schema: refer(media.schema) }]));
  if (response.headers) named.headers = Object.fromEntries(Object.entries(response.headers).map(([name, header]) => [name, { ...header, schema: refer(header.schema) }]));
  return named;
}

/**
 * A hash of what the module is made from: the family's spec folder, this code and the spec reader, Ajv. Hashing
 * the VRChat description's 3 MB (657 files) cost ~40 ms of every run, so the hash is kept beside the modules under
 * a key of the same files' paths, sizes and modification times (as make and git do): only a changed file is read.
 * The memo also lists the folder's files and subfolders, so that a run stats them without listing the folder again
 * (listing VRChat's 27 folders cost ~15 ms of every run, issue 12): a file added, removed or renamed changes its
 * folder's modification time, and so the key; a file that is gone sends it the long way.
 */
function fingerprint(spec: FamilySpec): string {
  const folder = join(SPECS, relative(SPECS, spec.file).split(sep)[0] as string);
  const code = [join(__dirname, 'spec.ts'), join(__dirname, 'validators.ts'), __filename];
  const packages = ['ajv', 'ajv-formats'].map((name) => require.resolve(`${name}/package.json`));
  const described = JSON.stringify({ family: spec.family, prefix: spec.prefix, operations: spec.operations });
  const keyOf = (listing: Listing) => {
    const stats = createHash('sha256').update(described);
    for (const path of [...listing.folders, ...listing.files, ...code, ...packages]) {
      const { size, mtimeMs } = statSync(path);
      stats.update(`${path}\0${size}\0${mtimeMs}\0`);
    }
    return stats.digest('hex');
  };
  const memoFile = join(CACHE, `${spec.family.toLowerCase()}.fingerprint.json`);
  const memo = readMemo(memoFile);
  // Its paths are absolute: a copy of the project (cache included) lists the spec folder again.
  if (memo && memo.folders[0] === folder) {
    try {
      if (keyOf(memo) === memo.key) return memo.fingerprint;
    } catch {
      // a listed file or folder is gone: list the folder again
    }
  }
  // Listed again after the stats: a file added between the listing and its folder's stat would otherwise be left out
  // of a memo whose key already counts it.
  let listing = listingOf(folder);
  let key = keyOf(listing);
  for (let again = listingOf(folder); JSON.stringify(again) !== JSON.stringify(listing); again = listingOf(folder)) {
    listing = again;
    key = keyOf(listing);
  }
  const hash = createHash('sha256').update(described);
  for (const path of [...listing.files, ...code]) hash.update(path).update(readFileSync(path));
  for (const path of packages) hash.update(readFileSync(path));
  const computed = hash.digest('hex').slice(0, 16);
  writeCacheFile(memoFile, JSON.stringify({ key, fingerprint: computed, ...listing } satisfies Memo)); // a read-only checkout hashes the files every time
  rmSync(join(CACHE, `${spec.family.toLowerCase()}.fingerprint`), { force: true }); // the memo's earlier layout
  return computed;
}

interface Listing {
  /** The folder and every folder under it. */
  folders: string[];
  files: string[];
}

interface Memo extends Listing {
  key: string;
  fingerprint: string;
}

function readMemo(file: string): Memo | undefined {
  try {
    const memo = JSON.parse(readFileSync(file, 'utf8')) as Partial<Memo>;
    const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
    if (typeof memo.key === 'string' && typeof memo.fingerprint === 'string' && strings(memo.folders) && strings(memo.files)) return memo as Memo;
  } catch {
    // none yet, or unreadable: made again
  }
  return undefined;
}

function listingOf(folder: string, listing: Listing = { folders: [], files: [] }): Listing {
  listing.folders.push(folder);
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) listingOf(path, listing);
    else listing.files.push(path);
  }
  return listing;
}
