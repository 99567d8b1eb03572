import { existsSync, readFileSync } from 'node:fs';
import { encodedForms, MIN_SWEEP_LENGTH } from '../../support/redaction/secrets';

/**
 * The project's own scan for leaked secrets, written apart from the redaction it checks: every value a run used
 * (AUTHFLOW_SECRETS_LOG files of the harness and of the mocks), in every form it can take in a report (as is,
 * percent- and form-encoded, JSON- and HTML-escaped), looked for in every file the run wrote.
 *
 * - A value of MIN_SWEEP_LENGTH characters or more is a hit anywhere; digits only count as a whole number
 *   (123456 is not inside the timestamp 1795123456789), wherever that number stands, a JSON value included.
 * - A shorter value (a 4-digit PIN) is a hit where it stands as a whole value: a JSON string or number, a form field
 *   or query value, a header's value, a path segment, a quoted literal. Inside other text ("2025-12-04", ":8443")
 *   it is not: redaction leaves dates, statuses and ports readable on purpose.
 *
 * The only numbers left out are those a report writes as measurements under keys that never hold a secret
 * (Cucumber's and Allure's durations and times): a 6-digit code collides with one of them now and then by chance.
 */
export interface ScanResult {
  files: number;
  values: number;
  leaks: string[];
}

const MEASUREMENT = /"(?:nanos|seconds|start|stop|duration|durationMs|timestamp|time|size|length)"\s*:\s*$/;

export function readSecretLogs(paths: readonly string[]): string[] {
  const values = new Set<string>();
  for (const path of paths) {
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, 'utf8').split('\n')) if (line) values.add(JSON.parse(line) as string);
  }
  return [...values];
}

/** Looks for every value in every text; `texts` yields each file's name and text once. */
export function scanForSecrets(values: readonly string[], texts: Iterable<{ name: string; text: string }>): ScanResult {
  const long = new Map<string, string[]>();
  const short: string[] = [];
  for (const value of values) {
    if (value.length < MIN_SWEEP_LENGTH) {
      short.push(value);
      continue;
    }
    for (const form of encodedForms(value)) {
      const key = form.slice(0, MIN_SWEEP_LENGTH);
      long.set(key, [...(long.get(key) ?? []), form]);
    }
  }
  const leaks: string[] = [];
  let files = 0;
  for (const { name, text } of texts) {
    files += 1;
    const found = findLong(text, long) ?? short.find((value) => text.includes(value) && standsWhole(text, value));
    if (found) leaks.push(`${name} contains a secret (${found.length} characters${/^\d+$/.test(found) ? ', digits' : ''})`);
  }
  return { files, values: values.length, leaks };
}

function findLong(text: string, index: Map<string, string[]>): string | undefined {
  for (let at = 0; at + MIN_SWEEP_LENGTH <= text.length; at += 1) {
    const forms = index.get(text.slice(at, at + MIN_SWEEP_LENGTH));
    if (!forms) continue;
    for (const form of forms) {
      if (!text.startsWith(form, at)) continue;
      if (!/^\d+$/.test(form)) return form;
      const wordBefore = at > 0 && /[0-9A-Za-z]/.test(text[at - 1] ?? '');
      const wordAfter = /[0-9A-Za-z]/.test(text[at + form.length] ?? '');
      if (!wordBefore && !wordAfter && !MEASUREMENT.test(text.slice(Math.max(0, at - 24), at))) return form;
    }
  }
  return undefined;
}

/** A short value as a whole value: quoted, after a colon or `=` up to a delimiter, or a path segment. */
function standsWhole(text: string, value: string): boolean {
  const v = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(["'\`])${v}\\1|[:=]\\s*${v}(?=[,}\\]&\\s;]|$)|/${v}(?=[/?#\\s"']|$)`, 'm').test(text);
}
