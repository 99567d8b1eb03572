import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { secretPattern } from '../../support/redaction/secrets';
import { filesUnder, REPORTS, runWrittenText, SECRETS_LOG, shortPath } from './outputs';

describe('secrets never leave the run', () => {
  it('no password, cookie value, code, TOTP secret, token or key the run or the mocks used appears in any output or the console', () => {
    assert.ok(existsSync(SECRETS_LOG), `run "npm run test:features" first: ${shortPath(SECRETS_LOG)} is missing`);
    const used: string[] = [...new Set(readFileSync(SECRETS_LOG, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as string))];
    // 58 scenarios each cast at least a password and get at least one session cookie: a short list means a broken log.
    assert.ok(used.length >= 100, `only ${used.length} secrets were logged: the scan would prove nothing`);
    assert.ok(used.some((value) => value.startsWith('authcookie_')), 'no session cookie value was logged');
    assert.ok(used.some((value) => /^\d{6}$/.test(value)), 'no one-time code was logged');

    // A substring search per value first (fast), then the exact rule: digits only count as a whole number, and a
    // one-time code is not "found" in a bare JSON number (a duration of 213168 ns is not the code 213168).
    const exact = new Map(used.map((value) => [value, new RegExp(/^\d+$/.test(value) ? `(?<!:\\s*)${secretPattern(value)}` : secretPattern(value))]));
    const files = filesUnder(REPORTS);
    assert.ok(files.length > 100, `only ${files.length} files under reports/: was the full run made?`);
    assert.ok(files.some((file) => file.endsWith('console.log')), 'the console output of the run was not kept (AUTHFLOW_CONSOLE_LOG)');
    // Leaving out the formatter's own script must keep the run's messages that the page embeds.
    assert.match(runWrittenText(`${REPORTS}/cucumber-report.html`), /Checking the auth token/, 'the scan would skip the data of the Cucumber HTML report');
    const leaks = files.flatMap((path) => {
      const text = runWrittenText(path);
      const found = used.find((value) => text.includes(value) && exact.get(value)?.test(text));
      return found ? [`${shortPath(path)} contains a secret (${found.length} characters)`] : [];
    });
    assert.deepEqual(leaks, []);
    console.log(`scanned ${files.length} files for ${used.length} secret values: 0 hits`);
  });
});
