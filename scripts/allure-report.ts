import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

type AllureCore = typeof import('@allurereport/core');

/**
 * Allure Report's own API, started loading when the run starts: the module loads on the second core while the
 * features run, and the HTML report is then generated in this process, not by a second cold start of the CLI.
 */
export function loadAllure(): Promise<AllureCore> {
  const loading = import('@allurereport/core');
  loading.catch(() => undefined); // reported when awaited
  return loading;
}

/** What `allure generate RESULTS --config allurerc.mjs` does, with the project's configuration. */
export async function generateReport(allure: Promise<AllureCore>, root: string, resultsDir: string): Promise<void> {
  if (!existsSync(resultsDir)) throw new Error(`the run wrote no results to ${resultsDir}`);
  const { AllureReport, readConfig } = await allure;
  const report = new AllureReport(await readConfig(root, resolve(root, 'allurerc.mjs')));
  await report.start();
  await report.readDirectory(resultsDir);
  await report.done();
}
