// Allure Report 3 (pure JavaScript, no Java): `npm run report` or the end of `npm start`.
export default {
  name: 'authflow: authentication flows',
  output: `${process.env.REPORTS_DIR ?? 'reports'}/allure-report`,
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
