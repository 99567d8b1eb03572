// Allure Report 3 (pure JavaScript, no Java): `npm run report` or the end of `npm start`.
const reports = process.env.REPORTS_DIR ?? 'reports';

/** The scenario's `ground` labels (set in support/world/hooks.ts) are all `assumption: <id>`, and there is one at least. */
const restsOnlyOnAssumptions = (labels) => {
  const grounds = labels.filter((label) => label.name === 'ground').map((label) => label.value);
  return grounds.length > 0 && grounds.every((value) => value.startsWith('assumption: '));
};

export default {
  name: 'authflow: authentication flows',
  output: `${reports}/allure-report`,
  // Each run adds a line to this file and the report shows each scenario's earlier runs (history, flaky,
  // newly failed). Kept beside the outputs, which a run replaces; a CI job carries it from run to run
  // (docs/ci/nightly-real-target.yml). ALLURE_HISTORY_PATH moves it, ALLURE_HISTORY_LIMIT keeps that many runs.
  historyPath: process.env.ALLURE_HISTORY_PATH || `${reports}/history.jsonl`,
  historyLimit: Number(process.env.ALLURE_HISTORY_LIMIT || 50),
  // What kind of failure a red scenario is. First match wins; the messages are the harness's own.
  categories: [
    // A scenario the target's list of known deviations expects to fail, failing as listed (support/reports/known-deviations.ts
    // labels it after the run): reported, not failing the run. One listed that passed fails the run: fixed?
    { name: 'Known deviation of the target', matchers: ({ labels }) => labels.some((label) => label.name === 'known-deviation') },
    { name: 'Listed as a known deviation, but it passed: fixed? remove it from the list', matchers: ({ labels }) => labels.some((label) => label.name === 'known-deviation-fixed') },
    { name: 'Product defects: the response breaks the API description', matchers: { message: 'breaks the API description' } },
    {
      name: 'Target problems: unreachable, slow or failing server',
      matchers: [{ message: 'failed after \\d+ ms' }, { message: '(got|answered) 5\\d\\d' }],
    },
    // A failed expectation whose every ground (support/core/grounds.ts) is a register assumption: the product may
    // have made another choice that no document forbids, so a person decides which side is wrong.
    { name: 'Differs from an assumption: decide which side is wrong', matchers: ({ status, labels }) => status === 'failed' && restsOnlyOnAssumptions(labels) },
    { name: 'Product defects: the API does not behave as specified', matchers: { statuses: ['failed'] } },
    { name: 'Harness errors: the test itself broke', matchers: { statuses: ['broken'] } },
  ],
  plugins: {
    awesome: {
      options: {
        singleFile: false,
        reportLanguage: 'en',
        groupBy: ['epic', 'feature', 'story'],
      },
    },
  },
};
