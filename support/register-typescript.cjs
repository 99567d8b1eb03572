// Runs the project's TypeScript as it is, with no build step: Sucrase turns each .ts file into CommonJS when it
// is first required. It keeps line numbers, so stack traces and Cucumber's step locations point at the source
// without source maps, and it keeps `import()`, which loads ES-only packages (Allure's API). Type checking is
// `npm run typecheck`. Chosen over ts-node (with SWC) because ts-node loads the TypeScript compiler in every
// process: measured in README.md ("Benchmark").
require('sucrase/dist/register').addHook('.ts', { transforms: ['typescript', 'imports'], preserveDynamicImport: true });
