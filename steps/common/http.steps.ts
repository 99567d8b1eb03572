import assert from 'node:assert/strict';
import { Then } from '@cucumber/cucumber';
import type { AuthWorld } from '../../support/world/world';

/** The small generic vocabulary for conformance details, where the status itself is the promise. */
const STATUS_WORDS: Record<string, number> = {
  'rejected as a bad request': 400,
  'refused as forbidden': 403,
  'answered as not found': 404,
};

Then(/^the request is (rejected as a bad request|refused as forbidden|answered as not found)$/, function (this: AuthWorld, outcome: string) {
  const expected = STATUS_WORDS[outcome];
  assert.equal(this.lastResponse.status, expected, `expected ${expected}, got ${this.lastResponse.status}`);
});
