import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/** specs/assumptions.yaml: the mocks' choices that no document makes (issue 9 item 1; see its header). */
export const REGISTER_PATH = resolve(__dirname, '../../specs/assumptions.yaml');

/** The fields of an entry that the grounds need: which assumption it is and what depends on it. */
export interface Assumption {
  id: string;
  family: string;
  /** Scenario titles (a note in parentheses may follow) or step texts, as the register writes them. */
  depends: string[];
}

export function loadAssumptions(path = REGISTER_PATH): Assumption[] {
  return (parse(readFileSync(path, 'utf8')) as Assumption[]).map(({ id, family, depends }) => ({ id, family, depends: depends ?? [] }));
}
