/**
 * Short stack traces while Cucumber loads the support code (issue 12). For every step definition, hook and
 * parameter type it registers, Cucumber takes a stack trace and parses all of it (error-stack-parser, ~10 µs a
 * frame) to name the line that registered it, which is the fourth frame (after three of Cucumber's own). At Node's
 * 10 frames that was ~30 ms of every start for the ~300 definitions; 5 frames keep one to spare. Loaded first
 * (cucumber.mjs), and Node's depth is back on the next turn of the event loop: Cucumber requires the support files
 * one after another without yielding. test/reports/step-locations.test.ts checks that every step still names the
 * line of its definition.
 */
const depth = Error.stackTraceLimit;
if (depth > 5) {
  Error.stackTraceLimit = 5;
  setImmediate(() => {
    Error.stackTraceLimit = depth;
  });
}

export {};
