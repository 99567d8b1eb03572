/**
 * How `npm run defects` judges one defect's run: caught by the scenario written to catch it, caught only by some
 * other scenario (which would stop catching it the day that scenario changes, unnoticed), or not caught at all.
 */
import type { Catcher, DefectSpec } from '../mocks/shared/defects';

/** A scenario as a run or the features name it: its title and every tag it carries. */
export interface NamedScenario {
  name: string;
  tags: readonly string[];
}

export type Verdict = 'caught by its own scenario' | 'caught only elsewhere' | 'SURVIVED';

export interface Judgement {
  verdict: Verdict;
  /** The failed scenarios the defect names. */
  own: string[];
  /** The other failed scenarios. */
  elsewhere: string[];
}

export function catches(catcher: Catcher, scenario: NamedScenario): boolean {
  if (typeof catcher === 'string') return scenario.name === catcher;
  return scenario.tags.includes(`@asvs:${catcher.asvs}`) || scenario.tags.includes(`@asvs-deviation:${catcher.asvs}`);
}

export function judge(spec: DefectSpec, failed: readonly NamedScenario[]): Judgement {
  const isOwn = (scenario: NamedScenario) => spec.caughtBy.some((catcher) => catches(catcher, scenario));
  const own = failed.filter(isOwn).map((scenario) => scenario.name);
  const elsewhere = failed.filter((scenario) => !isOwn(scenario)).map((scenario) => scenario.name);
  const verdict: Verdict = own.length > 0 ? 'caught by its own scenario' : elsewhere.length > 0 ? 'caught only elsewhere' : 'SURVIVED';
  return { verdict, own, elsewhere };
}

/** The catchers of a defect that match no scenario of its family as written (a renamed title, a dropped tag). */
export function unmatchedCatchers(spec: DefectSpec, written: readonly NamedScenario[]): Catcher[] {
  return spec.caughtBy.filter((catcher) => !written.some((scenario) => catches(catcher, scenario)));
}

export function describeCatcher(catcher: Catcher): string {
  return typeof catcher === 'string' ? `"${catcher}"` : `the scenarios tagged for ASVS ${catcher.asvs}`;
}
