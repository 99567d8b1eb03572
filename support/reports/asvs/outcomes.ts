import { familyOf } from '../../core/families';
import { reportScenarios, type JsonStep } from '../cucumber-json';

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

/** The scenarios of one Cucumber JSON report; `variants` names the configuration each family's server ran in. */
export function runOutcomes(cucumberJson: string, variants: Record<string, string> = {}): Outcome[] {
  return reportScenarios(cucumberJson).map(({ uri, name, tags, steps }) => {
    const statuses = steps.map((step) => step.result?.status ?? 'unknown');
    // Anything but passed or skipped (undefined, pending, ambiguous) would fail a strict run: it counts as failed.
    const status = statuses.some((s) => s !== 'passed' && s !== 'skipped') ? 'failed' : statuses.includes('skipped') ? 'skipped' : 'passed';
    const family = familyOf(uri);
    return {
      family,
      uri,
      ...(variants[family] ? { variant: variants[family] } : {}),
      name,
      tags,
      status,
      ...(status === 'skipped' ? { skipReason: skipReasonOf(steps) } : {}),
    } satisfies Outcome;
  });
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
