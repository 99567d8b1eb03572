import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { writeAllurePage } from '../allure-page';
import { loadFootprint, type Footprint, type KindSummary } from './summary';

/** The Allure result's fixed identity, so a test (and a later run's history) can find the page. */
export const FOOTPRINT_ALLURE = { historyId: 'authflow-footprint', fullName: 'authflow:footprint', attachment: 'Footprint on the targets' };

/**
 * What a real run did to its targets, merged from every worker's records (support/core/footprint.ts): printed,
 * written to `footprint.md` and `footprint.json`, and with `asPage` a page of the Allure report, failed when
 * something was left behind that the API offered a way to put back. A run on the embedded mocks has none.
 */
export function reportFootprint(reportsDir: string, options: { asPage: boolean }): Footprint | undefined {
  const footprint = loadFootprint(reportsDir);
  if (!footprint) return undefined;
  const markdown = footprintMarkdown(footprint);
  const mdPath = resolve(reportsDir, 'footprint.md');
  writeFileSync(mdPath, markdown);
  writeFileSync(resolve(reportsDir, 'footprint.json'), `${JSON.stringify(footprint, null, 2)}\n`);
  console.log(`\n${footprintConsole(footprint)}\n  (${relative(process.cwd(), mdPath) || mdPath})`);
  if (options.asPage) writeFootprintPage(resolve(reportsDir, 'allure-results'), footprint, markdown);
  return footprint;
}

const line = (summary: KindSummary) =>
  [
    `created ${summary.created}`,
    `reused ${summary.found}`,
    `changed and put back ${summary.changedAndPutBack}`,
    `kept for the next run ${summary.kept.count}`,
    `left behind ${summary.leftBehind.count}`,
    ...(summary.unusable.length > 0 ? [`not usable ${summary.unusable.length}`] : []),
  ].join(', ');

const touched = (footprint: Footprint) => footprint.kinds.filter((summary) => footprint.items.some((item) => item.kind === summary.kind));

export function footprintConsole(footprint: Footprint): string {
  const rows = touched(footprint).flatMap((summary) => [
    `  ${summary.kind}: ${line(summary)}`,
    ...summary.kept.why.map((why) => `      kept: ${why}`),
    ...summary.leftBehind.why.map((why) => `      left behind: ${why}`),
    ...summary.unusable.map((item) => `      not used: ${item.item}: ${item.why ?? ''}`),
  ]);
  const avoidable = footprint.items.filter((item) => item.avoidable);
  return [
    `Footprint on the targets (${footprint.workers} worker(s)):`,
    ...(rows.length > 0 ? rows : ['  nothing created or changed']),
    avoidable.length === 0 ? '  Nothing was left behind that could have been put back.' : `  LEFT BEHIND although it could have been put back: ${avoidable.map((item) => `${item.kind} ${item.item}`).join('; ')}`,
  ].join('\n');
}

export function footprintMarkdown(footprint: Footprint): string {
  const table = [
    '| What | Created | Reused | Changed and put back | Kept for the next run | Left behind |',
    '| --- | --- | --- | --- | --- | --- |',
    ...touched(footprint).map((summary) => `| ${summary.kind} | ${summary.created} | ${summary.found} | ${summary.changedAndPutBack} | ${summary.kept.count} | ${summary.leftBehind.count} |`),
  ];
  const reasons = touched(footprint).flatMap((summary) => [
    ...summary.kept.why.map((why) => `- ${summary.kind}, kept: ${why}`),
    ...summary.leftBehind.why.map((why) => `- ${summary.kind}, left behind: ${why}`),
    ...summary.unusable.map((item) => `- ${summary.kind}, not used: ${item.item}: ${item.why ?? ''}`),
  ]);
  const avoidable = footprint.items.filter((item) => item.avoidable);
  return [
    '# Footprint on the targets',
    '',
    `What this real run did to each target, merged from ${footprint.workers} worker(s).`,
    '',
    ...table,
    '',
    ...(reasons.length > 0 ? ['Why:', '', ...reasons, ''] : []),
    avoidable.length === 0 ? 'Nothing was left behind that could have been put back.' : `Left behind although the API offered a way back: ${avoidable.map((item) => `${item.kind} ${item.item} (${item.why ?? ''})`).join('; ')}`,
    '',
  ].join('\n');
}

function writeFootprintPage(results: string, footprint: Footprint, markdown: string): void {
  const avoidable = footprint.items.filter((item) => item.avoidable);
  writeAllurePage(results, {
    historyId: FOOTPRINT_ALLURE.historyId,
    fullName: FOOTPRINT_ALLURE.fullName,
    name: 'The run leaves nothing behind that it could have put back',
    status: avoidable.length === 0 ? 'passed' : 'failed',
    ...(avoidable.length === 0 ? {} : { message: `Left behind: ${avoidable.map((item) => `${item.kind} ${item.item}: ${item.why ?? ''}`).join('; ')}` }),
    epic: 'Real target',
    feature: 'Footprint',
    attachments: [{ name: FOOTPRINT_ALLURE.attachment, content: markdown, type: 'text/markdown' }],
  });
}
