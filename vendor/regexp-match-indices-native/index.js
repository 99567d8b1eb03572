'use strict';
// regexp-match-indices' one export, `exec(regexp, string)`: RegExp.prototype.exec with `indices` on the result.
// The original polyfills them by parsing each pattern with regexp-tree and rewriting it (about 0.15 s of every
// Cucumber run here, issue 12); Node has had the `d` flag since 16, so this asks V8 for them instead.
// Installed in its place by the `overrides` of authflow's package.json.
const withIndices = new WeakMap();

function exec(regexp, string) {
  // Cucumber tries every step text against every step definition, and nearly all of those tries fail: a plain
  // test first (it leaves lastIndex alone when the pattern is neither global nor sticky), and a second pattern
  // with the `d` flag made and run only for a match.
  if (!regexp.global && !regexp.sticky && !regexp.test(string)) return null;
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

module.exports = exec;
