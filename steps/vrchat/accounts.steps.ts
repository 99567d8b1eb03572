import { defineParameterType, Given } from '@cucumber/cucumber';
import type { Actor } from '../../support/actor';
import { ledgerKey } from '../../support/ledger/ledger';
import { ACCOUNT_STEP_TIMEOUT_MS, leaseAccount } from '../../support/ledger/leases';
import { configuredVrchatAccounts, provisionVrchatAccount, VRCHAT_ACCOUNT_KINDS, type VrchatAccountKind } from '../../support/vrchat/accounts';
import { VrchatAbility } from '../../support/vrchat/ability';
import { familyTarget } from '../../support/target';
import { endScenarioSessions } from '../../support/vrchat/tasks';
import type { AuthWorld } from '../../support/world';

defineParameterType({
  name: 'vrchatAccountKind',
  regexp: new RegExp(Object.keys(VRCHAT_ACCOUNT_KINDS).join('|')),
  transformer: (phrase: string): VrchatAccountKind => VRCHAT_ACCOUNT_KINDS[phrase as keyof typeof VRCHAT_ACCOUNT_KINDS],
});

Given('{actor} has an account {vrchatAccountKind}', { timeout: ACCOUNT_STEP_TIMEOUT_MS }, async function (this: AuthWorld, actor: Actor, kind: VrchatAccountKind) {
  const { baseUrl, controlUrl, userAgent } = familyTarget(this.target, 'VRChat');
  if (controlUrl) {
    const account = await provisionVrchatAccount(this.newClient(controlUrl, userAgent), actor.name, kind);
    actor.vrchat = new VrchatAbility(account, () => this.clientFor('VRChat'));
    return undefined;
  }
  // A real server: the accounts the environment names, one actor each, lent to one scenario at a time.
  const accounts = configuredVrchatAccounts(this.target.config.vrchat as NonNullable<typeof this.target.config.vrchat>, actor.name, kind);
  if (typeof accounts === 'string') return this.skip(this.scenarioName, accounts);
  if (this.takeConfiguredAccount(`VRChat ${kind}`)) return this.skip(this.scenarioName, `needs a second VRChat account ${Object.keys(VRCHAT_ACCOUNT_KINDS).find((phrase) => VRCHAT_ACCOUNT_KINDS[phrase as keyof typeof VRCHAT_ACCOUNT_KINDS] === kind)}, and the environment names one`);
  const account = await leaseAccount(
    this,
    `the VRChat ${kind} account${accounts.length > 1 ? 's' : ''} on ${baseUrl}`,
    accounts.map((candidate) => ({ id: `VRChat ${baseUrl} ${candidate.username}`, windowKey: candidate.totpSecret && ledgerKey('totp', baseUrl, candidate.totpSecret), account: candidate })),
  );
  const ability = new VrchatAbility(account, () => this.clientFor('VRChat'));
  actor.vrchat = ability;
  this.onCleanup(() => endScenarioSessions(this, ability));
  return undefined;
});
