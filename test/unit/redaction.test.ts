import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAMILY_CREDENTIAL_HEADERS } from '../../support/core/families';
import { formatExchange, formatTranscript, transcriptTitle, type Exchange } from '../../support/http/exchange';
import { learnFromLink, learnSecretsFrom } from '../../support/http/learn-secrets';
import { redactBody, redactHeader, redactingLog, redactSetCookie, redactText, redactUrl } from '../../support/redaction/redact';
import { REDACTED, SecretRegistry, secrets } from '../../support/redaction/secrets';

describe('redaction', () => {
  it('hides credential headers but keeps the scheme word', () => {
    assert.equal(redactHeader('Authorization', 'Basic dGVzczpodW50ZXIy'), `Basic ${REDACTED}`);
    assert.equal(redactHeader('authorization', 'Bearer abc.def'), `Bearer ${REDACTED}`);
    assert.equal(redactHeader('Cookie', 'auth=authcookie_1; twoFactorAuth=a.b.c'), `auth=${REDACTED}; twoFactorAuth=${REDACTED}`);
  });

  it('hides every header a family declares as carrying its credentials', () => {
    for (const name of Object.values(FAMILY_CREDENTIAL_HEADERS).flat()) assert.equal(redactHeader(name, 'k3y-value'), REDACTED, name);
  });

  it('keeps a Set-Cookie name and attributes visible, hiding only the value', () => {
    assert.equal(
      redactSetCookie('auth=authcookie_123; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Path=/; HttpOnly'),
      `auth=${REDACTED}; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Path=/; HttpOnly`,
    );
    assert.equal(redactSetCookie('auth=; Max-Age=0; Path=/'), 'auth=; Max-Age=0; Path=/', 'a clearing cookie has nothing to hide');
  });

  it('hides secret query parameters and leaves the others', () => {
    assert.equal(
      redactUrl('http://h/api/1/auth/confirmEmail?id=usr_1&verify_email=eml_2'),
      `http://h/api/1/auth/confirmEmail?id=usr_1&verify_email=${REDACTED}`,
    );
    assert.equal(redactUrl('http://h/x?apikey=K&otp=123456&page=2'), `http://h/x?apikey=${REDACTED}&otp=${REDACTED}&page=2`);
  });

  it('hides string leaves under secret JSON keys, keeping structure and other fields', () => {
    const body = JSON.stringify({ ok: true, token: 'authcookie_9', otp: [{ code: 'ab12-cd34', used: false }], user: { password: 'p' } });
    assert.deepEqual(JSON.parse(redactBody(body, 'application/json')), {
      ok: true,
      token: REDACTED,
      otp: [{ code: REDACTED, used: false }],
      user: { password: REDACTED },
    });
    assert.equal(redactBody('{"code":"123456"}'), `{"code":"${REDACTED}"}`, 'JSON is recognised without a content type');
    assert.equal(redactBody('user=tess&password=x&pass=y', 'application/x-www-form-urlencoded'), `user=tess&password=${REDACTED}&pass=${REDACTED}`);
  });

  it('sweeps known values out of any text, in their encoded forms too', () => {
    const registry = new SecretRegistry(undefined);
    registry.add('pä:ss"w');
    registry.add('123456');
    registry.add('abc'); // too short to sweep safely
    assert.equal(
      registry.sweep('raw pä:ss"w, url p%C3%A4%3Ass%22w, json pä:ss\\"w, code 123456, clock 1795123456000, abc'),
      `raw ${REDACTED}, url ${REDACTED}, json ${REDACTED}, code ${REDACTED}, clock 1795123456000, abc`,
    );
  });

  it('renders an exchange with no secret left in it', () => {
    const password = 'correct-horse-battery';
    secrets.add(password);
    const text = formatExchange({
      request: {
        method: 'POST',
        url: 'http://127.0.0.1/api/auth?apikey=k3y-value',
        headers: [['authorization', 'Basic c2VjcmV0'], ['cookie', 'id0=s3ss10n-value']],
        body: JSON.stringify({ user: 'tess', pass: password, device: 'ci' }),
      },
      response: { status: 200, headers: [['set-cookie', 'id0=n3w-s3ss10n; Path=/; HttpOnly; SameSite=Lax']], body: `{"apikey":"k3y-value","note":"${password}"}` },
      durationMs: 3,
    });
    for (const secret of ['k3y-value', 'c2VjcmV0', 's3ss10n-value', 'n3w-s3ss10n', password]) assert.ok(!text.includes(secret), secret);
    assert.match(text, /Set-Cookie: id0=«redacted»; Path=\/; HttpOnly; SameSite=Lax/);
    assert.match(text, /"user":"tess"/);
  });

  it('puts a step\'s exchanges in one transcript, in order, titled by the exchanges it holds', () => {
    const exchange = (method: string, path: string, status?: number): Exchange => ({
      request: { method, url: `http://127.0.0.1/api/1${path}`, headers: [], body: '' },
      ...(status ? { response: { status, headers: [], body: '' } } : { error: 'refused' }),
      durationMs: 1,
    });
    const two = [exchange('GET', '/auth/user', 401), exchange('GET', '/auth/user', 200)];
    assert.equal(transcriptTitle(two.slice(0, 1)), 'GET /api/1/auth/user → 401');
    assert.equal(transcriptTitle(two), 'GET /api/1/auth/user → 401 · GET /api/1/auth/user → 200');
    const five = [...two, exchange('PUT', '/logout', 200), exchange('POST', '/x', 204), exchange('GET', '/auth', undefined)];
    assert.equal(transcriptTitle(five), 'GET /api/1/auth/user → 401 · … · GET /api/1/auth → no response (5 requests)');
    // A short secret as a path segment (a code) is hidden in the title as in the text.
    secrets.add('4821');
    const byCode = exchange('POST', '/verify/4821', 200);
    assert.equal(transcriptTitle([byCode]), 'POST /api/1/verify/«redacted» → 200');
    assert.ok(!formatTranscript([byCode]).includes('4821'));
    const parts = formatTranscript(five).split('\n###\n\n');
    assert.deepEqual(parts.map((part) => part.split('\n')[0]), five.map(({ request }) => `${request.method} ${request.url}`));
  });
});

