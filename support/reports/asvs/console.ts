import { releaseName, targetHeadline } from './labels';
import { totalsOf, type Matrix } from './matrix';

/** The few lines `npm start` prints after the contract coverage: target first, then totals per family. */
export function consoleSummary(matrix: Matrix, mdPath: string): string {
  const lines = [`OWASP ASVS ${releaseName(matrix)} coverage (${matrix.rows.length} requirements). ${targetHeadline(matrix)}`];
  for (const column of matrix.columns) {
    const t = totalsOf(matrix, column.label);
    const verified = {
      real: `${t['verified-real']} verified on a real target`,
      embedded: `${t['verified-embedded']} verified on the embedded framework`,
      mocks: `${t['verified-mocks']} verified on mocks only`,
    }[column.measuredOn];
    lines.push(
      `  ${column.label}: ${verified}, ${t['partly-verified']} partly verified, ${t.failed} failed, ${t['known-deviation']} known deviations of the target, ${t.deviation} accepted deviations, ${t.skipped} skipped, ${t.untested} untested, ${t['n/a']} n/a; ${t.weaker} checks weaker than the requirement`,
    );
  }
  lines.push(`  matrix: ${mdPath}`);
  return lines.join('\n');
}
