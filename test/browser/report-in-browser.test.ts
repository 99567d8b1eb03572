import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ASVS_ALLURE } from '../../support/reports/asvs/report';
import { launchBrowser } from '../helpers/browser';
import { runFeatures } from '../helpers/run-features';
import { serveFolder } from '../helpers/static-server';

/**
 * The Allure report as a reader sees it: a headless Chromium from the npm registry (or CHROMIUM_PATH) opens a
 * report of a run with scenarios of all three families and failing fixture scenarios, and the test reads what
 * is on screen.
 */

describe('the Allure report in a real browser', { skip: process.env.AUTHFLOW_SKIP_BROWSER === '1' ? 'AUTHFLOW_SKIP_BROWSER=1' : false }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'authflow-browser-'));
  let browser: Browser;
  let page: Page;
  let site: Awaited<ReturnType<typeof serveFolder>>;
  const resultIds = new Map<string, string>();

  before(async () => {
    const run = runFeatures(
      ['test/fixtures/failing.feature', '--require', 'test/fixtures/faults.steps.ts', '--tags', '@fixture or @logout or @sessions or @key-deletion', '--format', 'summary'],
      { ...process.env, REPORTS_DIR: dir },
    );
    assert.notEqual(run.status, 0, 'the fixture scenarios were meant to fail');
    const results = join(dir, 'allure-report/data/test-results');
    for (const name of readdirSync(results)) {
      const result = JSON.parse(readFileSync(join(results, name), 'utf8')) as { id: string; name: string };
      resultIds.set(result.name, result.id);
    }
    site = await serveFolder(join(dir, 'allure-report'));
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(scenario: string): Promise<void> {
    const id = resultIds.get(scenario);
    assert.ok(id, `the report has no result named "${scenario}"`);
    await page.goto(`${site.url}#${id}`);
  }

  it('shows the three API families as epics', async () => {
    await page.goto(site.url);
    for (const epic of ['VRChat', 'Enhance', 'Shoko']) {
      await page.getByText(epic, { exact: true }).first().waitFor({ state: 'visible', timeout: 10_000 });
    }
  });

  it("shows a failed scenario's status, category and message", async () => {
    await open('A product defect: the API answers another status than specified');
    await page.getByText('expected 400, got 404').first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByText('Category: Product defects: the API does not behave as specified').waitFor({ state: 'visible' });
    assert.ok(await page.getByText('Failed', { exact: true }).first().isVisible(), 'the status is not shown');
  });

  it('files a failure that rests only on assumptions apart from product defects, and shows its ground', async () => {
    await open("A difference from an assumption: an expectation that rests only on the mocks' choices fails");
    await page.getByText('Category: Differs from an assumption: decide which side is wrong').waitFor({ state: 'visible', timeout: 10_000 });
    // The labels list is cut short until it is opened.
    await page.getByText('Show more', { exact: true }).first().click();
    await page.getByText('assumption: VR-001', { exact: true }).first().waitFor({ state: 'visible' });
  });

  it('shows the ASVS coverage page under its epic, with the requirement × family matrix', async () => {
    await page.goto(site.url);
    await page.getByText('Security standard', { exact: true }).first().waitFor({ state: 'visible', timeout: 10_000 });
    const name = [...resultIds.keys()].find((result) => result.startsWith('OWASP ASVS coverage'));
    assert.ok(name, 'the report has no ASVS coverage result');
    await open(name);
    await page.getByText(ASVS_ALLURE.attachment, { exact: true }).first().click();
    // The matrix is an HTML attachment, which the report shows in a frame of its own.
    const matrix = page.frameLocator('iframe').first();
    const row = (id: string) => matrix.locator('table.matrix tr').filter({ has: matrix.locator('th', { hasText: new RegExp(`^${id.replaceAll('.', '\\.')}`) }) });
    await row('6.3.1').first().waitFor({ state: 'visible', timeout: 10_000 });
    // Keyed by ASVS 5.0.0, with the 4.0.3 id it maps from in the second column.
    assert.match(await row('6.3.1').first().innerText(), /2\.2\.1[\s\S]*Guessing[\s\S]*(skipped|untested|n\/a)/, 'the 6.3.1 row shows no 4.0.3 id or no cell status');
    // The run had logout and session scenarios (tagged 7.4.1) pass on the mocks.
    assert.match(await row('7.4.1').first().innerText(), /verified on mocks only/, 'the 7.4.1 row does not show the passed logout scenarios');
  });

  it('shows an exchange attachment with the session cookies redacted', async () => {
    await open('Logging out ends the session on the server');
    await page.getByText('When Tess logs out').first().click();
    await page.getByText(/PUT \/api\/1\/logout → 200/).first().click();
    const cookieLine = page.getByText(/Cookie: auth=«redacted»; twoFactorAuth=«redacted»/).first();
    await cookieLine.waitFor({ state: 'visible', timeout: 10_000 });
    assert.doesNotMatch(await page.locator('body').innerText(), /authcookie_/, 'a session cookie value is on screen');
  });
});
