import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { familyLabel, familyOf } from '../core/families';
import { reportScenarios } from './cucumber-json';

/**
 * Known deviations of a target: scenarios listed as failing there (expectations/<target>.yaml, or the team's own file
 * named by AUTHFLOW_EXPECTATIONS), each with its reason, a link (an upstream issue, a vendor document) and the failure
 * it is expected with: the step that fails and a part of its message. After a run:
 *
 * - a listed scenario that fails that way is a known deviation: it ran, it is reported (its own Allure category,
 *   the console, the ASVS matrix), and it does not fail the run;
 * - a listed scenario that fails another way is not excused: it fails the run, saying how it differs from the list;
 * - a listed scenario that passes fails the run: fixed? remove it from the list;
 * - an unlisted failure fails the run, as always.
 *
 * Everything here reads what Cucumber wrote (its JSON report) and post-processes the Allure results before the HTML
 * report is generated: Cucumber and Allure are used through their documented outputs and configuration only.
 */
export interface KnownDeviation {
  /** The feature file, as Cucumber names it (`features/better-auth/magic-link.feature`). */
  feature: string;
  scenario: string;
  reason: string;
  /** An upstream issue or a vendor document that says so. */
  link: string;
  fails: {
    /** The text of the step that fails, with or without its keyword ("Then the app refuses the code"). */
    step: string;
    /** A part of the failure's message. */
    error: string;
  };
  /** The file that lists it. */
  source: string;
}

/** Reads and checks expectation files: an entry without a reason, a link or its expected failure is refused. */
export function loadExpectations(files: readonly string[], root = resolve(__dirname, '../..')): KnownDeviation[] {
  const problems: string[] = [];
  const deviations = files.flatMap((file) => {
    const path = resolve(root, file);
    if (!existsSync(path)) {
      problems.push(`${file}: no such expectations file`);
      return [];
    }
    const entries = (parse(readFileSync(path, 'utf8')) as { deviations?: Partial<KnownDeviation>[] } | null)?.deviations ?? [];
    return entries.flatMap((entry, index) => {
      const where = `${file}, entry ${index + 1}${entry.scenario ? ` ("${entry.scenario}")` : ''}`;
      const missing: string[] = (['feature', 'scenario', 'reason', 'link'] as const).filter((key) => typeof entry[key] !== 'string' || !entry[key]?.trim());
      if (!entry.fails?.step?.trim() || !entry.fails?.error?.trim()) missing.push('fails.step and fails.error');
      if (missing.length > 0) {
        problems.push(`${where}: needs ${missing.join(', ')}`);
        return [];
      }
      if (!/^https?:\/\/\S+$/.test(entry.link ?? '')) problems.push(`${where}: the link must be an http(s) address (an upstream issue, a vendor document)`);
      return [{ ...(entry as Omit<KnownDeviation, 'source'>), source: relative(root, path) }];
    });
  });
  if (problems.length > 0) throw new Error(`Known deviations cannot be read:\n  ${problems.join('\n  ')}`);
  return deviations;
}

/** A scenario of a Cucumber run, as the verdict needs it. */
export interface ScenarioResult {
  uri: string;
  name: string;
  family: string;
  /** Its tags, the feature's included (what a defect's catcher may name, scripts/defect-verdict.ts). */
  tags?: string[];
  status: 'passed' | 'failed' | 'skipped';
  /** The first step (or hook) that did not pass, with its message. */
  failure?: { step: string; error: string };
}

/** The scenarios of Cucumber's JSON report, each with the step that failed it. */
export function scenarioResults(cucumberJson: string): ScenarioResult[] {
  return reportScenarios(cucumberJson).map(({ uri, name, tags, steps }) => {
    const broken = steps.find((step) => step.result && step.result.status !== 'passed' && step.result.status !== 'skipped');
    const skipped = steps.some((step) => step.result?.status === 'skipped');
    const status = broken ? 'failed' : skipped ? 'skipped' : 'passed';
    return {
      uri,
      name,
      family: familyOf(uri),
      tags,
      status,
      ...(broken ? { failure: { step: `${broken.keyword ?? ''}${broken.name ?? '(a hook)'}`.trim(), error: broken.result?.error_message ?? broken.result?.status ?? '' } } : {}),
    } satisfies ScenarioResult;
  });
}

