import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';

/**
 * vendor/regexp-match-indices-native stands in for regexp-match-indices (package.json `overrides`), which
 * cucumber-expressions uses to find where each parameter of a step matched: it must give the same answers.
 */
const exec = require('../../vendor/regexp-match-indices-native') as ((regexp: RegExp, text: string) => (RegExpExecArray & { indices: [number, number][] & { groups?: Record<string, [number, number]> } }) | null) & {
  literalEveryMatchContains: (regexp: RegExp) => string;
};

/** Patterns of the kinds Cucumber makes from expressions, and some that the literal filter must leave alone. */
const PATTERNS = [
  /^([A-Z][a-zß-ÿ]+) has entered the PIN from the email$/,
  /^([A-Z][a-zß-ÿ]+)'s (?:session|login) (?:is|was) (?:refused|rejected)$/,
  /^the "([^"\\]*(\\.[^"\\]*)*)" key works?$/,
  /^(-?\d+) codes? (?:are|is) left\.$/,
  /^a(b)?c\.d?e$/,
  /^x[)(]y\(z\)?$/,
  /^(?:x|y)z+w$/,
  /a|b/,
  /^foo{2}bar$/,
  /^Ab\x43d$/,
  /^ab\.cd$/i,
  /^(?<who>[A-Z][a-z]+) has (?<what>.+)$/,
  // With the `u` flag a quantifier takes a whole surrogate pair.
  /^xyz😀?b$/u,
];

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

  it('names the literal text every match must contain, and none for what it does not read plainly', () => {
    assert.deepEqual(PATTERNS.map((pattern) => exec.literalEveryMatchContains(pattern)), [
      ' has entered the PIN from the email',
      "'s ",
      '" key work',
      ' left.',
      'c.',
      'y(z',
      'w',
      '',
      '',
      '',
      '',
      ' has ',
      'xyz',
    ]);
  });

  it('answers as RegExp.prototype.exec with the d flag, texts without the literal included', () => {
    // Texts made of pieces of each pattern's own characters, so that some match and most nearly do.
    let seed = 12_345;
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % below;
    };
    const pieces = ['Tess', 'Zoë', ' has entered the PIN from the email', "'s ", 'session', 'login', ' is ', 'refused', '"a\\"b"', ' key works', ' key work', '-12', ' codes', ' code', ' are', ' left.', 'a', 'b', 'c.', 'c', 'd', 'e', '.', 'x', ')', '(', 'y', 'z', 'w', 'foo', 'oo', 'bar', 'AbCd', 'AB.CD', 'ab.cd', ' has ', 'an account', 'the "', '" key work'];
    let matched = 0;
    for (const pattern of PATTERNS) {
      const native = new RegExp(pattern.source, `${pattern.flags}d`);
      for (let attempt = 0; attempt < 400; attempt += 1) {
        const text = Array.from({ length: 1 + random(5) }, () => pieces[random(pieces.length)]).join('');
        const expected = native.exec(text);
        const actual = exec(pattern, text);
        assert.deepEqual(actual && [...actual], expected && [...expected], `${pattern} on ${JSON.stringify(text)}`);
        assert.deepEqual(actual?.indices && [...actual.indices], expected?.indices && [...expected.indices], `${pattern} on ${JSON.stringify(text)}`);
        if (expected) matched += 1;
      }
    }
    assert.ok(matched > 50, `only ${matched} generated texts matched: the comparison says little`);
  });

  it('answers as RegExp.prototype.exec with the d flag for texts one character away from a match', () => {
    // A text that matches, and every text with one of its characters left out: those without an optional part match too.
    const samples = ['xyz😀b', 'xyzb', "Tess has entered the PIN from the email", "Zoë's login was rejected", 'the "a\\"b" keys works', '-12 codes are left.', 'abc.de', 'x(y(z)', 'yzzw', 'foofoobar', 'AbCd', 'AB.CD', 'Tess has an account'];
    let matched = 0;
    for (const pattern of PATTERNS) {
      const native = new RegExp(pattern.source, `${pattern.flags}d`);
      for (const sample of samples) {
        for (let at = -1; at < sample.length; at += 1) {
          const text = at === -1 ? sample : sample.slice(0, at) + sample.slice(at + 1);
          const expected = native.exec(text);
          const actual = exec(pattern, text);
          assert.deepEqual(actual?.indices && [...actual.indices], expected?.indices && [...expected.indices], `${pattern} on ${JSON.stringify(text)}`);
          if (expected) matched += 1;
        }
      }
    }
    assert.ok(matched > 30, `only ${matched} texts matched: the comparison says little`);
  });

  it('is what cucumber-expressions loads (after npm ci)', () => {
    const expressions = dirname(require.resolve('@cucumber/cucumber-expressions'));
    assert.equal(require.resolve('regexp-match-indices', { paths: [expressions] }), require.resolve('../../vendor/regexp-match-indices-native'));
  });
});
