import { existsSync, readFileSync } from 'node:fs';

/** A step or hook of a scenario in Cucumber's JSON report. */
export interface JsonStep {
  keyword?: string;
  name?: string;
  result?: { status: string; error_message?: string };
  embeddings?: { data: string; mime_type: string }[];
}

/** A scenario of Cucumber's JSON report: its feature's uri (with forward slashes), its tags, its hooks and steps in order. */
export interface JsonScenario {
  uri: string;
  name: string;
  tags: string[];
  steps: JsonStep[];
}

interface JsonFeature {
  uri: string;
  elements?: { type: string; name: string; tags?: { name: string }[]; before?: JsonStep[]; steps?: JsonStep[]; after?: JsonStep[] }[];
}

/** The scenarios of one Cucumber JSON report (none when the run wrote none). */
export function reportScenarios(cucumberJson: string): JsonScenario[] {
  if (!existsSync(cucumberJson)) return [];
  const features = JSON.parse(readFileSync(cucumberJson, 'utf8')) as JsonFeature[];
  return features.flatMap((feature) =>
    (feature.elements ?? [])
      .filter((element) => element.type === 'scenario')
      .map((element) => ({
        uri: feature.uri.replace(/\\/g, '/'),
        name: element.name,
        tags: (element.tags ?? []).map((tag) => tag.name),
        steps: [...(element.before ?? []), ...(element.steps ?? []), ...(element.after ?? [])],
      })),
  );
}
