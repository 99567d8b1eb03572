/**
 * `npm start -- [cucumber options]`: runs the features (options such as --tags, --name, --parallel pass
 * through), then writes the Allure HTML report, and exits non-zero when any scenario failed.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');
const bin = (name: string) => resolve(root, 'node_modules', '.bin', name);

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

// Results of an earlier run would otherwise be merged into this report.
rmSync(resolve(root, 'reports/allure-results'), { recursive: true, force: true });
rmSync(resolve(root, 'reports/allure-report'), { recursive: true, force: true });

const features = run(bin('cucumber-js'), process.argv.slice(2));
const report = run(bin('allure'), ['generate', 'reports/allure-results', '--config', 'allurerc.mjs']);
if (report === 0) console.log('Allure report: reports/allure-report/index.html');
process.exit(features !== 0 ? features : report);
