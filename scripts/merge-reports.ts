/**
 * `npm run merge-reports -- OUT DIR…`: merges the outputs of several runs (the shards of one run, from several
 * machines) into OUT: their Allure results and contract coverage, then one Allure report and one coverage check.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { reportContractCoverage } from '../support/reports/contract-coverage';

const root = resolve(__dirname, '..');
const [output, ...inputs] = process.argv.slice(2).map((path) => resolve(process.cwd(), path));
if (!output || inputs.length === 0) {
  console.error('usage: npm run merge-reports -- OUT_DIR REPORTS_DIR [REPORTS_DIR…]');
  process.exit(2);
}

rmSync(output, { recursive: true, force: true });
for (const folder of ['allure-results', 'contract']) {
  mkdirSync(resolve(output, folder), { recursive: true });
  for (const input of inputs) {
    const source = resolve(input, folder);
    if (!existsSync(source)) continue;
    // Allure results are named by UUID and coverage files by process id: no two runs collide.
    for (const name of readdirSync(source)) cpSync(resolve(source, name), resolve(output, folder, name));
  }
}
reportContractCoverage(output, { asCheck: true });
const generate = spawnSync(resolve(root, 'node_modules/.bin/allure'), ['generate', resolve(output, 'allure-results'), '--config', 'allurerc.mjs'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, REPORTS_DIR: output },
});
if (generate.status === 0) console.log(`Merged report: ${resolve(output, 'allure-report/index.html')}`);
process.exit(generate.status ?? 1);
