'use strict';
// regexp-match-indices' one export, `exec(regexp, string)`: RegExp.prototype.exec with `indices` on the result.
// The original polyfills them by parsing each pattern with regexp-tree and rewriting it (about 0.15 s of every
// Cucumber run here, issue 12); Node has had the `d` flag since 16, so this asks V8 for them instead.
// Installed in its place by the `overrides` of authflow's package.json.
const withIndices = new WeakMap();
/** Per pattern: the longest run of literal text every match must contain ('' when there is none to tell). */
const requiredText = new WeakMap();

function exec(regexp, string) {
  // Cucumber tries every step text against every step definition, and nearly all of those tries fail. A text
  // without the pattern's required literal cannot match (V8 never even compiles the pattern then: each of ~300
  // is compiled twice, to bytecode and then to machine code, on its first two runs); the others get a plain test
  // (it leaves lastIndex alone when the pattern is neither global nor sticky), and a second pattern with the `d`
  // flag is made and run only for a match.
  if (!regexp.global && !regexp.sticky) {
    let required = requiredText.get(regexp);
    if (required === undefined) {
      required = literalEveryMatchContains(regexp);
      requiredText.set(regexp, required);
    }
    if (!string.includes(required) || !regexp.test(string)) return null;
  }
  let flagged = withIndices.get(regexp);
  if (flagged === undefined) {
    flagged = regexp.hasIndices ? regexp : new RegExp(regexp.source, `${regexp.flags}d`);
    withIndices.set(regexp, flagged);
  }
  // Same lastIndex semantics as exec on the caller's RegExp (global and sticky patterns).
  flagged.lastIndex = regexp.lastIndex;
  const match = flagged.exec(string);
  if (flagged !== regexp) regexp.lastIndex = flagged.lastIndex;
  return match;
}

/** Escapes that stand for one character of a class or an assertion: they end a literal run. */
const CLASS_ESCAPES = 'dDwWsSbBnrtfv';
/** Characters that are not literal outside a class (a brace is read as a quantifier). */
const SPECIAL = '\\()[]{}|.^$*+?';

/**
 * The longest run of literal characters at the top level of a pattern (outside groups and classes, and not
 * followed by a quantifier): every match contains it. '' (no filter) for whatever this does not read plainly:
 * a top-level alternative, case-insensitive or `v` patterns, a brace, escapes other than one-letter classes and
 * escaped punctuation. Runs once per pattern, ~300 of them at a start: plain slices of the source where it can.
 */
function literalEveryMatchContains(regexp) {
  const flags = regexp.flags;
  if (flags.includes('i') || flags.includes('v')) return '';
  const source = regexp.source;
  let longest = '';
  let run = '';
  /** The run ends: it is a candidate. */
  const endRun = () => {
    if (run.length > longest.length) longest = run;
    run = '';
  };
  let at = 0;
  while (at < source.length) {
    // A stretch of plain characters, taken whole; its last one is not required when a quantifier follows.
    let end = at;
    while (end < source.length && !SPECIAL.includes(source[end])) end += 1;
    if (end > at) {
      // The quantified character may be a surrogate pair (one character with the `u` flag): both halves go.
      const quantified = isQuantifier(source, end);
      const pair = quantified && end - at >= 2 && isLowSurrogate(source.charCodeAt(end - 1)) && isHighSurrogate(source.charCodeAt(end - 2));
      run += source.slice(at, quantified ? end - (pair ? 2 : 1) : end);
      if (quantified) endRun();
      at = end;
      continue;
    }
    const char = source[at];
    if (char === '\\') {
      const next = source[at + 1];
      if (next === undefined) return '';
      if (/[A-Za-z0-9_]/.test(next)) {
        if (!CLASS_ESCAPES.includes(next)) return '';
        endRun();
      } else if (isQuantifier(source, at + 2)) {
        endRun();
      } else {
        run += next;
      }
      at += 2;
      continue;
    }
    if (char === '|' || char === '{' || char === ')' || char === ']') return '';
    endRun();
    if (char === '(' || char === '[') {
      at = closing(source, at);
      if (at === -1) return '';
    }
    at += 1;
  }
  endRun();
  return longest;
}

const isHighSurrogate = (code) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code) => code >= 0xdc00 && code <= 0xdfff;

/** Whether a quantifier starts at `at` (it applies to the character before it, which then is not required). */
function isQuantifier(source, at) {
  const char = source[at];
  return char === '*' || char === '+' || char === '?' || char === '{';
}

/** Where the group or class that opens at `at` closes (skipping escapes, classes, nested groups); -1 if it does not. */
function closing(source, at) {
  if (source[at] === '[') return closingClass(source, at);
  let depth = 0;
  for (let index = at; index < source.length; index += 1) {
    const char = source[index];
    if (char === '\\') index += 1;
    else if (char === '[') {
      index = closingClass(source, index);
      if (index === -1) return -1;
    } else if (char === '(') depth += 1;
    else if (char === ')' && --depth === 0) return index;
  }
  return -1;
}

/** Where the class that opens at `at` closes: its first unescaped `]` (JavaScript's `[]` and `[^]` included). */
function closingClass(source, at) {
  for (let index = at + 1; index < source.length; index += 1) {
    if (source[index] === '\\') index += 1;
    else if (source[index] === ']') return index;
  }
  return -1;
}

module.exports = exec;
module.exports.literalEveryMatchContains = literalEveryMatchContains;
