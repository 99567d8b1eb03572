import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

/**
 * support/reports/allure-results-writer.ts writes Allure's result files in the background: every file must be
 * there, whole and with its last content, also when the process exits at once after the last write.
 */
const WRITER = resolve(__dirname, '../../support/reports/allure-results-writer.ts');
const work = mkdtempSync(join(tmpdir(), 'authflow-allure-writer-'));
after(() => rmSync(work, { recursive: true, force: true }));

type Writer = {
  writeResult(result: { uuid: string }): void;
  writeAttachment(name: string, content: Buffer): void;
};
const AllureResultsWriter = require(WRITER) as new (config: { resultsDir: string }) => Writer;

const settled = async (check: () => boolean) => {
  for (let tries = 0; tries < 2000 && !check(); tries++) await new Promise((done) => setTimeout(done, 5));
};

describe('the Allure results writer', () => {
  it('writes results and attachments under their names, the last content of a file written twice', async () => {
    const dir = join(work, 'in-process');
    const writer = new AllureResultsWriter({ resultsDir: dir });
    writer.writeResult({ uuid: 'one' });
    writer.writeAttachment('a-attachment.txt', Buffer.from('first'));
    writer.writeAttachment('a-attachment.txt', Buffer.from('second, longer'));
    writer.writeAttachment('a-attachment.txt', Buffer.from('third'));
    const attachment = join(dir, 'a-attachment.txt');
    await settled(() => existsSync(join(dir, 'one-result.json')) && existsSync(attachment) && readFileSync(attachment, 'utf8') === 'third');
    await new Promise((done) => setTimeout(done, 50)); // nothing older may land after the last
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'one-result.json'), 'utf8')), { uuid: 'one' });
    assert.equal(readFileSync(join(dir, 'a-attachment.txt'), 'utf8'), 'third');
  });

  it('has written everything when the process exits right after the last write', () => {
    const dir = join(work, 'exiting');
    const script = `const W = require(${JSON.stringify(WRITER)}); const w = new W({ resultsDir: ${JSON.stringify(dir)} });
      for (let i = 0; i < 300; i++) w.writeAttachment(i + '-attachment.txt', Buffer.from('exchange ' + i + ' '.repeat(2000)));
      process.exit(0);`;
    const result = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(readdirSync(dir).length, 300);
    for (let i = 0; i < 300; i++) assert.equal(readFileSync(join(dir, `${i}-attachment.txt`), 'utf8'), `exchange ${i}${' '.repeat(2000)}`);
  });
});
