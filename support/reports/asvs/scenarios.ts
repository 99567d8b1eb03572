import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import { FAMILY_NAMES, familyOf } from '../../core/families';

/** A scenario as the features write it: its family (its folder), title and every tag it inherits. */
export interface WrittenScenario {
  family: string;
  uri: string;
  name: string;
  tags: string[];
  /** The texts of its steps, the Background's first (an outline's keep their `<placeholders>`). */
  steps: string[];
}

const ROOT = resolve(__dirname, '../../..');
/** The API families' features; the benchmark's (features/bench/) measure speed, not security. */
const FAMILY_FOLDERS = Object.keys(FAMILY_NAMES);

export function writtenScenarios(root = ROOT): WrittenScenario[] {
  const parser = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher());
  return FAMILY_FOLDERS.flatMap((folder) => featureFiles(join(root, 'features', folder))).flatMap((path) => {
    const uri = relative(root, path).replace(/\\/g, '/');
    const feature = parser.parse(readFileSync(path, 'utf8')).feature;
    if (!feature) return [];
    const featureTags = feature.tags.map((tag) => tag.name);
    const backgroundSteps = (children: readonly { background?: { steps: readonly { text: string }[] } }[]) =>
      children.flatMap((child) => child.background?.steps.map((step) => step.text) ?? []);
    // Rules add their own tags and Background; Examples tags are left out: none of ours carry ASVS tags there.
    const children = feature.children.flatMap((child) =>
      child.rule
        ? child.rule.children.map((inner) => ({
            scenario: inner.scenario,
            inherited: child.rule!.tags.map((tag) => tag.name),
            background: [...backgroundSteps(feature.children), ...backgroundSteps(child.rule!.children)],
          }))
        : [{ scenario: child.scenario, inherited: [] as string[], background: backgroundSteps(feature.children) }],
    );
    return children.flatMap(({ scenario, inherited, background }) =>
      scenario
        ? [
            {
              family: familyOf(uri),
              uri,
              name: scenario.name,
              tags: [...featureTags, ...inherited, ...scenario.tags.map((tag) => tag.name)],
              steps: [...background, ...scenario.steps.map((step) => step.text)],
            },
          ]
        : [],
    );
  });
}

function featureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? featureFiles(join(dir, entry.name)) : entry.name.endsWith('.feature') ? [join(dir, entry.name)] : [],
  );
}

/** The ASVS ids a scenario's tags name: `@asvs:6.3.1` (checks it) and `@asvs-deviation:14.2.1` (asserts a documented shortfall). */
export function asvsTags(tags: readonly string[]): { checks: string[]; deviations: string[] } {
  const ids = (prefix: string) => tags.filter((tag) => tag.startsWith(prefix)).map((tag) => tag.slice(prefix.length));
  return { checks: ids('@asvs:'), deviations: ids('@asvs-deviation:') };
}
