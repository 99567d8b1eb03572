import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { FAMILY_NAMES, type Family } from '../../core/families';

/** specs/asvs.yaml: the OWASP ASVS requirements authflow measures itself against (see its header). */
export const CATALOGUE_PATH = resolve(__dirname, '../../../specs/asvs.yaml');

export type Level = 'L1' | 'L2' | 'L3';
export const LEVELS: readonly Level[] = ['L1', 'L2', 'L3'];

export type FamilyEntry = (
  | { status: 'applies'; untested?: string; weaker?: string }
  | { status: 'n/a'; reason: string }
  | { status: 'deviation'; reference: string; weaker?: string }
) & {
  /**
   * Where one configuration of the family's server says otherwise (better-auth's `defaults` or `hardened`): the
   * entry for that configuration's column of the matrix.
   */
  configurations?: Record<string, FamilyEntry>;
};

/** The entry for one column: the configuration's own, or the family's. */
export function entryFor(requirement: Requirement, family: Family, variant: string | undefined): FamilyEntry {
  const entry = requirement.families[family];
  return (variant && entry.configurations?.[variant]) || entry;
}

export interface Requirement {
  /** The ASVS 4.0.3 id, e.g. `3.4.2`. */
  id: string;
  level: Level;
  title: string;
  /** The ASVS 5.0.0 id from OWASP's mapping, or null where the mapping deletes or merges it (`v5_note` says). */
  v5: string | null;
  v5_note?: string;
  families: Record<Family, FamilyEntry>;
}

export interface Catalogue {
  release: { asvs: string; mapping: string };
  requirements: Requirement[];
}

export const FAMILIES = Object.values(FAMILY_NAMES) as Family[];

/** Reads and checks the catalogue's shape: a malformed entry stops here with its id, not later in a report. */
export function loadCatalogue(path = CATALOGUE_PATH): Catalogue {
  const catalogue = parse(readFileSync(path, 'utf8')) as Catalogue;
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const requirement of catalogue.requirements) {
    const where = `requirement ${requirement.id}`;
    if (!/^\d+\.\d+\.\d+$/.test(String(requirement.id))) problems.push(`${where}: the id is not an ASVS id`);
    if (seen.has(requirement.id)) problems.push(`${where}: listed twice`);
    seen.add(requirement.id);
    if (!LEVELS.includes(requirement.level)) problems.push(`${where}: level must be L1, L2 or L3`);
    if (!requirement.title) problems.push(`${where}: no title`);
    if (requirement.v5 === undefined) problems.push(`${where}: no v5 (write null with a v5_note)`);
    if (requirement.v5 === null && !requirement.v5_note) problems.push(`${where}: v5 is null without a v5_note saying why`);
    for (const family of FAMILIES) {
      const entry = requirement.families?.[family];
      if (!entry) {
        problems.push(`${where}: nothing said about ${family}`);
        continue;
      }
      const check = (who: string, checked: FamilyEntry) => {
        if (checked.status === 'n/a' && !checked.reason) problems.push(`${where}: ${who} is n/a without a reason`);
        else if (checked.status === 'deviation' && !checked.reference) problems.push(`${where}: ${who}'s deviation has no vendor reference`);
        else if (checked.status === 'applies' && checked.untested !== undefined && !/^because /.test(checked.untested)) {
          problems.push(`${where}: ${who}'s untested must say "because …"`);
        } else if (!['applies', 'n/a', 'deviation'].includes(checked.status)) problems.push(`${where}: ${who} has an unknown status`);
      };
      check(family, entry);
      for (const [variant, override] of Object.entries(entry.configurations ?? {})) check(`${family} (${variant})`, override);
    }
  }
  if (problems.length > 0) throw new Error(`${path}:\n  ${problems.join('\n  ')}`);
  return catalogue;
}
