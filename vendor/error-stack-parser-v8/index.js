'use strict';
// error-stack-parser 2.1.4 (error-stack-parser.js, unchanged, MIT: LICENSE) with a fast path for V8's stack lines.
// Cucumber parses a stack trace for each of the ~300 step definitions, hooks and parameter types it registers, to
// name the line that registered it: ~20 ms of every start with the original (issue 12), most of it in making its
// frames (below), the rest in its regular expressions. A line in one of V8's two plain forms,
// `    at NAME (FILE:LINE:COLUMN)` and `    at FILE:LINE:COLUMN` with no parentheses or white space in FILE and none
// of the first in NAME, becomes the frame the original makes of it, read with one linear pattern; every other line
// (eval, native, a path with a space, no column) is the original's to parse. Installed in its place by the
// `overrides` of authflow's package.json; test/unit/error-stack-parser.test.ts compares both on generated stacks.
const StackFrame = require('stackframe');
const original = require('./error-stack-parser.js');

// Line and column numbers of up to 15 digits: longer ones are not safe integers (the original refuses Infinity).
const PLAIN_V8_LINE = /^ {4}at (?:([^()\s][^()]*?) \(([^()\s]+):(\d{1,15}):(\d{1,15})\)|([^()\s]+):(\d{1,15}):(\d{1,15}))$/;
/**
 * The StackFrame `new StackFrame({ functionName, fileName, lineNumber, columnNumber, source })` makes, with its
 * fields set directly: its constructor calls a setter by a computed name for each of ten properties, ~10 µs a frame
 * before V8 optimises it, most of the original's time here. Used only if it makes the same object (checked once,
 * below): a stackframe that keeps its fields otherwise gets its constructor.
 */
function plainFrame(functionName, fileName, lineNumber, columnNumber, source) {
  const made = Object.create(StackFrame.prototype);
  made.columnNumber = Number(columnNumber);
  made.lineNumber = Number(lineNumber);
  if (fileName !== undefined) made.fileName = fileName;
  if (functionName !== undefined) made.functionName = functionName;
  made.source = source;
  return made;
}
const constructed = (functionName, fileName, lineNumber, columnNumber, source) => new StackFrame({ functionName, fileName, lineNumber, columnNumber, source });
const sample = ['Given', '/steps/a.ts', '12', '3', '    at Given (/steps/a.ts:12:3)'];
const same = (a, b) => require('node:util').isDeepStrictEqual(a, b) && Object.keys(a).join() === Object.keys(b).join() && String(a) === String(b);
const frame = same(plainFrame(...sample), constructed(...sample)) ? plainFrame : constructed;

function parseV8OrIE(error) {
  const frames = [];
  for (const line of error.stack.split('\n')) {
    const plain = PLAIN_V8_LINE.exec(line);
    if (plain === null) {
      // the original keeps the line only when it looks like a frame, and parses it
      frames.push(...original.parseV8OrIE.call(this, { stack: line }));
      continue;
    }
    const file = plain[2] ?? plain[5];
    frames.push(frame(plain[1], file === 'eval' || file === '<anonymous>' ? undefined : file, plain[3] ?? plain[6], plain[4] ?? plain[7], line));
  }
  return frames;
}

// The original's methods call one another through `this`: they reach this parseV8OrIE, and the original stays as it is.
module.exports = { ...original, parseV8OrIE };
