import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { FAMILY_NAMES, type Family } from '../../core/families';

/** specs/asvs.yaml: the OWASP ASVS 5.0.0 requirements authflow measures itself against (see its header). */
export const CATALOGUE_PATH = resolve(__dirname, '../../../specs/asvs.yaml');

/** specs/asvs-5.0.0-ids.yaml: every ASVS 5.0.0 id with its level, against which the catalogue is checked. */
export const RELEASE_IDS_PATH = resolve(__dirname, '../../../specs/asvs-5.0.0-ids.yaml');

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
  /** The ASVS 5.0.0 id, e.g. `3.3.4`. */
  id: string;
  /** Its level in ASVS 5.0.0. */
  level: Level;
  title: string;
  /** The ASVS 4.0.3 ids OWASP's mapping leads here (several where they merged; none where 5.0 added it). */
  v4: string[];
  /** What changed from 4.0.3, where it matters for a verdict. */
  v4_note?: string;
  families: Record<Family, FamilyEntry>;
}

export interface Catalogue {
  release: { asvs: string; mapping: string };
  requirements: Requirement[];
}

export const FAMILIES = Object.values(FAMILY_NAMES) as Family[];

/** Every ASVS 5.0.0 id and its level. */
export function releaseLevels(path = RELEASE_IDS_PATH): Map<string, Level> {
  const { requirements } = parse(readFileSync(path, 'utf8')) as { requirements: Record<string, { level: Level }> };
  return new Map(Object.entries(requirements).map(([id, { level }]) => [id, level]));
}

/**
 * Reads and checks the catalogue's shape: a malformed entry, an id that is not in ASVS 5.0.0, or a level other than
 * 5.0.0's stops here with its id, not later in a report.
 */
export function loadCatalogue(path = CATALOGUE_PATH, release = releaseLevels()): Catalogue {
  const catalogue = parse(readFileSync(path, 'utf8')) as Catalogue;
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const requirement of catalogue.requirements) {
    const where = `requirement ${requirement.id}`;
    if (!/^\d+\.\d+\.\d+$/.test(String(requirement.id))) problems.push(`${where}: the id is not an ASVS id`);
    else if (!release.has(requirement.id)) problems.push(`${where}: not a requirement of ASVS 5.0.0`);
    else if (release.get(requirement.id) !== requirement.level) problems.push(`${where}: ASVS 5.0.0 puts it at ${release.get(requirement.id)}, not ${requirement.level}`);
    if (seen.has(requirement.id)) problems.push(`${where}: listed twice`);
    seen.add(requirement.id);
    if (!LEVELS.includes(requirement.level)) problems.push(`${where}: level must be L1, L2 or L3`);
    if (!requirement.title) problems.push(`${where}: no title`);
    if (!Array.isArray(requirement.v4) || requirement.v4.some((id) => !/^\d+\.\d+\.\d+$/.test(String(id)))) problems.push(`${where}: v4 must list the 4.0.3 ids it maps from ([] when new in 5.0)`);
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
