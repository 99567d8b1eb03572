import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';

/**
 * vendor/regexp-match-indices-native stands in for regexp-match-indices (package.json `overrides`), which
 * cucumber-expressions uses to find where each parameter of a step matched: it must give the same answers.
 */
const exec = require('../../vendor/regexp-match-indices-native') as (regexp: RegExp, text: string) => (RegExpExecArray & { indices: [number, number][] & { groups?: Record<string, [number, number]> } }) | null;

describe('the native regexp-match-indices stand-in', () => {
  it('gives the span of the match and of every group, undefined for a group that did not take part', () => {
    const match = exec(/^(\d+) (?:a|(b))? (x(y)z)$/, '12  xyz');
    assert.deepEqual([...(match?.indices ?? [])], [[0, 7], [0, 2], undefined, [4, 7], [5, 6]]);
    assert.equal(match?.[1], '12');
  });

  it('names the spans of named groups', () => {
    assert.deepEqual({ ...exec(/^(?<who>[A-Z][a-z]+) has (?<what>.+)$/, 'Tess has an account')?.indices.groups }, { who: [0, 4], what: [9, 19] });
  });

  it('answers null when nothing matches, and keeps lastIndex as exec does for a global pattern', () => {
    assert.equal(exec(/^Sam/, 'Tess'), null);
    const global = /a(b)?/g;
    assert.deepEqual(exec(global, 'xxab a')?.indices[0], [2, 4]);
    assert.equal(global.lastIndex, 4);
    assert.deepEqual(exec(global, 'xxab a')?.indices[0], [5, 6]);
  });

  it('is what cucumber-expressions loads (after npm ci)', () => {
    const expressions = dirname(require.resolve('@cucumber/cucumber-expressions'));
    assert.equal(require.resolve('regexp-match-indices', { paths: [expressions] }), require.resolve('../../vendor/regexp-match-indices-native'));
  });
});
