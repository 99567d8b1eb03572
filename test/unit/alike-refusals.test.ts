import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareTimings, median } from '../../support/core/alike-refusals';

describe('comparing the time of two kinds of refusal', () => {
  it('takes the middle value', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });

  it('does not call a few ms on the mocks different, whatever the ratio', () => {
    assert.equal(compareTimings([2, 3, 2, 2, 3, 2, 2, 2, 2], [6, 7, 6, 6, 40, 6, 6, 6, 90]).different, false);
  });

  it('does not call network jitter on a slow server different, whatever the gap', () => {
    assert.equal(compareTimings([300, 310, 320, 290, 305], [350, 360, 340, 355, 345]).different, false);
  });

  it('ignores slow spikes that hit fewer than half the samples of a kind', () => {
    assert.equal(compareTimings([2, 2, 2, 2, 2, 400, 400, 400, 400], [2, 2, 2, 2, 2, 2, 2, 2, 2]).different, false);
  });

  it('catches an unknown account answered without hashing a password (either way round)', () => {
    const verdict = compareTimings([5, 6, 5, 7, 5, 6, 5, 5, 6], [85, 90, 80, 88, 95, 82, 86, 84, 90]);
    assert.equal(verdict.different, true);
    assert.equal(verdict.unknownMedianMs, 5);
    assert.equal(compareTimings([85, 90, 80, 88, 95], [5, 6, 5, 7, 5]).different, true);
  });
});
