import { existsSync, writeFileSync } from 'node:fs';
import { writeAllurePage } from '../allure-page';
import { relative, resolve } from 'node:path';
import { loadCatalogue } from './catalogue';
import { consoleSummary } from './console';
import { matrixHtml } from './html';
import { matrixMarkdown } from './markdown';
import { buildMatrix, type Matrix } from './matrix';
import { runOutcomes } from './outcomes';
import { judge, loadExpectations, scenarioResults } from '../known-deviations';
import { writtenScenarios } from './scenarios';

/** One Cucumber run of `npm start` (scripts/run-features.ts): the suffix of its JSON report, the configurations it measured per family. */
export interface CucumberRun {
  suffix: string;
  variants: Record<string, string>;
  /** The run's lists of known deviations: a scenario that failed as listed is shown as a known deviation. */
  expectations?: string[];
}

/** The Allure result's fixed identity, so a test (and a later run's history) can find the page. */
export const ASVS_ALLURE = { historyId: 'authflow-asvs-coverage', fullName: 'authflow:asvs-coverage', attachment: 'OWASP ASVS coverage' };

/**
 * The requirement × family matrix of this run, from Cucumber's JSON output: printed, written to
 * `asvs-coverage.md`, and with `asPage` added to the Allure results as a page of its own (the way the contract
 * coverage is; a single shard measures part of the run, so it leaves the page out).
 */
export function reportAsvsCoverage(reportsDir: string, target: 'mock' | 'real', options: { asPage: boolean; runs?: CucumberRun[] }): Matrix | undefined {
  const runs = (options.runs ?? [{ suffix: '', variants: {} }]).filter((run) => existsSync(resolve(reportsDir, `cucumber-report${run.suffix}.json`)));
  // A run that stopped before Cucumber wrote anything has nothing to measure.
  if (runs.length === 0) return undefined;
  const outcomes = runs.flatMap((run) => {
    const json = resolve(reportsDir, `cucumber-report${run.suffix}.json`);
    const known = run.expectations?.length ? judge(scenarioResults(json), loadExpectations(run.expectations)).filter((verdict) => verdict.kind === 'known-deviation') : [];
    return runOutcomes(json, run.variants).map((outcome) => {
      const deviation = known.find((verdict) => verdict.result.name === outcome.name && outcome.uri === verdict.result.uri)?.deviation;
      return deviation ? { ...outcome, knownDeviation: { reason: deviation.reason, link: deviation.link } } : outcome;
    });
  });
  const matrix = buildMatrix(loadCatalogue(), outcomes, writtenScenarios(), target);
  const mdPath = resolve(reportsDir, 'asvs-coverage.md');
  writeFileSync(mdPath, matrixMarkdown(matrix));
  console.log(`\n${consoleSummary(matrix, relative(process.cwd(), mdPath) || mdPath)}`);
  if (options.asPage) writeMatrixPage(resolve(reportsDir, 'allure-results'), matrix);
  return matrix;
}

function writeMatrixPage(results: string, matrix: Matrix): void {
  const failed = matrix.rows.flatMap((row) => Object.entries(row.cells).filter(([, cell]) => cell.kind === 'failed').map(([family, cell]) => `${row.requirement.id} ${family}: ${cell.detail}`));
  writeAllurePage(results, {
    historyId: ASVS_ALLURE.historyId,
    fullName: ASVS_ALLURE.fullName,
    // The target is in the name: a passed check on the mocks must not read as the product passing.
    name: `OWASP ASVS coverage, measured on ${matrix.target === 'real' ? 'real servers' : `the embedded mocks (not the product)${embeddedFrameworks(matrix)}`}`,
    status: failed.length === 0 ? 'passed' : 'failed',
    ...(failed.length === 0 ? {} : { message: `Requirements whose scenarios failed: ${failed.join('; ')}` }),
    epic: 'Security standard',
    feature: 'OWASP ASVS',
    attachments: [
      { name: ASVS_ALLURE.attachment, content: matrixHtml(matrix), type: 'text/html' },
      { name: `${ASVS_ALLURE.attachment} (markdown)`, content: matrixMarkdown(matrix), type: 'text/markdown' },
    ],
    parameters: [{ name: 'target', value: matrix.target === 'real' ? 'real servers' : 'embedded mocks' }],
  });
}

/** ", and the real better-auth framework embedded in the run": families whose embedded server is the product. */
function embeddedFrameworks(matrix: Matrix): string {
  const families = [...new Set(matrix.columns.filter((column) => column.measuredOn === 'embedded').map((column) => column.family))];
  return families.length > 0 ? ` and the real ${families.join(', ')} framework embedded in the run` : '';
}
