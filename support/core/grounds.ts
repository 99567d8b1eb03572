/**
 * What a scenario's expectations rest on (issue 9 item 6), read from its tags and shown in the report as `ground`
 * labels:
 *
 * - `@ground:documented`: a vendor document or a research fact (specs/, the research notes);
 * - `@ground:rfc6238:5.2`: a named standard, here RFC 6238 §5.2 (`@ground:rfc6265` without a section);
 * - `@ground:assumption:VR-001`: a choice of our mocks that no document makes (specs/assumptions.yaml).
 *
 * The ASVS tags already name a standard or a document, so they give a ground without a `@ground:` tag of their
 * own: `@asvs:6.5.1` rests on OWASP ASVS 5.0.0 6.5.1, `@asvs-deviation:14.2.1` on the vendor's documented shortfall.
 */

/** The ASVS release the tags name: the catalogue's (specs/asvs.yaml; test/unit/grounds.test.ts keeps the two equal). */
export const ASVS_RELEASE = '5.0.0';
export type GroundKind = 'documented' | 'standard' | 'assumption';

export interface Ground {
  kind: GroundKind;
  /** The standard's name and section, or the assumption's register id; none for `documented`. */
  name?: string;
}

const PREFIX = '@ground:';
const RFC = /^rfc(\d+)(?::([\w.-]+))?$/;
const ASSUMPTION = /^assumption:([A-Z]{2}-\d{3})$/;

/** The grounds a scenario's tags give it, each once, in the order the tags name them. */
export function groundsOf(tags: readonly string[]): Ground[] {
  const grounds = tags.flatMap((tag): Ground[] => {
    if (tag.startsWith('@asvs:')) return [{ kind: 'standard', name: `OWASP ASVS ${ASVS_RELEASE} ${tag.slice('@asvs:'.length)}` }];
    if (tag.startsWith('@asvs-deviation:')) return [{ kind: 'documented' }];
    if (!tag.startsWith(PREFIX)) return [];
    const ground = parseGround(tag.slice(PREFIX.length));
    return ground ? [ground] : [];
  });
  return grounds.filter((ground, index) => grounds.findIndex((other) => groundLabel(other) === groundLabel(ground)) === index);
}

/** The `@ground:` tags that say nothing this module understands (a typo would otherwise pass silently). */
export function unknownGroundTags(tags: readonly string[]): string[] {
  return tags.filter((tag) => tag.startsWith(PREFIX) && !parseGround(tag.slice(PREFIX.length)));
}

/** The label's value in the report: `documented`, `standard: RFC 6238 §5.2`, `assumption: VR-001`. */
export function groundLabel(ground: Ground): string {
  return ground.name ? `${ground.kind}: ${ground.name}` : ground.kind;
}

function parseGround(text: string): Ground | undefined {
  if (text === 'documented') return { kind: 'documented' };
  const assumption = ASSUMPTION.exec(text);
  if (assumption) return { kind: 'assumption', name: assumption[1] };
  const rfc = RFC.exec(text);
  if (rfc) return { kind: 'standard', name: `RFC ${rfc[1]}${rfc[2] ? ` §${rfc[2]}` : ''}` };
  return undefined;
}
