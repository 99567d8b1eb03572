// Cucumber profiles. `npm start` uses the default one; `npm start -- --tags @logout` narrows it.
const common = {
  requireModule: ['ts-node/register/transpile-only'],
  require: ['support/**/*.ts', 'steps/**/*.ts'],
  paths: ['features/**/*.feature'],
  strict: true,
};

export default {
  ...common,
  format: [
    'progress-bar',
    // Every formatter gets a file of its own: two on stdout and only the last one writes (see README).
    ['allure-cucumberjs/reporter', 'reports/.allure-reporter.log'],
    ['junit', 'reports/junit.xml'],
    ['html', 'reports/cucumber-report.html'],
    ['json', 'reports/cucumber-report.json'],
  ],
  formatOptions: {
    resultsDir: 'reports/allure-results',
    labels: [{ name: 'severity', pattern: [/@severity:(.*)/] }],
    junit: { suiteName: 'authflow' },
  },
};

/** For `npm test`'s dry run: every step must be defined, nothing runs. */
export const dryRun = {
  ...common,
  dryRun: true,
  format: ['summary'],
};
