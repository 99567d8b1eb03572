import { appendFileSync } from 'node:fs';

/** The marker every secret is replaced with in reports, logs and attachments. */
export const REDACTED = '«redacted»';

/**
 * Values shorter than this (a 4-digit PIN, a 3-letter code) are too common to sweep out of text: "2025" is also a
 * year, "401" a status, "8443" a port. They are hidden only where they stand as a whole value: a JSON value, a form
 * field or query value, a header, a path segment, a quoted literal (see `isShortSecret` and redact.ts).
 */
export const MIN_SWEEP_LENGTH = 6;

/** How many leading characters index the sweepable values (every form of one is at least this long). */
const KEY_LENGTH = MIN_SWEEP_LENGTH;

/**
 * The secret values a run has seen: passwords and TOTP secrets of the accounts it casts, codes it computes
 * or reads from mail, and every credential the client saw on the wire. Anything rendered for a human goes
 * through `redact`, so a value learned anywhere is hidden everywhere.
 *
 * Set AUTHFLOW_SECRETS_LOG to a file path to have every value appended there (one JSON string a line):
 * the project's own tests use it to scan a run's outputs for the actual values used.
 */
export class SecretRegistry {
  /** Every sweepable form, by its first KEY_LENGTH characters: a sweep looks up each position of a text once. */
  readonly #byKey = new Map<string, string[]>();
  readonly #forms = new Set<string>();
  readonly #short = new Set<string>();

  constructor(private readonly logFile: string | undefined = process.env.AUTHFLOW_SECRETS_LOG) {}

  add(value: string | number | undefined | null): void {
    if (value === undefined || value === null) return;
    const text = String(value);
    if (text === '') return;
    if (text.length < MIN_SWEEP_LENGTH) {
      if (this.#short.has(text)) return;
      this.#short.add(text);
      this.#log([text]);
      return;
    }
    const added = encodedForms(text).filter((form) => !this.#forms.has(form));
    for (const form of added) {
      this.#forms.add(form);
      const key = form.slice(0, KEY_LENGTH);
      const bucket = this.#byKey.get(key);
      if (bucket) bucket.push(form);
      else this.#byKey.set(key, [form]);
    }
    this.#log(added);
  }

  /** A value too short to sweep that the run knows as a secret: hidden where it is a whole value. */
  isShortSecret(value: string): boolean {
    return this.#short.size > 0 && this.#short.has(value);
  }

  /** The short secrets, for rules that look for them as whole values in text (quoted literals). */
  get shortSecrets(): ReadonlySet<string> {
    return this.#short;
  }

  /**
   * Replaces every known secret value in `text` with the marker. Each position of the text is looked up once in
   * the index of the values' first characters, so the cost follows the text's length, not the number of secrets
   * the run has seen (a run's worker learns a few thousand forms).
   */
  sweep(text: string): string {
    if (this.#byKey.size === 0 || text.length < KEY_LENGTH) return text;
    let present: Set<string> | undefined;
    const last = text.length - KEY_LENGTH;
    for (let at = 0; at <= last; at += 1) {
      const bucket = this.#byKey.get(text.slice(at, at + KEY_LENGTH));
      if (!bucket) continue;
      for (const form of bucket) if (text.startsWith(form, at)) (present ??= new Set()).add(form);
    }
    if (!present) return text;
    const pattern = new RegExp([...present].sort((a, b) => b.length - a.length).map(secretPattern).join('|'), 'g');
    return text.replace(pattern, REDACTED);
  }

  #log(values: readonly string[]): void {
    if (this.logFile && values.length > 0) appendFileSync(this.logFile, values.map((value) => `${JSON.stringify(value)}\n`).join(''));
  }
}

/**
 * The shapes a secret takes on the wire or in a report: as is, percent-encoded (as a URL component and as a form
 * field, where a space is `+` and `!'()*` are escaped too), JSON-escaped, and HTML-escaped (an HTML report or mail).
 */
export function encodedForms(value: string): string[] {
  const forms = new Set([
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    JSON.stringify(value).slice(1, -1),
    escapeHtml(value),
    escapeHtml(value, true),
  ]);
  return [...forms].filter((form) => form.length >= MIN_SWEEP_LENGTH);
}

/** `&`, `<`, `>`, `"` and `'` as HTML writers escape them (`&#39;` or, with `hex`, `&#x27;`). */
function escapeHtml(text: string, hex = false): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": hex ? '&#x27;' : '&#39;' })[character] ?? character);
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
