// Allure Report 3 (pure JavaScript, no Java): `npm run report` or the end of `npm start`.
export default {
  name: 'authflow: authentication flows',
  output: `${process.env.REPORTS_DIR ?? 'reports'}/allure-report`,
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
