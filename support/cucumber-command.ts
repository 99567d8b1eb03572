import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/**
 * The arguments of the `node` process that runs Cucumber for `npm start` (and for the benchmark, which times what
 * users run): Cucumber's own command line, with the module cache (support/module-cache.cjs) loaded before
 * Cucumber itself, so that Cucumber's own modules are resolved and compiled from it too. Parallel workers
 * inherit it (Cucumber forks them with this process's node options).
 */
export function cucumberCommand(args: string[]): string[] {
  return ['-r', resolve(ROOT, 'support/module-cache.cjs'), resolve(ROOT, 'node_modules/@cucumber/cucumber/bin/cucumber.js'), ...args];
}
