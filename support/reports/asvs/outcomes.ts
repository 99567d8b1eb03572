import { existsSync, readFileSync } from 'node:fs';
import { familyOf } from '../../core/families';

/** How one scenario of the run ended, read from Cucumber's JSON output (reports/cucumber-report.json). */
export interface Outcome {
  family: string;
  /** The feature file, relative to the project (`features/vrchat/login.feature`). */
  uri?: string;
  /** Failed the way its target's list of known deviations says (support/reports/known-deviations.ts). */
  knownDeviation?: { reason: string; link: string };
  /** The configuration of the family's server the scenario ran against, when the run knows it ("hardened"). */
  variant?: string;
  name: string;
  tags: string[];
  status: 'passed' | 'failed' | 'skipped';
  /** Why it was skipped, as the run logged it ("Skipped: …", see AuthWorld.skip). */
  skipReason?: string;
}

interface JsonStep {
  result?: { status: string };
  embeddings?: { data: string; mime_type: string }[];
}

interface JsonFeature {
  uri: string;
  elements?: { type: string; name: string; tags?: { name: string }[]; before?: JsonStep[]; steps?: JsonStep[]; after?: JsonStep[] }[];
}

/** The scenarios of one Cucumber JSON report; `variants` names the configuration each family's server ran in. */
export function runOutcomes(cucumberJson: string, variants: Record<string, string> = {}): Outcome[] {
  if (!existsSync(cucumberJson)) return [];
  const features = JSON.parse(readFileSync(cucumberJson, 'utf8')) as JsonFeature[];
  return features.flatMap((feature) =>
    (feature.elements ?? [])
      .filter((element) => element.type === 'scenario')
      .map((element) => {
        const all = [...(element.before ?? []), ...(element.steps ?? []), ...(element.after ?? [])];
        const statuses = all.map((step) => step.result?.status ?? 'unknown');
        // Anything but passed or skipped (undefined, pending, ambiguous) would fail a strict run: it counts as failed.
        const status = statuses.some((s) => s !== 'passed' && s !== 'skipped') ? 'failed' : statuses.includes('skipped') ? 'skipped' : 'passed';
        return {
          family: familyOf(feature.uri),
          uri: feature.uri.replace(/\\/g, '/'),
          ...(variants[familyOf(feature.uri)] ? { variant: variants[familyOf(feature.uri)] } : {}),
          name: element.name,
          tags: (element.tags ?? []).map((tag) => tag.name),
          status,
          ...(status === 'skipped' ? { skipReason: skipReasonOf(all) } : {}),
        } satisfies Outcome;
      }),
  );
}

function skipReasonOf(steps: JsonStep[]): string {
  for (const embedding of steps.flatMap((step) => step.embeddings ?? [])) {
    if (!embedding.mime_type.startsWith('text/')) continue;
    // Logged text is kept as is; other text attachments are base64.
    const texts = [embedding.data, Buffer.from(embedding.data, 'base64').toString('utf8')];
    const reason = texts.map((text) => /^Skipped: (.*)$/m.exec(text)?.[1]).find(Boolean);
    if (reason) return reason;
  }
  return 'skipped by the run';
}
