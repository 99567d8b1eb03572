import type { Family } from '../../core/families';
import type { Catalogue } from './catalogue';
import { asvsTags, type WrittenScenario } from './scenarios';

/**
 * What keeps the tags and the catalogue honest with each other: a tag names a catalogued requirement; a deviation
 * tag has the family's documented deviation behind it; a check is never tagged where the catalogue says n/a; an L1 requirement that applies to a family is either checked
 * by one of its scenarios or says why not. One message per problem.
 */
export function catalogueProblems(catalogue: Catalogue, scenarios: readonly WrittenScenario[]): string[] {
  const byId = new Map(catalogue.requirements.map((requirement) => [requirement.id, requirement]));
  const problems: string[] = [];
  for (const scenario of scenarios) {
    const where = `${scenario.uri} "${scenario.name}"`;
    const { checks, deviations } = asvsTags(scenario.tags);
    for (const id of [...checks, ...deviations]) if (!byId.has(id)) problems.push(`${where}: ASVS ${id} is not in the catalogue`);
    for (const id of deviations) {
      const entry = byId.get(id)?.families[scenario.family as Family];
      if (byId.has(id) && entry?.status !== 'deviation') problems.push(`${where}: @asvs-deviation:${id}, but the catalogue records no ${scenario.family} deviation for ${id}`);
    }
    for (const id of checks) {
      const entry = byId.get(id)?.families[scenario.family as Family];
      if (entry?.status === 'n/a') problems.push(`${where}: @asvs:${id}, but the catalogue says ${id} cannot apply to ${scenario.family} (${entry.reason})`);
    }
  }
  for (const requirement of catalogue.requirements) {
    if (requirement.level !== 'L1') continue;
    for (const [family, entry] of Object.entries(requirement.families)) {
      if (entry.status !== 'applies' || entry.untested) continue;
      const tagged = scenarios.some((scenario) => scenario.family === family && asvsTags(scenario.tags).checks.includes(requirement.id));
      if (!tagged) problems.push(`ASVS ${requirement.id} (L1) applies to ${family}, but no ${family} scenario is tagged @asvs:${requirement.id} and the catalogue gives no untested: "because …"`);
    }
  }
  return problems;
}