describe('redaction of validation problems', () => {
  it('keeps the field names and messages of a problem\'s errors readable', () => {
    const problem = JSON.stringify({ status: 400, errors: { pass: ['Password is required'], device: ['Device is required'] } });
    assert.equal(redactBody(problem, 'application/problem+json'), problem);
  });
});

describe('codes in prose', () => {
  it('hides a number that follows "code" or "PIN", even if the run never learned it', () => {
    const error = 'the panel refused the PIN 678899 at 17:59:20 on 2025-12-04; order 123456 ships';
    assert.equal(redactText(error), `the panel refused the PIN ${REDACTED} at 17:59:20 on 2025-12-04; order 123456 ships`);
  });

  it('hides every 6-digit number of a mail the mailbox shows, read or not, and leaves its other numbers', () => {
    const search = JSON.stringify({ messages: [{ Subject: '402117 is your login code', Snippet: 'Olga y2520c2, Use 856186 to verify you', Created: '2025-12-04T17:59:20.123Z', Size: 151 }] });
    const shown = redactBody(search, 'application/json');
    for (const code of ['402117', '856186']) assert.ok(!shown.includes(code), shown);
    assert.ok(shown.includes('y2520c2') && shown.includes('2025-12-04T17:59:20.123Z') && shown.includes('151'), shown);
    const mail = JSON.stringify({ Text: 'Hello Olga,\n\nyour PIN to finish logging in is 678899. Your order 42 ships at 10:30.' });
    assert.equal(JSON.parse(redactBody(mail, 'application/json')).Text, `Hello Olga,\n\nyour PIN to finish logging in is ${REDACTED}. Your order 42 ships at 10:30.`);
  });
});

