import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/**
 * The arguments of the `node` process that runs Cucumber for `npm start` (and for the benchmark, which times what
 * users run): Cucumber's own command line, with two modules loaded before Cucumber itself: the thread that has ICU's
 * locale lists built on another core (support/intl-warm-up.cjs, first, so that it starts as early as it can), and
 * the module cache (support/module-cache.cjs), so that Cucumber's own modules are resolved and compiled from it too.
 * Parallel workers inherit both (Cucumber forks them with this process's node options).
 */
export function cucumberCommand(args: string[]): string[] {
  const preload = ['support/intl-warm-up.cjs', 'support/module-cache.cjs'].flatMap((file) => ['-r', resolve(ROOT, file)]);
  return [...preload, resolve(ROOT, 'node_modules/@cucumber/cucumber/bin/cucumber.js'), ...args];
}
