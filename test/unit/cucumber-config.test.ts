import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = resolve(__dirname, '../..');

/** Cucumber's functions that only take effect in a file Cucumber itself loads (or one such a file imports). */
const REGISTERS = /\b(Before|After|BeforeAll|AfterAll|BeforeStep|AfterStep|Given|When|Then|defineParameterType|setWorldConstructor|setDefaultTimeout|setDefinitionFunctionWrapper|setParallelCanAssign)\(/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
}

/** The project's TypeScript files a module imports, followed through (relative imports only; a `.cjs` helper registers nothing). */
function reachable(from: string[], seen = new Set<string>()): Set<string> {
  for (const file of from) {
    if (seen.has(file)) continue;
    seen.add(file);
    const specifiers = [...readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'|import '(\.[^']+)'/g)].map((match) => (match[1] ?? match[2]) as string);
    const imports = specifiers.filter((specifier) => !/\.[cm]?js$/.test(specifier)).map((specifier) => resolve(file, '..', `${specifier}.ts`));
    reachable(imports.filter((path) => path.startsWith(ROOT)), seen);
  }
  return seen;
}

describe('cucumber.mjs', () => {
  it('loads every support file that registers with Cucumber (directly, or through a file it loads)', async () => {
    const { default: config } = (await import(join(ROOT, 'cucumber.mjs'))) as { default: { require: string[] } };
    const listed = config.require.flatMap((pattern) => (pattern.includes('*') ? filesUnder(join(ROOT, pattern.split('/')[0] as string)) : [join(ROOT, pattern)]));
    const loaded = reachable(listed);
    const registering = filesUnder(join(ROOT, 'support')).filter((file) => REGISTERS.test(readFileSync(file, 'utf8')) && /from '@cucumber\/cucumber'/.test(readFileSync(file, 'utf8')));
    assert.ok(registering.length >= 3, `only ${registering.length} registering files found`);
    assert.deepEqual(registering.filter((file) => !loaded.has(file)).map((file) => relative(ROOT, file)), []);
  });
});
