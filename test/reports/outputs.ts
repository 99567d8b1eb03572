import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { EXCHANGE_SEPARATOR } from '../../support/http/exchange';

/** What `npm run test:features` left behind, for the tests that read a whole run's outputs. */
export const ROOT = resolve(__dirname, '../..');
export const REPORTS = resolve(ROOT, process.env.REPORTS_DIR ?? 'reports');
export const SECRETS_LOG = resolve(ROOT, '.authflow-cache/secrets-used.jsonl');

export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * The text of an output file that the run itself wrote. The report generators copy their own web apps into the
 * reports (Allure's `app-<hash>.js`, the Cucumber HTML formatter's script and stylesheet): those bytes are the same
 * for every run, hold dozens of six-digit constants, and are not output, so a scan for one-time codes leaves them out.
 */
export function runWrittenText(path: string): string {
  if (/app-[0-9a-f]+\.(js|css)(\.LICENSE\.txt)?$/.test(path)) return '';
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('cucumber-report.html')) return text;
  return ['main.js', 'main.css'].reduce((html, name) => html.split(readFileSync(require.resolve(`@cucumber/html-formatter/dist/${name}`), 'utf8')).join(''), text);
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export function shortPath(path: string): string {
  return relative(ROOT, path);
}

export interface AllureTestResult {
  name: string;
  status: string;
  labels: { name: string; value: string }[];
  steps: AllureStep[];
}

export interface AllureStep {
  type?: string;
  name?: string;
  steps?: AllureStep[];
  link?: { id: string; name: string; ext: string; contentType: string };
}

/** The per-test JSON files of the generated Allure 3 report. */
export function allureReportResults(): AllureTestResult[] {
  return filesUnder(join(REPORTS, 'allure-report/data/test-results')).map((path) => readJson<AllureTestResult>(path));
}

export function label(result: AllureTestResult, name: string): string | undefined {
  return result.labels.find((entry) => entry.name === name)?.value;
}

export function attachmentsOf(steps: AllureStep[]): NonNullable<AllureStep['link']>[] {
  return steps.flatMap((step) => [...(step.type === 'attachment' && step.link ? [step.link] : []), ...attachmentsOf(step.steps ?? [])]);
}

/** The text of an attachment of the generated Allure report. */
export function attachmentText(link: NonNullable<AllureStep['link']>): string {
  return readFileSync(join(REPORTS, 'allure-report/data/attachments', `${link.id}${link.ext}`), 'utf8');
}

export interface Call {
  method: string;
  path: string;
  status: string;
}

/** Each exchange of a step's transcript (support/http/exchange.ts, formatTranscript): its request line and answer status. */
export function callsIn(transcript: string): Call[] {
  return transcript.split(EXCHANGE_SEPARATOR).flatMap((exchange) => {
    const request = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S+)$/m.exec(exchange);
    if (!request) return [];
    return [{ method: request[1] as string, path: new URL(request[2] as string).pathname, status: /^HTTP (\d{3}) /m.exec(exchange)?.[1] ?? 'no response' }];
  });
}

/** Whether an attachment's title names HTTP exchanges (`GET /api/1/auth/user → 200`, several joined by ` · `). */
export function isTranscript(link: NonNullable<AllureStep['link']>): boolean {
  return /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/\S* → (\d{3}|no response)/.test(link.name);
}

/**
 * The Cucumber runs `npm start` made (scripts/passes.ts): the main one, and on the embedded target the better-auth
 * features again against the hardened configuration, each with its JSON report and the epic its family's scenarios
 * carry in the Allure report.
 */
export const RUNS = [
  { json: 'cucumber-report.json', junit: 'junit.xml', variants: { 'better-auth': 'defaults' } as Record<string, string> },
  { json: 'cucumber-report.better-auth-hardened.json', junit: 'junit.better-auth-hardened.xml', variants: { 'better-auth': 'hardened' } as Record<string, string> },
].filter((run) => existsSync(join(REPORTS, run.json)));

export interface RunScenario {
  family: string;
  /** The Allure epic: the family, and the configuration of its server when the run knows it. */
  epic: string;
  feature: string;
  name: string;
  uri: string;
  /** Tagged @https: the embedded target (plain http) skips it, with its reason. */
  https: boolean;
}

interface CucumberFeature {
  uri: string;
  name: string;
  elements: { type: string; name: string; tags?: { name: string }[] }[];
}

/** Every scenario of every run of `npm start`, with the epic the Allure report files it under. */
export function runScenarios(): RunScenario[] {
  // Required here: the families module is the harness's own, read by the tests only through this helper.
  const { familyLabel, familyOf } = require('../../support/core/families') as typeof import('../../support/core/families');
  return RUNS.flatMap((run) =>
    readJson<CucumberFeature[]>(join(REPORTS, run.json)).flatMap((feature) =>
      feature.elements
        .filter((element) => element.type === 'scenario')
        .map((scenario) => {
          const family = familyOf(feature.uri);
          return { family, epic: familyLabel(family, run.variants[family]), feature: feature.name, name: scenario.name, uri: feature.uri, https: (scenario.tags ?? []).some((tag) => tag.name === '@https') };
        }),
    ),
  );
}
