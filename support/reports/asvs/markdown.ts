import { LEVELS } from './catalogue';
import { cellHeadline, KIND_LABELS, releaseName, SOURCE_LINE, targetHeadline, v4Ids, WEAKER_MARK } from './labels';
import { rowsAt, totalsOf, type Cell, type Matrix } from './matrix';

const cellText = cellHeadline;
const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** reports/asvs-coverage.md: the matrix by level (one section each), then every cell's reason. */
export function matrixMarkdown(matrix: Matrix): string {
  const lines = [
    '# OWASP ASVS coverage',
    '',
    `**${targetHeadline(matrix)}**`,
    '',
    SOURCE_LINE(matrix),
    '',
    `Legend: ${Object.values(KIND_LABELS).map((kind) => `${kind.mark} ${kind.label}`).join(' · ')} · ${WEAKER_MARK} the check is weaker than the requirement (see the details).`,
    '',
    '## Totals',
    '',
    `| Family | ${Object.values(KIND_LABELS).map((kind) => kind.label).join(' | ')} | ${WEAKER_MARK} weaker |`,
    `| --- |${' --- |'.repeat(Object.keys(KIND_LABELS).length + 1)}`,
    ...matrix.columns.map(({ label }) => {
      const totals = totalsOf(matrix, label);
      return `| ${label} | ${(Object.keys(KIND_LABELS) as (keyof typeof KIND_LABELS)[]).map((kind) => totals[kind]).join(' | ')} | ${totals.weaker} |`;
    }),
  ];
  for (const level of LEVELS) {
    const rows = rowsAt(matrix, level);
    if (rows.length === 0) continue;
    const labels = matrix.columns.map((column) => column.label);
    lines.push('', `## Level ${level.slice(1)} (${level})`, '', `| ASVS ${releaseName(matrix)} | 4.0.3 | Requirement | ${labels.join(' | ')} |`, `| --- | --- | --- |${' --- |'.repeat(labels.length)}`);
    for (const { requirement, cells } of rows) {
      lines.push(`| ${requirement.id} | ${v4Ids(requirement.v4)} | ${escape(requirement.title)} | ${labels.map((label) => cellText(cells[label] as Cell)).join(' | ')} |`);
    }
  }
  lines.push('', '## Details', '');
  for (const { requirement, cells } of matrix.rows) {
    lines.push(`- **${requirement.id}** (${requirement.level}; 4.0.3: ${v4Ids(requirement.v4)}) ${requirement.title}${requirement.v4_note ? ` — ${requirement.v4_note}` : ''}`);
    for (const { label } of matrix.columns) {
      const cell = cells[label] as Cell;
      lines.push(`  - ${label}: ${cellText(cell)}: ${escape(cell.detail)}${cell.weaker ? `. ${WEAKER_MARK} weaker: ${escape(cell.weaker)}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
