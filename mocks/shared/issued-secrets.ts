import { appendFileSync } from 'node:fs';

/**
 * Every secret a mock hands out (session and device tokens, codes, PINs, keys, one-time links) is appended to
 * AUTHFLOW_SECRETS_LOG when it is set, one JSON string a line: the project's secret scan then also looks for
 * values the harness never saw (a PIN mailed but not read, say). Off otherwise.
 */
export function recordIssued(...values: (string | undefined | null)[]): void {
  const file = process.env.AUTHFLOW_SECRETS_LOG;
  if (!file) return;
  const lines = values.filter((value): value is string => typeof value === 'string' && value.length > 0).map((value) => JSON.stringify(value));
  if (lines.length > 0) appendFileSync(file, `${lines.join('\n')}\n`);
}
