// Runs the project's TypeScript as it is, with no build step: each .ts file becomes CommonJS when it is first
// required. Type checking is `npm run typecheck`.
//
// Sucrase, not ts-node: ts-node loads the TypeScript compiler in every process, even in its SWC mode, and that
// was the largest part of a run's start (README.md, "Benchmark"). Sucrase keeps line numbers, so stack traces and
// Cucumber's step locations point at the source without source maps, and it keeps `import()`, which loads
// ES-only packages (Allure's API).
//
// Each result is kept in the git-ignored cache under a hash of the source and of the transform, so a run
// transpiles only the files that changed since the last one (and loads Sucrase only then).
require('./module-cache.cjs'); // before anything else is resolved or compiled

const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { addHook } = require('pirates');
const { writeCacheFile } = require('./write-cache-file.cjs');

const OPTIONS = { transforms: ['typescript', 'imports'], preserveDynamicImport: true };
const CACHE = join(__dirname, '..', '.authflow-cache', 'transpiled');
const TRANSFORM = `${require('sucrase/package.json').version} ${JSON.stringify(OPTIONS)}`;

function transpile(code, filePath) {
  const key = createHash('sha256').update(TRANSFORM).update('\0').update(filePath).update('\0').update(code).digest('hex').slice(0, 32);
  const cached = join(CACHE, `${key}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // not transpiled yet
  }
  const output = require('sucrase').transform(code, { ...OPTIONS, filePath }).code;
  writeCacheFile(cached, output); // a read-only checkout transpiles every time
  return output;
}

addHook(transpile, { exts: ['.ts'] });
