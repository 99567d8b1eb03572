import { defineParameterType, Given } from '@cucumber/cucumber';
import type { Actor } from '../../support/world/actor';
import { ACCOUNT_STEP_TIMEOUT_MS } from '../../support/core/timeouts';
import { VRCHAT_ACCOUNT_KINDS, vrchatAccountFor, type VrchatAccountKind } from '../../support/vrchat/accounts';
import { VrchatAbility } from '../../support/vrchat/ability';
import { endScenarioSessions } from '../../support/vrchat/tasks';
import type { AuthWorld } from '../../support/world/world';

defineParameterType({
  name: 'vrchatAccountKind',
  regexp: new RegExp(Object.keys(VRCHAT_ACCOUNT_KINDS).join('|')),
  transformer: (phrase: string): VrchatAccountKind => VRCHAT_ACCOUNT_KINDS[phrase as keyof typeof VRCHAT_ACCOUNT_KINDS],
});

Given('{actor} has an account {vrchatAccountKind}', { timeout: ACCOUNT_STEP_TIMEOUT_MS }, async function (this: AuthWorld, actor: Actor, kind: VrchatAccountKind) {
  const account = await vrchatAccountFor(this, actor.name, kind);
  if (typeof account === 'string') return this.skip(this.scenarioName, account);
  const ability = new VrchatAbility(account, () => this.clientFor('VRChat'));
  actor.vrchat = ability;
  // A real server's account: the sessions the scenario opened are logged out after it.
  if (this.target.kind === 'real') this.onCleanup(() => endScenarioSessions(this, ability));
  return undefined;
});
