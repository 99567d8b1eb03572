import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readJson, REPORTS, ROOT } from './outputs';

interface JsonStep {
  keyword: string;
  name?: string;
  hidden?: boolean;
  match?: { location?: string };
}
interface JsonFeature {
  uri: string;
  elements: { name: string; steps: JsonStep[] }[];
}

/** A line that registers a step definition: where Cucumber must say each step's definition is. */
const REGISTERS = /\b(Given|When|Then|defineStep)\(/;

describe('step definition locations (Cucumber reads them from stack traces, which tsx maps back to the TypeScript source)', () => {
  it('name, for every step of the last run, the line of a steps file that registers its definition', () => {
    const features = readJson<JsonFeature[]>(join(REPORTS, 'cucumber-report.json'));
    const lines = new Map<string, string[]>();
    const wrong: string[] = [];
    let checked = 0;
    for (const feature of features) {
      for (const scenario of feature.elements) {
        for (const step of scenario.steps.filter((candidate) => !candidate.hidden)) {
          const location = step.match?.location ?? 'none';
          const [, file, line] = /^(steps\/.+\.ts):(\d+)$/.exec(location) ?? [];
          if (!file || !line) {
            wrong.push(`${feature.uri} "${step.keyword}${step.name ?? ''}": ${location}`);
            continue;
          }
          if (!lines.has(file)) lines.set(file, readFileSync(join(ROOT, file), 'utf8').split('\n'));
          if (!REGISTERS.test(lines.get(file)?.[Number(line) - 1] ?? '')) wrong.push(`${feature.uri} "${step.keyword}${step.name ?? ''}": ${location} registers nothing`);
          checked += 1;
        }
      }
    }
    assert.ok(checked > 500, `only ${checked} steps with a location in ${REPORTS}`);
    assert.deepEqual(wrong.slice(0, 10), []);
  });
});
