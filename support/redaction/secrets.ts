import { appendFileSync } from 'node:fs';

/** The marker every secret is replaced with in reports, logs and attachments. */
export const REDACTED = '«redacted»';

/** Values shorter than this are too common to sweep out of text safely (they are redacted structurally). */
const MIN_SWEEP_LENGTH = 4;

/**
 * The secret values a run has seen: passwords and TOTP secrets of the accounts it casts, codes it computes
 * or reads from mail, and every credential the client saw on the wire. Anything rendered for a human goes
 * through `redact`, so a value learned anywhere is hidden everywhere.
 *
 * Set AUTHFLOW_SECRETS_LOG to a file path to have every value appended there (one JSON string a line):
 * the project's own tests use it to scan a run's outputs for the actual values used.
 */
export class SecretRegistry {
  readonly #values = new Set<string>();

  constructor(private readonly logFile: string | undefined = process.env.AUTHFLOW_SECRETS_LOG) {}

  add(value: string | undefined | null): void {
    if (!value || value.length < MIN_SWEEP_LENGTH) return;
    for (const form of encodedForms(value)) {
      if (this.#values.has(form)) continue;
      this.#values.add(form);
      if (this.logFile) appendFileSync(this.logFile, `${JSON.stringify(form)}\n`);
    }
  }

  /**
   * Replaces every known secret value in `text` with the marker. A native substring search picks the few values
   * present first: one alternation of every secret the run has seen would be slow on every header and body.
   */
  sweep(text: string): string {
    if (this.#values.size === 0 || text.length === 0) return text;
    const present: string[] = [];
    for (const value of this.#values) if (text.includes(value)) present.push(value);
    if (present.length === 0) return text;
    const pattern = new RegExp(present.sort((a, b) => b.length - a.length).map(secretPattern).join('|'), 'g');
    return text.replace(pattern, REDACTED);
  }
}

/** The shapes a secret takes on the wire or in a report: as is, percent-encoded, JSON-escaped. */
function encodedForms(value: string): string[] {
  const forms = new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]);
  return [...forms].filter((form) => form.length >= MIN_SWEEP_LENGTH);
}

/**
 * A numeric code only counts as a word of its own: 123456 is not hidden inside the timestamp 1795123456789 or
 * the hex id 539552c3de17, which would otherwise collide with one in a few hundred thousand chances per code.
 */
export function secretPattern(value: string): string {
  const escaped = escapeRegExp(value);
  return /^\d+$/.test(value) ? `(?<![0-9A-Za-z])${escaped}(?![0-9A-Za-z])` : escaped;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One registry per process: each Cucumber worker learns the secrets of its own scenarios. */
export const secrets = new SecretRegistry();
