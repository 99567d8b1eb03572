import { appendFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { redactText } from '../redaction/redact';

/** What a real run can leave on a target, one kind of thing per line of the footprint report. */
export const FOOTPRINT_KINDS = [
  'Enhance logins',
  'Enhance memberships',
  'Enhance sessions',
  'Enhance avatars',
  'VRChat sessions',
  'Shoko API keys',
  'better-auth users',
  'better-auth sessions',
  'better-auth API keys',
  'Mails',
] as const;
export type FootprintKind = (typeof FOOTPRINT_KINDS)[number];

/**
 * One thing that happened to one item on a target:
 * - `created`: the run made it; `found`: it existed already and the run used it (a reused login);
 * - `changed`: the run changed it (its state must then be put back, kept or left behind);
 * - `put-back`: it is as the run found it, or in the documented resting state of the scheme;
 * - `kept`: left on purpose for the next run (a pooled login, a cached session), with `why`;
 * - `left-behind`: still there and not as found, with `why`; `avoidable` says whether the API offered a way back;
 * - `unusable`: an item of the scheme the run could not put into a known state, so did not use (with `why`).
 */
export type FootprintEvent = 'created' | 'found' | 'changed' | 'put-back' | 'kept' | 'left-behind' | 'unusable';

export interface FootprintRecord {
  kind: FootprintKind;
  /** Names the item without a secret (a login's address, a session's owner and number). */
  item: string;
  event: FootprintEvent;
  why?: string;
  avoidable?: boolean;
  at: number;
}

/**
 * The run's footprint on real targets, one JSON line per event in a file of this process's own under the run's
 * reports (`footprint/`), appended as it happens: parallel workers never share a file, and a worker that dies
 * keeps what it recorded. `npm start` merges them at the end (support/reports/footprint/report.ts).
 */
export class FootprintLedger {
  #file: string | undefined;
  #enabled = false;

  /** Only real runs have a footprint; the embedded mocks are thrown away with the run. */
  enable(reportsDir = process.env.REPORTS_DIR ?? 'reports'): void {
    const dir = resolve(reportsDir, 'footprint');
    mkdirSync(dir, { recursive: true });
    this.#file = resolve(dir, `worker-${process.env.CUCUMBER_WORKER_ID ?? 'main'}-${process.pid}.jsonl`);
    this.#enabled = true;
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  record(kind: FootprintKind, item: string, event: FootprintEvent, details: { why?: string; avoidable?: boolean } = {}): void {
    if (!this.#enabled || !this.#file) return;
    const record: FootprintRecord = { kind, item: redactText(item), event, ...details, ...(details.why ? { why: redactText(details.why) } : {}), at: Date.now() };
    appendFileSync(this.#file, `${JSON.stringify(record)}\n`);
  }
}

/** The one ledger of this process. */
export const footprint = new FootprintLedger();
