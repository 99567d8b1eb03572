import { mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Globals, TestResult, TestResultContainer } from 'allure-js-commons';
import type { Category, EnvironmentInfo } from 'allure-js-commons/sdk';
import type { Writer } from 'allure-js-commons/sdk/reporter';
import { stringifyEnvInfo } from 'allure-js-commons/sdk/reporter';

/**
 * Allure's default writer makes every result file crash-proof: a temporary file, fsync, rename. A run writes
 * hundreds of files that only `allure generate` reads, after the run has ended, so this writer writes each
 * file once, plainly (the same names and contents). cucumber.mjs names it in the formatter's `writer` option.
 */
class AllureResultsWriter implements Writer {
  constructor(private readonly config: { resultsDir: string }) {
    mkdirSync(config.resultsDir, { recursive: true });
  }

  writeResult(result: TestResult): void {
    this.json(`${result.uuid}-result.json`, result);
  }

  writeGroup(result: TestResultContainer): void {
    this.json(`${result.uuid}-container.json`, result);
  }

  writeAttachment(distFileName: string, content: Buffer): void {
    writeFileSync(this.path(distFileName), content);
  }

  writeAttachmentFromPath(distFileName: string, from: string): void {
    copyFileSync(from, this.path(distFileName));
  }

  writeEnvironmentInfo(info: EnvironmentInfo): void {
    writeFileSync(this.path('environment.properties'), stringifyEnvInfo(info), 'utf8');
  }

  writeCategoriesDefinitions(categories: Category[]): void {
    this.json('categories.json', categories);
  }

  writeGlobals(distFileName: string, info: Globals): void {
    this.json(distFileName, info);
  }

  private json(name: string, data: unknown): void {
    writeFileSync(this.path(name), JSON.stringify(data), 'utf8');
  }

  private path(name: string): string {
    return join(this.config.resultsDir, name);
  }
}

// The Allure runtime `require`s this file by path and constructs its export.
export = AllureResultsWriter;
