import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FAMILIES, loadCatalogue } from '../../support/reports/asvs/catalogue';
import { ASVS_ALLURE } from '../../support/reports/asvs/report';
import { filesUnder, readJson, REPORTS, shortPath } from './outputs';

interface ReportResult {
  name: string;
  fullName?: string;
  status: string;
  steps: { type?: string; link?: { id: string; name: string; ext: string; contentType: string } }[];
}

describe('the OWASP ASVS coverage of the last run', () => {
  const catalogue = loadCatalogue();
  const markdownPath = join(REPORTS, 'asvs-coverage.md');

  it('is written to asvs-coverage.md, headed by the target, with every catalogue requirement', () => {
    assert.ok(existsSync(markdownPath), `run "npm run test:features" first: ${shortPath(markdownPath)} is missing`);
    const markdown = readFileSync(markdownPath, 'utf8');
    assert.match(markdown.split('\n').slice(0, 4).join('\n'), /Measured on (the EMBEDDED MOCKS|REAL servers)/, 'the target must come first');
    const rows = markdown.split('\n').filter((line) => /^\| \d+\.\d+\.\d+ \|/.test(line));
    // One column per family, two for better-auth (its defaults and hardened configurations, embedded run).
    const header = markdown.split('\n').find((line) => /^\| ASVS \d+\.\d+\.\d+ \| 4\.0\.3 \|/.test(line)) ?? '';
    const columns = header.split(' | ').slice(3).map((cell) => cell.replace(/ \|$/, ''));
    assert.deepEqual(columns, [...FAMILIES.filter((family) => family !== 'better-auth'), 'better-auth (defaults)', 'better-auth (hardened)']);
    for (const requirement of catalogue.requirements) {
      const row = rows.find((line) => line.startsWith(`| ${requirement.id} |`));
      assert.ok(row, `ASVS ${requirement.id} is not in the matrix`);
      assert.equal(row.split(' | ').length, 3 + columns.length, `ASVS ${requirement.id} lacks a family's cell`);
    }
    assert.equal(rows.length, catalogue.requirements.length, 'the matrix has rows the catalogue does not');
    const failed = rows.filter((row) => row.includes('✘ failed'));
    assert.deepEqual(failed, [], 'a requirement\'s scenario failed in the last run');
  });

  it('is a page of the Allure report, with the matrix as an HTML attachment', () => {
    const results = filesUnder(join(REPORTS, 'allure-report/data/test-results')).map((path) => readJson<ReportResult>(path));
    const page = results.find((result) => result.fullName === ASVS_ALLURE.fullName);
    assert.ok(page, 'the Allure report has no ASVS coverage result');
    assert.match(page.name, /measured on (the embedded mocks \(not the product\)|real servers)/);
    const html = page.steps.find((step) => step.type === 'attachment' && step.link?.name === ASVS_ALLURE.attachment)?.link;
    assert.ok(html, 'the ASVS coverage result has no matrix attached');
    assert.equal(html.contentType, 'text/html');
    const text = readFileSync(join(REPORTS, 'allure-report/data/attachments', `${html.id}${html.ext}`), 'utf8');
    for (const requirement of catalogue.requirements) assert.ok(text.includes(`<th>${requirement.id}<small>`), `ASVS ${requirement.id} is not on the page`);
    // Static and self-contained: no script, nothing fetched from elsewhere.
    assert.doesNotMatch(text, /<script|<link |src="http/);
  });
});
