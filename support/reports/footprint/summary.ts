import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FOOTPRINT_KINDS, type FootprintKind, type FootprintRecord } from '../../core/footprint';

/** Where one item ended up after the whole run. */
export interface ItemOutcome {
  kind: FootprintKind;
  item: string;
  created: boolean;
  found: boolean;
  changed: boolean;
  outcome: 'put-back' | 'kept' | 'left-behind' | 'unusable' | 'untouched';
  why: string | undefined;
  /** A left-behind item the API offered a way back for: the harness's fault, not the target's. */
  avoidable: boolean;
}

export interface KindSummary {
  kind: FootprintKind;
  created: number;
  found: number;
  changedAndPutBack: number;
  kept: { count: number; why: string[] };
  leftBehind: { count: number; why: string[] };
  avoidable: ItemOutcome[];
  unusable: ItemOutcome[];
}

export interface Footprint {
  items: ItemOutcome[];
  kinds: KindSummary[];
  /** Workers whose records were merged. */
  workers: number;
}

/** Every worker's records, in the order they happened (a file's own order breaks ties). */
export function readRecords(dir: string): { records: FootprintRecord[]; workers: number } {
  if (!existsSync(dir)) return { records: [], workers: 0 };
  const files = readdirSync(dir).filter((name) => name.endsWith('.jsonl'));
  const records = files.flatMap((name) =>
    readFileSync(resolve(dir, name), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as FootprintRecord),
  );
  return { records: records.map((record, index) => ({ record, index })).sort((a, b) => a.record.at - b.record.at || a.index - b.index).map(({ record }) => record), workers: files.length };
}

/**
 * Merges the records per item: an item's last word (put back, kept, left behind, unusable) is where it ended;
 * an item that was created or changed and has no last word was left behind by a run that stopped on the way
 * (avoidable: the run could have put it back).
 */
export function summariseFootprint(records: FootprintRecord[], workers = 1): Footprint {
  const byItem = new Map<string, FootprintRecord[]>();
  for (const record of records) {
    const key = `${record.kind}\u0000${record.item}`;
    byItem.set(key, [...(byItem.get(key) ?? []), record]);
  }
  const items = [...byItem.values()].map((events): ItemOutcome => {
    const first = events[0]!;
    const last = events.filter((event) => ['put-back', 'kept', 'left-behind', 'unusable'].includes(event.event)).at(-1);
    const created = events.some((event) => event.event === 'created');
    const changed = events.some((event) => event.event === 'changed');
    // A word before the item's last change does not cover that change.
    const lastChange = events.findLastIndex((event) => event.event === 'changed' || event.event === 'created');
    const settled = last && events.lastIndexOf(last) > lastChange;
    if (!settled && (created || changed)) {
      return { kind: first.kind, item: first.item, created, found: !created, changed, outcome: 'left-behind', why: 'the run stopped before putting it back', avoidable: true };
    }
    return {
      kind: first.kind,
      item: first.item,
      created,
      found: !created && events.some((event) => event.event === 'found'),
      changed,
      outcome: (last?.event as ItemOutcome['outcome'] | undefined) ?? 'untouched',
      why: last?.why,
      avoidable: last?.event === 'left-behind' && last.avoidable === true,
    };
  });
  const kinds = FOOTPRINT_KINDS.map((kind): KindSummary => {
    const mine = items.filter((item) => item.kind === kind);
    const reasons = (outcome: ItemOutcome['outcome']) => tally(mine.filter((item) => item.outcome === outcome).map((item) => item.why ?? 'no reason given'));
    return {
      kind,
      created: mine.filter((item) => item.created).length,
      found: mine.filter((item) => item.found).length,
      changedAndPutBack: mine.filter((item) => item.outcome === 'put-back').length,
      kept: { count: mine.filter((item) => item.outcome === 'kept').length, why: reasons('kept') },
      leftBehind: { count: mine.filter((item) => item.outcome === 'left-behind').length, why: reasons('left-behind') },
      avoidable: mine.filter((item) => item.outcome === 'left-behind' && item.avoidable),
      unusable: mine.filter((item) => item.outcome === 'unusable'),
    };
  });
  return { items, kinds, workers };
}

/** "why (×3)" lines, most frequent first. */
function tally(reasons: string[]): string[] {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([reason, count]) => (count > 1 ? `${reason} (×${count})` : reason));
}

export function loadFootprint(reportsDir: string): Footprint | undefined {
  const { records, workers } = readRecords(resolve(reportsDir, 'footprint'));
  return workers === 0 ? undefined : summariseFootprint(records, workers);
}
