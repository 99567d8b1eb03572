import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/**
 * The arguments of the `node` process that runs Cucumber for `npm start` (and for the benchmark, which times what
 * users run): Cucumber's own command line. TypeScript comes in through the profiles' `requireModule` (cucumber.mjs).
 */
export function cucumberCommand(args: string[]): string[] {
  return [resolve(ROOT, 'node_modules/@cucumber/cucumber/bin/cucumber.js'), ...args];
}
