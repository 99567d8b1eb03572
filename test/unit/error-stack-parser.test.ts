import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';

/**
 * vendor/error-stack-parser-v8 stands in for error-stack-parser (package.json `overrides`), which Cucumber uses to
 * name the line of each step definition and to shorten the stack traces of failures: it must make the same frames as
 * the original, which it carries unchanged.
 */
type Parser = { parse: (error: { stack: string }) => object[] };
const VENDOR = resolve(__dirname, '../../vendor/error-stack-parser-v8');
const standIn = require(VENDOR) as Parser;
const original = require(`${VENDOR}/error-stack-parser.js`) as Parser;

/** Frames as plain data: what each StackFrame holds, and what its getters and toString say. */
const frames = (parser: Parser, stack: string) =>
  parser.parse({ stack }).map((frame) => ({ ...frame, text: String(frame) }));

const same = (stack: string) => assert.deepEqual(frames(standIn, stack), frames(original, stack), `for the stack:\n${stack}`);

describe('the V8 error-stack-parser stand-in', () => {
  it('carries error-stack-parser 2.1.4 unchanged, and is what Cucumber gets', () => {
    const published = '7fbf23e5aa81dbe17c09bda6f3e67fa9d9afb4199fa41d1bece632ab04aeb53f';
    assert.equal(createHash('sha256').update(readFileSync(`${VENDOR}/error-stack-parser.js`)).digest('hex'), published);
    const cucumber = dirname(require.resolve('@cucumber/cucumber/package.json'));
    assert.equal(realpathSync(require.resolve('error-stack-parser', { paths: [cucumber] })), `${VENDOR}/index.js`);
  });

  it("makes the original's frames of real V8 stack traces", async () => {
    const stacks: string[] = [];
    const keep = (error: unknown) => stacks.push((error as Error).stack as string);
    class Account {
      constructor() {
        keep(new Error('in a constructor'));
      }
      get name() {
        keep(new Error('in a getter'));
        return 'x';
      }
    }
    void new Account().name;
    [1].map(() => keep(new Error('in a callback of a built-in')));
    // eslint-disable-next-line no-eval
    eval("keep(new Error('in eval'))");
    new Function('keep', "keep(new Error('in new Function'))")(keep);
    await (async () => {
      await Promise.resolve();
      keep(new Error('after an await'));
    })();
    await Promise.all([(async () => keep(new Error('in Promise.all')))()]);
    try {
      JSON.parse('{');
    } catch (error) {
      keep(error);
    }
    keep(Object.assign(new Error('message\nover lines\n    at what looks like a frame (x.js:1:2)'), {}));
    assert.ok(stacks.length >= 9);
    for (const stack of stacks) same(stack);
  });

  it("makes the original's frames of generated stack lines, plain or not", () => {
    const piece = fc.constantFrom(
      'at', ' ', '  ', '(', ')', ':', '1', '12', '0', 'x', '.js', '/', 'file:///', 'node:', 'internal', 'eval', 'eval code',
      '<anonymous>', 'Object.', 'new ', 'async ', '[as y]', '(native)', '(index 0)', 'C:\\', '\t', '@', 'é',
    );
    const text = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(''));
    const location = fc.tuple(text, fc.nat(999), fc.option(fc.nat(999))).map(([file, line, column]) => `${file}:${line}${column === null ? '' : `:${column}`}`);
    const frameLine = fc.oneof(
      fc.tuple(text, location).map(([name, at]) => `    at ${name} (${at})`),
      location.map((at) => `    at ${at}`),
      fc.tuple(fc.constantFrom('', ' ', '\t', '      '), text, location).map(([indent, name, at]) => `${indent}at ${name} (${at})`),
      text,
    );
    fc.assert(
      fc.property(fc.array(frameLine, { minLength: 1, maxLength: 6 }), (lines) => {
        const stack = ['Error: generated', ...lines].join('\n');
        // The original may refuse a stack (a TypeError on a location it cannot split): so must the stand-in.
        let expected: unknown;
        try {
          expected = frames(original, stack);
        } catch (error) {
          assert.throws(() => frames(standIn, stack), { name: (error as Error).name });
          return;
        }
        assert.deepEqual(frames(standIn, stack), expected, `for the stack:\n${stack}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the plain lines of step definitions the way Cucumber needs them', () => {
    const [definition, plain] = standIn.parse({
      stack: 'Error\n    at Given (/work/steps/vrchat/login.steps.ts:12:3)\n    at /work/steps/a:b/c.ts:7:1',
    }) as Array<{ functionName?: string; fileName?: string; lineNumber?: number; columnNumber?: number }>;
    assert.deepEqual({ ...definition }, { functionName: 'Given', fileName: '/work/steps/vrchat/login.steps.ts', lineNumber: 12, columnNumber: 3, source: '    at Given (/work/steps/vrchat/login.steps.ts:12:3)' });
    assert.deepEqual([plain?.fileName, plain?.lineNumber, plain?.columnNumber], ['/work/steps/a:b/c.ts', 7, 1]);
    // A line number too long to be a number: the original refuses it, and so does the stand-in.
    const huge = { stack: `Error\n    at f (a.js:${'9'.repeat(400)}:1)` };
    assert.throws(() => original.parse(huge), TypeError);
    assert.throws(() => standIn.parse(huge), TypeError);
  });
});
