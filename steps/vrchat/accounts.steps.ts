import { defineParameterType, Given } from '@cucumber/cucumber';
import type { Actor } from '../../support/actor';
import { provisionVrchatAccount, VRCHAT_ACCOUNT_KINDS, type VrchatAccountKind } from '../../support/vrchat/accounts';
import { VrchatAbility } from '../../support/vrchat/ability';
import { familyTarget } from '../../support/target';
import type { AuthWorld } from '../../support/world';

defineParameterType({
  name: 'vrchatAccountKind',
  regexp: new RegExp(Object.keys(VRCHAT_ACCOUNT_KINDS).join('|')),
  transformer: (phrase: string): VrchatAccountKind => VRCHAT_ACCOUNT_KINDS[phrase as keyof typeof VRCHAT_ACCOUNT_KINDS],
});

Given('{actor} has an account {vrchatAccountKind}', async function (this: AuthWorld, actor: Actor, kind: VrchatAccountKind) {
  const { controlUrl, userAgent } = familyTarget(this.target, 'VRChat');
  if (!controlUrl) throw new Error('creating accounts needs the VRChat mock (real targets name their accounts in the environment)');
  const account = await provisionVrchatAccount(this.newClient(controlUrl, userAgent), actor.name, kind);
  actor.vrchat = new VrchatAbility(account, () => this.clientFor('VRChat'));
});
