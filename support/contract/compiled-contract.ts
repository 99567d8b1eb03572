import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { ValidatorOf } from './checker';
import { loadOperations, SPECS, templatePattern, type FamilySpec, type Operation, type ResponseSpec } from './spec';
import { writeFileWhole } from '../coordination/whole-file';
import { shapeOf, type Shape } from './shapes';

/**
 * A family's description, compiled ahead of time by `npm run contracts` (which `npm ci` runs too): its operations,
 * and each response schema as Ajv's standalone validator code, in one CommonJS module per family under the
 * git-ignored cache. Reading the YAML, resolving `$ref`s and compiling the schemas cost VRChat's description about
 * 1.3 s; requiring the module costs a few milliseconds. The module records a hash of what it was made from (the
 * description's files, this code, Ajv's versions): a run that finds it missing or made from something else
 * compiles it again, and says so.
 */
const CACHE = resolve(__dirname, '../../.authflow-cache/contracts');

/** In the compiled operations a schema is replaced by the name of its validator in the module. */
interface SchemaRef {
  $validator: string;
}

interface CompiledModule {
  source: string;
  operations: Omit<Operation, 'pattern'>[];
  shapes: Shapes;
  [validator: string]: unknown;
}

/** Per operation and status, what the JSON answer's schema promises about its fields (support/contract/shapes.ts). */
export type Shapes = Record<string, Record<string, Shape>>;

export interface FamilyContract {
  operations: Operation[];
  validatorOf: ValidatorOf;
  shapes: Shapes;
  /** The compiled module. */
  file: string;
}

export function compiledFile(spec: FamilySpec): string {
  return join(CACHE, `${spec.family.toLowerCase()}.js`);
}

/** `prefix`: where the server puts the description's paths, when not where the description says (a deployment's base path). */
export async function loadFamilyContract(spec: FamilySpec, prefix = spec.prefix): Promise<FamilyContract> {
  const file = compiledFile(spec);
  const source = sourceHash(spec);
  const compiled = tryRequire(file);
  if (compiled?.source === source) return contractFrom(spec, compiled, prefix);
  process.stderr.write(`${spec.family}'s API description ${compiled ? 'changed since it was compiled' : 'is not compiled yet'}: compiling it (npm run contracts does it ahead of time)\n`);
  await compileContract(spec, source);
  delete require.cache[file];
  return contractFrom(spec, tryRequire(file) as CompiledModule, prefix);
}

/** The same, at once: undefined when the module must be compiled first (loadFamilyContract does). */
export function loadCompiledContract(spec: FamilySpec, prefix = spec.prefix): FamilyContract | undefined {
  const compiled = tryRequire(compiledFile(spec));
  return compiled?.source === sourceHash(spec) ? contractFrom(spec, compiled, prefix) : undefined;
}

function contractFrom(spec: FamilySpec, validators: CompiledModule, prefix: string): FamilyContract {
  const file = compiledFile(spec);
  const operations = validators.operations.map((operation) => ({ ...operation, pattern: templatePattern(`${prefix}${operation.template}`) }));
  const validatorOf: ValidatorOf = (schema) => {
    const validate = validators[(schema as Partial<SchemaRef>).$validator ?? ''];
    if (typeof validate !== 'function') throw new Error(`${file} has no validator for this schema: run npm run contracts`);
    return validate as ValidateFunction;
  };
  return { operations, validatorOf, shapes: validators.shapes ?? {}, file };
}

function tryRequire(file: string): CompiledModule | undefined {
  try {
    return require(file) as CompiledModule;
  } catch {
    return undefined;
  }
}

/** Loads the description the slow way and writes its module (whole: parallel workers may race). */
export async function compileContract(spec: FamilySpec, source = sourceHash(spec)): Promise<string> {
  // Only a run that compiles loads the YAML reader, the `$ref` resolver and Ajv's compiler.
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
  const compiled = operations.map(({ pattern: _pattern, ...operation }) => ({
    ...operation,
    responses: Object.fromEntries(Object.entries(operation.responses).map(([status, response]) => [status, withSchemasNamed(response, refer)])),
    ...(operation.corrections ? { corrections: operation.corrections.map((correction) => ({ ...correction, ...(correction.schema ? { schema: refer(correction.schema) } : {}) })) } : {}),
  }));
  const code = standaloneCode(ajv, Object.fromEntries([...names.values()].map((name) => [name, name])));
  const shapes: Shapes = Object.fromEntries(
    operations.map((operation) => [
      operation.operationId,
      Object.fromEntries(
        Object.entries(operation.responses).flatMap(([status, response]) => {
          const json = Object.entries(response.content ?? {}).find(([type]) => /json/i.test(type))?.[1];
          const shape = shapeOf(json?.schema);
          return shape ? [[status, shape]] : [];
        }),
      ),
    ]),
  );
  const file = compiledFile(spec);
  writeFileWhole(file, `// Compiled by authflow (npm run contracts) from ${relative(SPECS, spec.file)}.\n${code}\nexports.source = ${JSON.stringify(source)};\nexports.operations = ${JSON.stringify(compiled)};\nexports.shapes = ${JSON.stringify(shapes)};\n`);
  return file;
}

function withSchemasNamed(response: ResponseSpec, refer: (schema: unknown) => unknown): ResponseSpec {
  const named: ResponseSpec = { ...response };
  if (response.content) named.content = Object.fromEntries(Object.entries(response.content).map(([type, media]) => [type, { ...media, schema: refer(media.schema) }]));
  if (response.headers) named.headers = Object.fromEntries(Object.entries(response.headers).map(([name, header]) => [name, { ...header, schema: refer(header.schema) }]));
  return named;
}

/** A hash of what the module is made from: every file of the family's spec folder, this code and the spec reader, Ajv's versions. */
export function sourceHash(spec: FamilySpec): string {
  const folder = join(SPECS, relative(SPECS, spec.file).split(sep)[0] as string);
  const hash = createHash('sha256').update(JSON.stringify({ family: spec.family, prefix: spec.prefix, operations: spec.operations }));
  const files = [...filesUnder(folder), join(__dirname, 'spec.ts'), join(__dirname, 'corrections.ts'), join(__dirname, 'validators.ts'), join(__dirname, 'shapes.ts'), __filename];
  // Paths relative to the project: a copy of the checkout elsewhere uses the same module.
  for (const file of files) hash.update(relative(SPECS, file)).update('\0').update(readFileSync(file));
  for (const name of ['ajv', 'ajv-formats']) hash.update(readFileSync(require.resolve(`${name}/package.json`)));
  return hash.digest('hex').slice(0, 16);
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
