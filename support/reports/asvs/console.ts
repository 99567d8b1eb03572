import { FAMILIES } from './catalogue';
import { releaseName, targetHeadline } from './labels';
import { totalsOf, type Matrix } from './matrix';

/** The few lines `npm start` prints after the contract coverage: target first, then totals per family. */
export function consoleSummary(matrix: Matrix, mdPath: string): string {
  const lines = [`OWASP ASVS ${releaseName(matrix)} coverage (${matrix.rows.length} requirements). ${targetHeadline(matrix)}`];
  for (const family of FAMILIES) {
    const t = totalsOf(matrix, family);
    const verified = matrix.target === 'real' ? `${t['verified-real']} verified on a real target` : `${t['verified-mocks']} verified on mocks only`;
    lines.push(
      `  ${family}: ${verified}, ${t['partly-verified']} partly verified, ${t.failed} failed, ${t.deviation} accepted deviations, ${t.skipped} skipped, ${t.untested} untested, ${t['n/a']} n/a; ${t.weaker} checks weaker than the requirement`,
    );
  }
  lines.push(`  matrix: ${mdPath}`);
  return lines.join('\n');
}