export type VerdictKind = 'known-deviation' | 'fails-otherwise' | 'fixed' | 'listed-not-run' | 'stale' | 'failed' | 'passed' | 'skipped';

export interface Verdict {
  kind: VerdictKind;
  result: ScenarioResult;
  deviation?: KnownDeviation;
  /** How a listed scenario's failure differs from the one listed. */
  difference?: string;
}

const STEP_KEYWORD = /^(Given|When|Then|And|But|\*)\s+/;

/** Whether a failure is the one the list expects: the same step (keyword aside) and a message containing the listed part. */
export function failsAsListed(failure: ScenarioResult['failure'], deviation: KnownDeviation): string | undefined {
  if (!failure) return 'it did not fail';
  const step = (text: string) => text.replace(STEP_KEYWORD, '').trim();
  if (step(failure.step) !== step(deviation.fails.step)) return `it failed at "${failure.step}", not at "${deviation.fails.step}"`;
  if (!failure.error.includes(deviation.fails.error)) return `it failed at the listed step, but with "${firstLine(failure.error)}", not "${deviation.fails.error}"`;
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.slice(0, 200) ?? '';
}

/**
 * Each scenario's verdict against the list. `written` (the scenarios the feature files have) finds listings of no
 * scenario, whatever part of the features the run selected (a tag, a shard).
 */
export function judge(results: readonly ScenarioResult[], deviations: readonly KnownDeviation[], written: readonly { uri: string; name: string }[] = []): Verdict[] {
  const listedFor = (result: ScenarioResult) => deviations.find((deviation) => deviation.feature.replace(/\\/g, '/') === result.uri && deviation.scenario === result.name);
  const verdicts: Verdict[] = results.map((result) => {
    const deviation = listedFor(result);
    if (!deviation) return { kind: result.status, result };
    if (result.status === 'passed') return { kind: 'fixed', result, deviation };
    if (result.status === 'skipped') return { kind: 'listed-not-run', result, deviation };
    const difference = failsAsListed(result.failure, deviation);
    return difference ? { kind: 'fails-otherwise', result, deviation, difference } : { kind: 'known-deviation', result, deviation };
  });
  // A listing of a scenario its feature file does not have (renamed, removed): a stale list.
  for (const deviation of deviations) {
    const feature = deviation.feature.replace(/\\/g, '/');
    if (!written.some((scenario) => scenario.uri === feature) || written.some((scenario) => scenario.uri === feature && scenario.name === deviation.scenario)) continue;
    const result: ScenarioResult = { uri: feature, name: deviation.scenario, family: familyOf(feature), status: 'skipped' };
    verdicts.push({ kind: 'stale', result, deviation, difference: `${feature} has no scenario of that name` });
  }
  return verdicts;
}

/** The run fails on an unlisted failure, a listed one that failed another way or passed, or a listing of no scenario. */
export function failingVerdicts(verdicts: readonly Verdict[]): Verdict[] {
  return verdicts.filter((verdict) => verdict.kind === 'failed' || verdict.kind === 'fails-otherwise' || verdict.kind === 'fixed' || verdict.kind === 'stale');
}

/**
 * The exit code of a Cucumber run once its known deviations are excused: Cucumber's own 1 ("a scenario failed")
 * becomes 0 when every failed scenario is a known deviation and none listed passed; any other code stands.
 */
export function exitCodeAfter(cucumberCode: number, verdicts: readonly Verdict[]): number {
  if (failingVerdicts(verdicts).length > 0) return cucumberCode === 0 ? 1 : cucumberCode;
  if (cucumberCode !== 1) return cucumberCode;
  return verdicts.some((verdict) => verdict.kind === 'known-deviation') ? 0 : cucumberCode;
}

