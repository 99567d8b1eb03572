/**
 * `npm run contracts` (also run by `npm ci` and `npm install`): compiles every family's API description into the
 * module a run loads (support/contract/compiled-contract.ts), so that no run starts by compiling.
 */
import { relative } from 'node:path';
import { compileContract } from '../support/contract/compiled-contract';
import { FAMILY_SPECS } from '../support/contract/spec';

async function main(): Promise<void> {
  for (const spec of FAMILY_SPECS) {
    const started = performance.now();
    const file = await compileContract(spec);
    console.log(`${spec.family}: ${relative(process.cwd(), file)} (${Math.round(performance.now() - started)} ms)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
