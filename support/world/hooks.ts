import 'allure-cucumberjs';
import { After, AfterAll, Before, BeforeAll, defineParameterType, setDefaultTimeout, setDefinitionFunctionWrapper } from '@cucumber/cucumber';
import * as allure from 'allure-js-commons';
import type { Actor } from './actor';
import { loadContract, saveCoverage, targetContracts } from '../contract/contracts';
import { FAMILY_TAGS, familyLabel, familyOf, type Family } from '../core/families';
import { groundLabel, groundsOf } from '../core/grounds';
import { formatTranscript, transcriptTitle } from '../http/exchange';
import { redactText } from '../redaction/redact';
import { unmetNeed } from '../core/requirements';
import { STEP_TIMEOUT_MS } from '../core/timeouts';
import { ledger } from '../coordination/ledger';
import { meter } from '../coordination/tally';
import { giveBackKept } from '../coordination/leases';
import { closeTarget, currentTarget, openFamily, openTarget, type Target } from '../core/target';
import { AuthWorld } from './world';
import { putBackPool } from '../enhance/pool';
import { pluginsTurnedOff } from '../better-auth/probe';
import { footprint } from '../core/footprint';

setDefaultTimeout(STEP_TIMEOUT_MS);

BeforeAll({ timeout: 30_000 }, async () => {
  const target = await openTarget();
  // What a real run creates, changes and puts back on its targets (merged from every worker by `npm start`).
  if (target.kind === 'real') footprint.enable();
  // better-auth's paths are under the deployment's base path (the description's /api/auth by default).
  const betterAuth = target.families['better-auth'];
  targetContracts([...Object.keys(target.families), ...Object.keys(target.pending ?? {})], betterAuth ? { 'better-auth': new URL(betterAuth.baseUrl).pathname.replace(/\/+$/, '') } : {});
});

// Putting back the pooled Enhance logins this worker used costs a few paced requests each.
AfterAll({ timeout: 300_000 }, async () => {
  saveCoverage(currentTarget());
  try {
    await putBackPool();
  } finally {
    // The configured accounts this worker kept between its scenarios go back to the pool for other runs.
    await giveBackKept();
    // What this worker waited for and sent, added to its run's tally for the floor report (npm start prints it).
    const runId = process.env.AUTHFLOW_RUN_ID;
    if (currentTarget().kind === 'real' && runId) await ledger().addTally(runId, meter.take());
    await closeTarget();
  }
});

const FAMILIES = Object.keys(FAMILY_TAGS) as Family[];

/**
 * One hook before each scenario (each hook is a fixture file in the Allure results): the epic is the API family,
 * from the folder the feature lives in, and the story is the scenario's rule; a `ground` label for each thing its
 * expectations rest on (support/core/grounds.ts); a scenario this run cannot do is skipped, never passed, and says
 * why (in the report and on stderr).
 */
// Its timeout is the start-up's: the family's first scenario may compile its description or start its server.
Before({ name: 'Label the scenario, skip what this run cannot do', timeout: 30_000 }, async function (this: AuthWorld, { pickle }) {
  this.scenarioName = pickle.name;
  // The family's folder names it; a feature outside them (features/bench/) names it with the scenario's tag.
  const tags = pickle.tags.map((tag) => tag.name);
  this.family = FAMILIES.find((family) => family === familyOf(pickle.uri)) ?? FAMILIES.find((family) => tags.includes(FAMILY_TAGS[family].tag));
  if (this.family) await familyReady(this.target, this.family);
  const reason = unmetNeed(tags, this.target);
  // A family whose embedded server starts with its first scenario (better-auth) starts now, unless skipped.
  if (!reason && this.family) await openFamily(this.target, this.family);
  // The epic names the configuration the family's server runs in, when the run knows it: the same features run
  // against two configurations of the embedded better-auth stand side by side, "better-auth (defaults)" and
  // "better-auth (hardened)"; the parameter keeps their histories apart. One runtime message for every label (the
  // epic, the story, the grounds): each message is an attachment that every formatter handles.
  const variant = this.family ? this.target.families[this.family]?.variant : undefined;
  await allure.labels(
    { name: allure.LabelName.EPIC, value: familyLabel(familyOf(pickle.uri), variant) },
    { name: allure.LabelName.STORY, value: pickle.name },
    ...groundsOf(tags).map((ground) => ({ name: 'ground', value: groundLabel(ground) })),
  );
  if (variant) await allure.parameter('configuration', variant);
  if (!reason) return undefined;
  return this.skip(pickle.name, reason, { byTags: true });
});

let pluginsProbed: Promise<void> | undefined;

/**
 * Once per process, when the first scenario of a family comes (a run that selects none of a family's scenarios pays
 * nothing for it): which plugins a real better-auth deployment has, asked with requests that change nothing, and
 * the family's API description.
 */
async function familyReady(target: Target, family: Family): Promise<void> {
  const deployment = target.kind === 'real' && family === 'better-auth' ? target.families[family] : undefined;
  if (deployment) await (pluginsProbed ??= pluginsTurnedOff(deployment).then((off) => void (deployment.turnedOff = { ...off, ...deployment.turnedOff })));
  await loadContract(family);
}

// A benchmark scenario makes exactly the requests of bench/WORKLOAD.md, whose flows clean up after themselves (a
// restore would add requests the workload does not have); what it borrowed goes back all the same.
After({ name: 'Restore what the scenario changed, give back what it borrowed' }, async function (this: AuthWorld, { pickle }) {
  if (pickle.tags.some((tag) => tag.name === '@bench')) await this.giveBackBorrowed();
  else await this.cleanUp();
});

/** `Tess`, `Zoë`: a capitalised name in a step is an actor of the scenario, created on first mention. */
defineParameterType({
  name: 'actor',
  regexp: /[A-Z][a-zß-ÿ]+/,
  transformer(this: AuthWorld, name: string): Actor {
    return this.actor(name);
  },
  useForSnippets: false,
});

/**
 * Around every step and hook: attach the step's HTTP exchanges to it (redacted), and make sure no error message
 * carries a secret out of the run (assertion diffs print actual values).
 */
setDefinitionFunctionWrapper((fn: (...args: unknown[]) => unknown) =>
  async function wrapped(this: unknown, ...args: unknown[]) {
    try {
      return await fn.apply(this, args);
    } catch (error) {
      throw redactedError(error);
    } finally {
      if (this instanceof AuthWorld) attachTranscript(this);
    }
  },
);

/**
 * One attachment per step, its exchanges in order: each attachment is a file in the Allure results, the HTML report
 * and every formatter's output, and Allure's report generation copies them one at a time (a run on the mocks makes
 * about 2,000 exchanges in about 730 steps).
 */
function attachTranscript(world: AuthWorld): void {
  const exchanges = world.transcript.splice(0);
  if (exchanges.length === 0) return;
  world.attach(formatTranscript(exchanges), { mediaType: 'text/plain', fileName: transcriptTitle(exchanges) });
}

function redactedError(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(redactText(String(error)));
  const safe = new Error(redactText(error.message));
  safe.name = error.name;
  safe.stack = redactText(error.stack ?? safe.message);
  return safe;
}