/** What the console shows after a run that had known deviations, or listed scenarios that did something else. */
export function verdictSummary(verdicts: readonly Verdict[], label: string): string | undefined {
  const of = (kind: VerdictKind) => verdicts.filter((verdict) => verdict.kind === kind);
  const known = of('known-deviation');
  const otherwise = of('fails-otherwise');
  const fixed = of('fixed');
  const notRun = of('listed-not-run');
  const stale = of('stale');
  if (known.length + otherwise.length + fixed.length + notRun.length + stale.length === 0) return undefined;
  const line = (verdict: Verdict) => `"${verdict.result.name}" (${verdict.result.uri}): ${verdict.deviation?.reason} ${verdict.deviation?.link}`;
  return [
    `Known deviations of the target, ${label}: ${known.length} failed as listed (not failing the run)`,
    ...known.map((verdict) => `  ≈ ${line(verdict)}`),
    ...(otherwise.length > 0 ? [`  Listed, but failed another way (failing the run):`, ...otherwise.map((verdict) => `  ✘ ${line(verdict)}\n      ${verdict.difference}`)] : []),
    ...(fixed.length > 0 ? [`  Listed, but passed: fixed? remove it from the list (failing the run):`, ...fixed.map((verdict) => `  ✘ "${verdict.result.name}" (${verdict.result.uri}), listed in ${verdict.deviation?.source}`)] : []),
    ...(stale.length > 0 ? [`  Listed, but no such scenario (failing the run):`, ...stale.map((verdict) => `  ✘ "${verdict.result.name}" in ${verdict.deviation?.source}: ${verdict.difference}`)] : []),
    ...(notRun.length > 0 ? [`  Listed, but skipped here: ${notRun.map((verdict) => `"${verdict.result.name}"`).join(', ')}`] : []),
  ].join('\n');
}

/** Allure's labels for what the list decided; allurerc.mjs files results by them (its categories). */
export const KNOWN_DEVIATION_LABEL = 'known-deviation';
export const FIXED_DEVIATION_LABEL = 'known-deviation-fixed';

interface AllureResult {
  name: string;
  fullName?: string;
  status: string;
  statusDetails?: { message?: string; trace?: string };
  labels: { name: string; value: string }[];
  links?: { name?: string; url: string; type?: string }[];
}

/**
 * Marks the Allure results of a run's listed scenarios, before the HTML report is made: a known deviation gets the
 * label its category matches and a link to the issue, and its message says why it is excused; a listed scenario that
 * passed is turned into a failure that says so; one that failed another way says how. `variants` names the
 * configuration each family's server ran in during this run (its results' epic), so that two runs of the same
 * features against two configurations are told apart.
 */
export function markAllureResults(resultsDir: string, verdicts: readonly Verdict[], variants: Record<string, string>): number {
  if (!existsSync(resultsDir)) return 0;
  const listed = verdicts.filter((verdict) => verdict.deviation && verdict.kind !== 'listed-not-run' && verdict.kind !== 'stale');
  if (listed.length === 0) return 0;
  let marked = 0;
  for (const name of readdirSync(resultsDir).filter((file) => file.endsWith('-result.json'))) {
    const path = join(resultsDir, name);
    const result = JSON.parse(readFileSync(path, 'utf8')) as AllureResult;
    const epic = result.labels.find((label) => label.name === 'epic')?.value;
    const verdict = listed.find((candidate) => result.name === candidate.result.name && (result.fullName ?? '').endsWith(`${candidate.result.uri}#${candidate.result.name}`) && epic === familyLabel(candidate.result.family, variants[candidate.result.family]));
    if (!verdict?.deviation || !sameOutcome(result.status, verdict.result.status)) continue;
    const { deviation } = verdict;
    const link = { name: deviation.link, url: deviation.link, type: 'issue' };
    const message = result.statusDetails?.message ?? '';
    if (verdict.kind === 'known-deviation') {
      result.labels.push({ name: KNOWN_DEVIATION_LABEL, value: deviation.reason });
      result.statusDetails = { ...result.statusDetails, message: `Known deviation of the target (${deviation.source}): ${deviation.reason} ${deviation.link}\n\n${message}` };
    } else if (verdict.kind === 'fixed') {
      result.status = 'failed';
      result.labels.push({ name: FIXED_DEVIATION_LABEL, value: deviation.reason });
      result.statusDetails = { message: `Listed as a known deviation in ${deviation.source}, but it passed: fixed? remove it from the list. (${deviation.reason} ${deviation.link})` };
    } else {
      result.statusDetails = { ...result.statusDetails, message: `Listed as a known deviation in ${deviation.source}, but ${verdict.difference}: not excused.\n\n${message}` };
    }
    result.links = [...(result.links ?? []), link];
    writeFileSync(path, JSON.stringify(result));
    marked += 1;
  }
  return marked;
}

function sameOutcome(allureStatus: string, status: ScenarioResult['status']): boolean {
  return status === 'failed' ? allureStatus === 'failed' || allureStatus === 'broken' : allureStatus === status;
}
