import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A page of the run's own (a check, a matrix, a footprint) that Allure shows like a test result. */
export interface AllurePage {
  /** Fixed, so a test (and a later run's history) can find the page. */
  historyId: string;
  fullName: string;
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Why it is not passed. */
  message?: string;
  epic: string;
  feature: string;
  attachments: { name: string; content: string; type: 'text/html' | 'text/markdown' | 'text/plain' }[];
  parameters?: { name: string; value: string }[];
}

const EXTENSIONS = { 'text/html': 'html', 'text/markdown': 'md', 'text/plain': 'txt' } as const;

/** Writes the page as an Allure result (and its attachments) into the results folder. */
export function writeAllurePage(results: string, page: AllurePage): void {
  mkdirSync(results, { recursive: true });
  const attachments = page.attachments.map((attachment) => {
    const source = `${randomUUID()}-attachment.${EXTENSIONS[attachment.type]}`;
    writeFileSync(resolve(results, source), attachment.content);
    return { name: attachment.name, source, type: attachment.type };
  });
  const now = Date.now();
  writeFileSync(
    resolve(results, `${randomUUID()}-result.json`),
    JSON.stringify({
      uuid: randomUUID(),
      historyId: page.historyId,
      name: page.name,
      fullName: page.fullName,
      status: page.status,
      ...(page.message ? { statusDetails: { message: page.message } } : {}),
      stage: 'finished',
      start: now,
      stop: now,
      labels: [
        { name: 'epic', value: page.epic },
        { name: 'feature', value: page.feature },
      ],
      attachments,
      steps: [],
      parameters: page.parameters ?? [],
      links: [],
    }),
  );
}