describe('redaction without holes', () => {
  it('hides a secret that is a JSON number, under a secret key or as a known code', () => {
    assert.equal(redactBody('{"pin":123456,"attempts":3}'), `{"pin":"${REDACTED}","attempts":3}`);
    secrets.add('654321');
    assert.equal(redactBody('{"confirmation":654321,"ms":12}'), `{"confirmation":"${REDACTED}","ms":12}`);
  });

  it('learns a number under a secret key from an exchange, and hides it in any later text', () => {
    learnSecretsFrom({ request: { method: 'POST', url: 'http://127.0.0.1/2fa', headers: [], body: '{"pin":918273}' }, durationMs: 1 });
    assert.equal(redactText('the panel refused 918273 as wrong'), `the panel refused ${REDACTED} as wrong`);
  });

  it('learns the token in a link\'s path and hides it in the URL, the mail and the form it takes', () => {
    const token = '6f1d2c3b-9a8e-4f70-b6a5-1c2d3e4f5a6b';
    learnFromLink(`http://127.0.0.1:4000/reset-password/${token}`);
    assert.equal(redactUrl(`http://127.0.0.1:4000/reset-password/${token}`), `http://127.0.0.1:4000/reset-password/${REDACTED}`);
    assert.equal(redactText(`open this link within an hour:\nhttp://x/reset-password/${token}\n`), `open this link within an hour:\nhttp://x/reset-password/${REDACTED}\n`);
    learnFromLink('http://127.0.0.1:4000/api/1/auth/verifyLoginPlace?userId=usr_1&token=t0k3n-of-the-place');
    assert.equal(redactText('t0k3n-of-the-place'), REDACTED);
    assert.equal(redactText('verifyLoginPlace'), 'verifyLoginPlace', 'a word of the route is no token');
  });

  it('sweeps the form-encoded and HTML-escaped forms of a secret', () => {
    const registry = new SecretRegistry(undefined);
    registry.add('my pass!word<&>"\'x');
    assert.equal(registry.sweep('form my+pass%21word%3C%26%3E%22%27x end'), `form ${REDACTED} end`);
    assert.equal(registry.sweep('url my%20pass!word%3C%26%3E%22\'x end'), `url ${REDACTED} end`);
    assert.equal(registry.sweep('html my pass!word&lt;&amp;&gt;&quot;&#39;x and my pass!word&lt;&amp;&gt;&quot;&#x27;x'), `html ${REDACTED} and ${REDACTED}`);
  });

  it('hides a short secret where it stands as a whole value: a JSON value, a form field, a header, a path segment, a query value, a quoted literal', () => {
    secrets.add('4711');
    secrets.add('k9');
    assert.equal(redactBody('{"entered":"4711","n":4711,"note":"pin 4711x"}'), `{"entered":"${REDACTED}","n":"${REDACTED}","note":"pin 4711x"}`);
    assert.equal(redactBody('user=olga&guess=4711&page=2', 'application/x-www-form-urlencoded'), `user=olga&guess=${REDACTED}&page=2`);
    assert.equal(redactHeader('X-Confirm', '4711'), REDACTED);
    assert.equal(redactUrl('http://127.0.0.1:4711/verify/4711/done?x=k9&y=2'), `http://127.0.0.1:4711/verify/${REDACTED}/done?x=${REDACTED}&y=2`);
    assert.equal(redactText("expected '4711' to equal 'k9x'"), `expected '${REDACTED}' to equal 'k9x'`);
  });

  it('leaves a date, a status code and a port alone when they contain a short secret, or equal one inside other text', () => {
    secrets.add('2025');
    secrets.add('401');
    secrets.add('8443');
    const message = 'no mail with a code reached the mailbox since 2025-12-04T17:59:20.000Z; the panel answered 401 on https://127.0.0.1:8443/login';
    assert.equal(redactText(message), message);
    assert.equal(redactBody('{"status":"401 Unauthorized","since":"2025-12-04T17:59:20Z"}'), '{"status":"401 Unauthorized","since":"2025-12-04T17:59:20Z"}');
    assert.equal(redactUrl('https://127.0.0.1:8443/login'), 'https://127.0.0.1:8443/login');
  });

  it('hides what a step logs: known values, and the secret fields of a body logged raw', () => {
    const logged: string[] = [];
    const log = redactingLog((text: string) => void logged.push(text));
    secrets.add('correct-horse-42');
    log('Signed in with correct-horse-42.');
    log('10 refusals alike: 401 {"code":"invalid_credentials","pin":123456,"token":"t0k3n"}');
    assert.deepEqual(logged, [`Signed in with ${REDACTED}.`, `10 refusals alike: 401 {"code":"invalid_credentials","pin":"${REDACTED}","token":"${REDACTED}"}`]);
  });

  it('still hides an unlearned code that follows the word code or PIN in prose', () => {
    assert.equal(redactText('your PIN is 55667788.'), `your PIN is ${REDACTED}.`);
    assert.equal(redactText('your code expires at 17:59:20'), 'your code expires at 17:59:20');
  });
});
