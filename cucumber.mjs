// Cucumber profiles. `npm start` uses the default one; `npm start -- --tags @logout` narrows it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Read from disk: some packages (ky) do not export their package.json.
const version = (name) => JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;

/** Where every output goes (`REPORTS_DIR`, default `reports`). */
const reports = process.env.REPORTS_DIR ?? 'reports';
/**
 * `npm start` runs the better-auth features a second time against the hardened configuration of the embedded server
 * (scripts/run-features.ts): that run's Cucumber outputs carry its name (`cucumber-report.better-auth-hardened.json`),
 * its Allure results join the others in one report.
 */
const pass = process.env.AUTHFLOW_PASS ? `.${process.env.AUTHFLOW_PASS}` : '';

/** What the Allure report shows as the run's environment: target and base URLs, never a credential. */
const real = process.env.TARGET === 'real';
const baseUrl = (variable) => (real ? process.env[variable] || 'not targeted' : 'embedded mock (ephemeral 127.0.0.1 port)');
const environmentInfo = {
  target: real ? 'real servers' : 'embedded mocks',
  'VRChat base URL': baseUrl('VRCHAT_BASE_URL'),
  'Enhance base URL': baseUrl('ENHANCE_BASE_URL'),
  'Shoko base URL': baseUrl('SHOKO_BASE_URL'),
  'better-auth base URL': real
    ? process.env.BETTER_AUTH_BASE_URL ? `${process.env.BETTER_AUTH_BASE_URL}${process.env.BETTER_AUTH_BASE_PATH ?? '/api/auth'}` : 'not targeted'
    : 'the real framework embedded in the run, configurations defaults and hardened (ephemeral 127.0.0.1 ports)',
  mailbox: real ? process.env.MAILBOX_URL || 'none' : 'embedded mock',
  node: process.version,
  authflow: JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version,
  '@cucumber/cucumber': version('@cucumber/cucumber'),
  ky: version('ky'),
  'tough-cookie': version('tough-cookie'),
  otplib: version('otplib'),
};

const common = {
  // TypeScript through tsx, one of the two loaders Cucumber documents (docs/transpiling.md): it only transpiles (type
  // checking is `npm run typecheck`). Why tsx and not ts-node: README, "Notes on the stack".
  requireModule: ['tsx/cjs'],
  // The files that register with Cucumber (the hooks, which import the World and everything a run uses, and the
  // real-mode scheduling rule) and the steps; not every file under support/, which would load what no run needs
  // (Ajv's compiler, the ASVS renderings): ~50 ms of every start (issue 12). test/unit/cucumber-config.test.ts
  // checks that no registering file is left out.
  require: ['support/world/hooks.ts', 'support/world/scheduling.ts', 'steps/**/*.ts'],
  // The API families' features. The benchmark's (features/bench/, tagged @bench) stay out of every normal run
  // and have a profile of their own (below). Paths, not a `not @bench` tag filter, because Cucumber ANDs a
  // profile's tags with the command line's, so `--tags @bench` could never select them.
  // Against real servers VRChat's come first: they wait for TOTP windows, which the other workers' scenarios then
  // overlap (support/world/scheduling.ts).
  paths: real ? ['features/vrchat/**/*.feature', 'features/{enhance,shoko,better-auth}/**/*.feature'] : ['features/{vrchat,enhance,shoko,better-auth}/**/*.feature'],
  strict: true,
};

const defaultProfile = {
  ...common,
  format: [
    // The progress bar needs a terminal; anywhere else (CI, a pipe) it would warn and fall back by itself.
    process.stdout.isTTY ? 'progress-bar' : 'progress',
    // Every formatter gets a file of its own: two on stdout and only the last one writes (see README).
    ['./support/reports/allure-formatter.cjs', `${reports}/.allure-reporter${pass}.log`],
    ['junit', `${reports}/junit${pass}.xml`],
    ['html', `${reports}/cucumber-report${pass}.html`],
    ['json', `${reports}/cucumber-report${pass}.json`],
  ],
  formatOptions: {
    resultsDir: `${reports}/allure-results`,
    // The same files as Allure's default writer, without a temporary file, fsync and rename for each one.
    writer: [fileURLToPath(new URL('./support/reports/allure-results-writer.ts', import.meta.url)), { resultsDir: `${reports}/allure-results` }],
    labels: [{ name: 'severity', pattern: [/@severity:(.*)/] }],
    environmentInfo,
    junit: { suiteName: process.env.AUTHFLOW_PASS ? `authflow (${process.env.AUTHFLOW_PASS})` : 'authflow' },
  },
};

export default defaultProfile;

/** `npm run bench`'s authflow side: the default profile, reports and all, on the benchmark's features only. */
export const bench = { ...defaultProfile, paths: ['features/bench/**/*.feature'] };

/** For `npm test`'s dry run: every step must be defined, nothing runs. */
export const dryRun = {
  ...common,
  dryRun: true,
  format: ['summary'],
};

/** The benchmark's features, dry: their steps must be defined too. */
export const benchDryRun = { ...dryRun, paths: bench.paths };
