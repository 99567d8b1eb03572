/**
 * A Cucumber plugin that runs the selected scenarios R times in one process, in their order: F1…F10, then again
 * (`--plugin ./bench/rounds-plugin.mjs --plugin-options '{"benchRounds":10}'`).
 *
 * Why a plugin: cucumber-js 12 de-duplicates repeated feature paths (a Set in its path resolution), so naming the
 * feature R times runs it once; a Scenario Outline with round numbers would fix R in the file and run each flow R
 * times in a row instead of round after round; copies of the feature would be generated files. The plugin only
 * repeats the ordered list of pickles: each repetition becomes a test case of its own with a fresh World.
 */
export default {
  type: 'plugin',
  coordinator({ transform, options }) {
    const rounds = Number(options.benchRounds ?? 1);
    if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`benchRounds must be a whole number of at least 1, not ${options.benchRounds}`);
    transform('pickles:order', (pickles) => Array.from({ length: rounds }, () => pickles).flat());
  },
};
