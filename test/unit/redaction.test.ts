import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAMILY_CREDENTIAL_HEADERS } from '../../support/core/families';
import { formatExchange } from '../../support/http/exchange';
import { redactBody, redactHeader, redactSetCookie, redactUrl } from '../../support/redaction/redact';
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
});

describe('redaction of validation problems', () => {
  it('keeps the field names and messages of a problem\'s errors readable', () => {
    const problem = JSON.stringify({ status: 400, errors: { pass: ['Password is required'], device: ['Device is required'] } });
    assert.equal(redactBody(problem, 'application/problem+json'), problem);
  });
});

describe('codes in prose', () => {
  it('hides a number that follows "code" or "PIN", even if the run never learned it', () => {
    const mail = JSON.stringify({ Text: 'Hello Olga 123456,\n\nyour PIN to finish logging in is 678899. Your order 42 ships.' });
    const shown = redactBody(mail, 'application/json');
    assert.ok(!shown.includes('678899'), shown);
    assert.ok(shown.includes('Hello Olga 123456'), 'numbers that are not codes stay readable');
  });
});
