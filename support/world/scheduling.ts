import { setParallelCanAssign } from '@cucumber/cucumber';
import { loadDotEnv, readConfig, type Config } from '../core/config';
import { familyOf } from '../core/families';

/**
 * With `--parallel N` against real servers, how many scenarios of a family may run at once. A family whose
 * scenarios borrow configured accounts (support/coordination/leases.ts lends each to one scenario at a time) gets one
 * worker: a second would only wait for the account, or, for VRChat's authenticator accounts, for a window of the
 * same secrets (a window gives one code per secret whoever asks; one worker already takes the account whose next
 * window comes soonest). The other workers are handed other families' scenarios meanwhile (the run lists VRChat's
 * first, see cucumber.mjs), so the waiting for windows overlaps the rest of the run. A family that creates its
 * accounts (Enhance with admin credentials) has no limit; `@mock-only` scenarios are skipped at once.
 */
export function concurrentScenarios(config: Config): Record<string, number> {
  // better-auth's scenarios sign up accounts of their own; only the one a deployment without sign-up lends is shared.
  const betterAuthLends = Boolean(config.betterAuth?.turnedOff['sign-up'] && config.betterAuth.account);
  return { VRChat: 1, Enhance: config.enhance?.admin ? Infinity : 1, Shoko: 1, 'better-auth': betterAuthLends ? 1 : Infinity };
}

interface PickleLike {
  uri: string;
  tags: readonly { name: string }[];
}

/** Cucumber's test: may `pickle` start now, next to the `running` ones, within the families' limits? */
export function withinLimits(limits: Record<string, number>): (pickle: PickleLike, running: readonly PickleLike[]) => boolean {
  const borrows = (pickle: PickleLike) => !pickle.tags.some((tag) => tag.name === '@mock-only');
  return (pickle, running) => {
    if (!borrows(pickle)) return true;
    const family = familyOf(pickle.uri);
    return running.filter((other) => borrows(other) && familyOf(other.uri) === family).length < (limits[family] ?? Infinity);
  };
}

loadDotEnv();
if (readConfig().config.target === 'real') setParallelCanAssign(withinLimits(concurrentScenarios(readConfig().config)));
