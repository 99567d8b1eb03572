import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

export interface AllowlistEntry {
  family: string;
  /** An operationId, or `*` for every operation of the family. */
  operation: string;
  status: number;
  reason: string;
  reference: string;
}

/** Known gaps of the public descriptions (undocumented statuses), each with its reason and reference. */
export class Allowlist {
  constructor(readonly entries: AllowlistEntry[]) {
    for (const entry of entries) {
      if (!entry.reason?.trim() || !entry.reference?.trim()) {
        throw new Error(`contract allowlist: ${entry.family} ${entry.operation} ${entry.status} needs a reason and a reference`);
      }
    }
  }

  allows(family: string, operationId: string, status: number): boolean {
    return this.entries.some((entry) => entry.family === family && (entry.operation === '*' || entry.operation === operationId) && entry.status === status);
  }

  static load(file = resolve(__dirname, '../../specs/contract-allowlist.yaml')): Allowlist {
    return new Allowlist((parse(readFileSync(file, 'utf8')) as { allow: AllowlistEntry[] }).allow);
  }
}
