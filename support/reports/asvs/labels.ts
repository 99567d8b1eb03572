import type { Cell, CellKind, Matrix } from './matrix';

/** The words and marks every rendering of the matrix shares, so the page, the file and the console agree. */
export const KIND_LABELS: Record<CellKind, { mark: string; label: string }> = {
  'verified-real': { mark: '✔', label: 'verified on a real target' },
  'verified-embedded': { mark: '✔ₑ', label: 'verified on the embedded framework' },
  'verified-mocks': { mark: '✔ₘ', label: 'verified on mocks only' },
  'partly-verified': { mark: '✔⁻', label: 'partly verified' },
  failed: { mark: '✘', label: 'failed' },
  'known-deviation': { mark: '≈', label: 'known deviation of the target' },
  deviation: { mark: '≠', label: 'accepted deviation' },
  skipped: { mark: '⏭', label: 'skipped' },
  untested: { mark: '·', label: 'untested' },
  'n/a': { mark: '—', label: 'n/a' },
};

/**
 * A cell as one line: its mark and label, how many of its scenarios ran and passed where that is not all of them
 * ("partly verified (1 of 2 scenarios ran)"), and the weaker mark.
 */
export function cellHeadline(cell: Cell): string {
  const { mark, label } = KIND_LABELS[cell.kind];
  const count = cell.passed && cell.passed.count < cell.passed.of ? ` (${cell.passed.count} of ${cell.passed.of} scenario${cell.passed.of > 1 ? 's' : ''} ran)` : '';
  return `${mark} ${label}${count}${cell.weaker ? ` ${WEAKER_MARK}` : ''}`;
}

/** Marks a cell whose scenarios check less than the requirement asks. */
export const WEAKER_MARK = '◐';

/** Said first everywhere, so a green on the mocks is never read as the product passing. */
export function targetHeadline(matrix: Matrix): string {
  if (matrix.target === 'real') return 'Measured on REAL servers (TARGET=real): the cells marked verified are the product\'s behaviour.';
  const embedded = [...new Set(matrix.columns.filter((column) => column.measuredOn === 'embedded').map((column) => column.family))];
  const mocks = [...new Set(matrix.columns.filter((column) => column.measuredOn === 'mocks').map((column) => column.family))];
  return (
    `Measured on the EMBEDDED MOCKS for ${mocks.join(', ')}, not the product: "verified on mocks only" shows the scenarios hold against authflow's own mocks; run with TARGET=real to measure a real server.` +
    (embedded.length > 0 ? ` ${embedded.join(', ')}: the REAL framework embedded in the run, in each configuration named in its column: "verified on the embedded framework" is the product's behaviour in that configuration.` : '')
  );
}

export const SOURCE_LINE = (matrix: Matrix) =>
  `OWASP ASVS ${releaseName(matrix)} (${matrix.release.asvs}; the 4.0.3 ids each requirement maps from: ${matrix.release.mapping}), CC BY-SA 4.0. Titles are short paraphrases; the catalogue is specs/asvs.yaml.`;

/** `v5.0.0_release` → `5.0.0`: the version every rendering names, from the catalogue, never written into the code. */
export function releaseName(matrix: Pick<Matrix, 'release'>): string {
  return /(\d+\.\d+\.\d+)/.exec(matrix.release.asvs)?.[1] ?? matrix.release.asvs;
}

/** The 4.0.3 column: the ids a requirement maps from, or a dash where 5.0 added it. */
export const v4Ids = (ids: readonly string[]) => (ids.length > 0 ? ids.join(', ') : '–');
