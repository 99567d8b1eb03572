import { copyFileSync, mkdirSync, writeFile, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Globals, TestResult, TestResultContainer } from 'allure-js-commons';
import type { Category, EnvironmentInfo } from 'allure-js-commons/sdk';
import type { Writer } from 'allure-js-commons/sdk/reporter';
import { stringifyEnvInfo } from 'allure-js-commons/sdk/reporter';

/**
 * Allure's default writer makes every result file crash-proof: a temporary file, fsync, rename. A run writes
 * hundreds of files that only `allure generate` reads, after the run has ended, so this writer writes each
 * file once, plainly (the same names and contents), and in the background: the writes overlap the next
 * requests instead of holding up the step that attached (~0.25 ms each here; issue 12). A file still being
 * written when the process exits (`--force-exit`, or an error) is written there and then.
 * cucumber.mjs names it in the formatter's `writer` option.
 */
class AllureResultsWriter implements Writer {
  /** What is being written in the background, by path. */
  private readonly unwritten = new Map<string, string | Buffer>();

  constructor(private readonly config: { resultsDir: string }) {
    mkdirSync(config.resultsDir, { recursive: true });
    process.once('exit', () => {
      for (const [path, data] of this.unwritten) writeFileSync(path, data);
    });
  }

  writeResult(result: TestResult): void {
    this.json(`${result.uuid}-result.json`, result);
  }

  writeGroup(result: TestResultContainer): void {
    this.json(`${result.uuid}-container.json`, result);
  }

  writeAttachment(distFileName: string, content: Buffer): void {
    this.write(distFileName, content);
  }

  writeAttachmentFromPath(distFileName: string, from: string): void {
    copyFileSync(from, this.path(distFileName));
  }

  writeEnvironmentInfo(info: EnvironmentInfo): void {
    this.write('environment.properties', stringifyEnvInfo(info));
  }

  writeCategoriesDefinitions(categories: Category[]): void {
    this.json('categories.json', categories);
  }

  writeGlobals(distFileName: string, info: Globals): void {
    this.json(distFileName, info);
  }

  private json(name: string, data: unknown): void {
    this.write(name, JSON.stringify(data));
  }

  private write(name: string, data: string | Buffer): void {
    const path = this.path(name);
    const busy = this.unwritten.has(path);
    this.unwritten.set(path, data);
    if (!busy) this.writeInBackground(path, 'wx');
  }

  /**
   * One write at a time per file, the newest content last. The first one only creates the file (`wx`): a write
   * still on its way when the process exits can then no longer empty the file the exit handler has written.
   */
  private writeInBackground(path: string, flag: 'wx' | 'w'): void {
    const data = this.unwritten.get(path) as string | Buffer;
    writeFile(path, data, { flag }, (error) => {
      if (error) return; // an existing file (an earlier run's) or a failure: written at exit, where an error stops the process
      if (this.unwritten.get(path) === data) this.unwritten.delete(path);
      else this.writeInBackground(path, 'w');
    });
  }

  private path(name: string): string {
    return join(this.config.resultsDir, name);
  }
}

// The Allure runtime `require`s this file by path and constructs its export.
export = AllureResultsWriter;
