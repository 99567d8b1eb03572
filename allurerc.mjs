// Allure Report 3 (pure JavaScript, no Java): `npm run report` or the end of `npm start`.
const reports = process.env.REPORTS_DIR ?? 'reports';

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
    { name: 'Product defects: the response breaks the API description', matchers: { message: 'breaks the API description' } },
    {
      name: 'Target problems: unreachable, slow or failing server',
      matchers: [{ message: 'failed after \\d+ ms' }, { message: '(got|answered) 5\\d\\d' }],
    },
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
