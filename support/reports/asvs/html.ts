import { LEVELS } from './catalogue';
import { cellHeadline, KIND_LABELS, releaseName, SOURCE_LINE, targetHeadline, v4Ids, WEAKER_MARK } from './labels';
import { totalsOf, type Cell, type Matrix } from './matrix';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const COLOURS: Record<Cell['kind'], string> = {
  'verified-real': '#b7e4b7',
  'verified-embedded': '#c9ebc0',
  'verified-mocks': '#e3f1d4',
  'partly-verified': '#f4f0c8',
  failed: '#f4b6b6',
  'known-deviation': '#f6c9a0',
  deviation: '#f8dfa8',
  skipped: '#e0e0e0',
  untested: '#ffffff',
  'n/a': '#f3f3f3',
};

/**
 * The Allure page: one static file, inline CSS only (the report shows attachments in a frame, offline). The level
 * filter is three radio buttons and CSS, no script: "L1", "L1 and L2", "all".
 */
export function matrixHtml(matrix: Matrix): string {
  const cell = (value: Cell) =>
    `<td class="${value.kind.replace('/', '')}"><b>${escape(cellHeadline(value))}</b>` +
    `<small>${escape(value.detail)}${value.weaker ? `<br>${WEAKER_MARK} weaker: ${escape(value.weaker)}` : ''}</small></td>`;
  const rows = matrix.rows
    .map(({ requirement, cells }) =>
      `<tr class="${requirement.level}"><th>${requirement.id}<small>${requirement.level}</small></th><td>${v4Ids(requirement.v4)}</td><td>${escape(requirement.title)}${requirement.v4_note ? `<small>${escape(requirement.v4_note)}</small>` : ''}</td>${matrix.columns.map(({ label }) => cell(cells[label] as Cell)).join('')}</tr>`,
    )
    .join('\n');
  const totals = matrix.columns.map(({ label }) => {
    const t = totalsOf(matrix, label);
    return `<tr><th>${escape(label)}</th>${(Object.keys(KIND_LABELS) as Cell['kind'][]).map((kind) => `<td>${t[kind]}</td>`).join('')}<td>${t.weaker}</td></tr>`;
  }).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>OWASP ASVS coverage</title><style>
body { font: 13px/1.4 system-ui, sans-serif; margin: 1em; }
.headline { padding: .6em; border: 2px solid ${matrix.target === 'real' ? '#2a7' : '#c80'}; background: ${matrix.target === 'real' ? '#eefaf2' : '#fff6e0'}; font-weight: bold; }
table { border-collapse: collapse; margin: .8em 0; }
th, td { border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; text-align: left; }
small { display: block; color: #444; font-weight: normal; max-width: 22em; }
${(Object.keys(COLOURS) as Cell['kind'][]).map((kind) => `td.${kind.replace('/', '')} { background: ${COLOURS[kind]}; }`).join('\n')}
#l1:checked ~ table.matrix tr.L2, #l1:checked ~ table.matrix tr.L3, #l2:checked ~ table.matrix tr.L3 { display: none; }
</style></head><body>
<h1>OWASP ASVS coverage</h1>
<p class="headline">${escape(targetHeadline(matrix))}</p>
<p>${escape(SOURCE_LINE(matrix))}</p>
<table><tr><th>Family</th>${Object.values(KIND_LABELS).map((kind) => `<th>${kind.mark} ${kind.label}</th>`).join('')}<th>${WEAKER_MARK} weaker</th></tr>${totals}</table>
<p>Levels shown:</p>
<input type="radio" name="level" id="l1"><label for="l1">L1</label>
<input type="radio" name="level" id="l2"><label for="l2">L1 and L2</label>
<input type="radio" name="level" id="l3" checked><label for="l3">all (${LEVELS.join(', ')})</label>
<table class="matrix"><tr><th>ASVS ${releaseName(matrix)}</th><th>4.0.3</th><th>Requirement</th>${matrix.columns.map(({ label }) => `<th>${escape(label)}</th>`).join('')}</tr>
${rows}
</table>
<p>${WEAKER_MARK} marks a cell whose scenarios check less than the requirement asks.</p>
</body></html>
`;
}
