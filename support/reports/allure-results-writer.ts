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
 * requests instead of holding up the step that attached (~0.25 ms each here; issue 12).
 * Only a file's first write goes to the background, and it only creates the file (`wx`): one still on its way when
 * the process exits (`--force-exit`, an error) then cannot empty what the exit handler writes in its place. Content
 * given again for a file (Allure writes each once) is written on this thread once the first write is done.
 * A run stopped by a signal may leave the files of its last moments unwritten.
 * cucumber.mjs names it in the formatter's `writer` option.
 */
class AllureResultsWriter implements Writer {
  /** What is being written in the background, by path. */
  private readonly unwritten = new Map<string, string | Buffer>();

  constructor(private readonly config: { resultsDir: string }) {
    mkdirSync(config.resultsDir, { recursive: true });
    process.once('exit', () => {
      for (const [path, data] of this.unwritten) this.writeNow(path, data);
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
    if (busy) return; // written when the first write is done
    writeFile(path, data, { flag: 'wx' }, (error) => {
      const newest = this.unwritten.get(path) as string | Buffer;
      this.unwritten.delete(path);
      // An earlier run's file of that name, a failure, or newer content: written here, with nothing else on its way.
      if (error || newest !== data) this.writeNow(path, newest);
    });
  }

  private writeNow(path: string, data: string | Buffer): void {
    try {
      writeFileSync(path, data);
    } catch (error) {
      console.error(`The Allure result ${path} could not be written: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private path(name: string): string {
    return join(this.config.resultsDir, name);
  }
}

// The Allure runtime `require`s this file by path and constructs its export.
export = AllureResultsWriter;
