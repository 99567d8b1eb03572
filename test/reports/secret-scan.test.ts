import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readSecretLogs, scanForSecrets } from '../helpers/secret-scan';
import { filesUnder, REPORTS, runWrittenText, SECRETS_LOG, shortPath } from './outputs';

describe('secrets never leave the run', () => {
  it('no password, cookie value, code, TOTP secret, token or key the run or the mocks used appears in any output or the console, in any form', () => {
    assert.ok(existsSync(SECRETS_LOG), `run "npm run test:features" first: ${shortPath(SECRETS_LOG)} is missing`);
    const used = readSecretLogs([SECRETS_LOG]);
    // 58 scenarios each cast at least a password and get at least one session cookie: a short list means a broken log.
    assert.ok(used.length >= 100, `only ${used.length} secrets were logged: the scan would prove nothing`);
    assert.ok(used.some((value) => value.startsWith('authcookie_')), 'no session cookie value was logged');
    assert.ok(used.some((value) => /^\d{6}$/.test(value)), 'no one-time code was logged');

    const files = filesUnder(REPORTS);
    assert.ok(files.length > 100, `only ${files.length} files under reports/: was the full run made?`);
    assert.ok(files.some((file) => file.endsWith('console.log')), 'the console output of the run was not kept (AUTHFLOW_CONSOLE_LOG)');
    // Leaving out the formatter's own script must keep the run's messages that the page embeds.
    assert.match(runWrittenText(`${REPORTS}/cucumber-report.html`), /Checking the auth token/, 'the scan would skip the data of the Cucumber HTML report');
    const result = scanForSecrets(used, files.map((path) => ({ name: shortPath(path), text: runWrittenText(path) })));
    assert.deepEqual(result.leaks, []);
    console.log(`scanned ${result.files} files for ${result.values} secret values: 0 hits`);
  });
});

describe('the secret scan itself', () => {
  const scan = (values: string[], text: string) => scanForSecrets(values, [{ name: 'f', text }]).leaks.length;

  it('sees a secret as a JSON number, in a path segment, form-encoded and HTML-escaped', () => {
    assert.equal(scan(['123456'], '{"pin":123456}'), 1);
    assert.equal(scan(['6f1d2c3b-9a8e-4f70-b6a5-1c2d3e4f5a6b'], 'GET /reset-password/6f1d2c3b-9a8e-4f70-b6a5-1c2d3e4f5a6b'), 1);
    assert.equal(scan(['my pass!word'], 'password=my+pass%21word&x=1'), 1);
    assert.equal(scan(['a<b&"c\'d'], '<td>a&lt;b&amp;&quot;c&#39;d</td>'), 1);
  });

  it('sees a short secret as a whole value, and not inside a date, a status line or a port', () => {
    assert.equal(scan(['4711'], '{"entered":"4711"}'), 1);
    assert.equal(scan(['4711'], 'guess=4711&x=1'), 1);
    assert.equal(scan(['4711'], 'GET /verify/4711 HTTP/1.1'), 1);
    assert.equal(scan(['2025'], 'since 2025-12-04T17:59:20Z'), 0);
    assert.equal(scan(['401'], 'HTTP 401 (3 ms)'), 0);
    assert.equal(scan(['8443'], 'https://127.0.0.1:8443/login'), 0);
  });

  it('leaves a code alone inside a longer number or as a duration, not as any other JSON value', () => {
    assert.equal(scan(['123456'], '"start":1795123456789'), 0);
    assert.equal(scan(['123456'], '"duration":{"seconds":0,"nanos":123456}'), 0);
    assert.equal(scan(['123456'], '{"attempt":123456}'), 1);
  });
});
