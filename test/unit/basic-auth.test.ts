import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBasicAuthorization } from '../../mocks/shared/basic-auth';
import { basicAuthorization } from '../../support/http/basic-auth';

describe('Basic credentials', () => {
  it('percent-encodes each part before joining, then base64-encodes the UTF-8 bytes', () => {
    const header = basicAuthorization('zoë+münchen', 'pä:ss/wörd+%20');
    const decoded = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8');
    assert.equal(decoded, 'zo%C3%AB%2Bm%C3%BCnchen:p%C3%A4%3Ass%2Fw%C3%B6rd%2B%2520');
  });

  it('round-trips through the mock decoder: the first colon splits, "+" stays "+", "%20" is decoded once', () => {
    for (const [username, password] of [
      ['tess', 'hunter2'],
      ['zoë+münchen', 'pä:ss/wörd+%20&=?#'],
      ['mail@example.test', ':leading:colons:'],
    ] as const) {
      assert.deepEqual(parseBasicAuthorization(basicAuthorization(username, password)), { username, password });
    }
  });

  it('leaves a raw (unencoded) pair readable, as older clients send it', () => {
    const raw = `Basic ${Buffer.from('tess:pass+word').toString('base64')}`;
    assert.deepEqual(parseBasicAuthorization(raw), { username: 'tess', password: 'pass+word' });
  });

  it('refuses what is not a Basic credential', () => {
    for (const header of [undefined, '', 'Bearer abc', 'Basic', 'Basic !!!', `Basic ${Buffer.from('no-colon').toString('base64')}`, `Basic ${Buffer.from('bad:%E0%A4%A').toString('base64')}`]) {
      assert.equal(parseBasicAuthorization(header), undefined, String(header));
    }
  });
});
