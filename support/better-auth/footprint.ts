import { leaseAccount } from '../coordination/leases';
import { footprint } from '../core/footprint';
import type { Scenario } from '../core/scenario';
import type { HttpResponse } from '../http/response';
import type { BetterAuthAbility } from './ability';
import type { BetterAuthDriver } from './driver';
import { currentCode, isChallenge, mailedLink, newAbility, signIn } from './tasks';

/**
 * What a run leaves on a real better-auth deployment, and how it takes it away again. Every account a scenario signs
 * up is deleted after it (its sessions and API keys with it; keys are deleted one by one first, in case the
 * deployment keeps them), by the account's own `delete-user`, confirmed through the mailed link where the deployment
 * asks for one. A deployment that does not let users delete themselves (user.deleteUser off) keeps them, and the
 * footprint says so. Embedded servers are thrown away with the run: nothing to remove there.
 */
export async function removeWhatTheScenarioCreated(world: Scenario, ability: BetterAuthAbility): Promise<void> {
  if (world.target.kind !== 'real') return;
  const user = `account ${ability.account.email}`;
  footprint.record('better-auth users', user, 'created');
  for (const name of ability.apiKeys.keys()) footprint.record('better-auth API keys', `key "${name}" of ${ability.account.email}`, 'created');
  if (ability.deleted) {
    footprint.record('better-auth users', user, 'put-back');
    for (const name of ability.apiKeys.keys()) footprint.record('better-auth API keys', `key "${name}" of ${ability.account.email}`, 'put-back');
    return;
  }
  const outcome = await deleteAccount(world, ability);
  footprint.record('better-auth users', user, outcome.deleted ? 'put-back' : 'left-behind', outcome.deleted ? {} : { why: outcome.why, avoidable: outcome.avoidable });
  world.log(outcome.deleted ? `Deleted the account ${ability.account.email} this scenario signed up.` : `Could NOT delete the account ${ability.account.email}: ${outcome.why}.`);
}

/**
 * Where the deployment turned sign-up off: the account BETTER_AUTH_EMAIL and BETTER_AUTH_PASSWORD name, lent to one
 * scenario at a time (another worker's sign-out or password change would break this one's), for plain accounts only.
 * Its sessions opened by the scenario are ended after it.
 */
export async function accountFromConfiguration(world: Scenario, name: string): Promise<BetterAuthAbility | string> {
  const configured = world.target.config.betterAuth?.account;
  const off = 'the deployment turned sign-up off';
  if (!configured) return `needs a new account, and ${off}: set BETTER_AUTH_EMAIL and BETTER_AUTH_PASSWORD to lend it one`;
  if (world.takeConfiguredAccount('better-auth account')) return `needs a second account, and ${off} (BETTER_AUTH_EMAIL names one)`;
  const baseUrl = world.target.config.betterAuth?.baseUrl ?? '';
  await leaseAccount(world, `the better-auth account ${configured.email} on ${baseUrl}`, [{ id: `better-auth ${baseUrl} ${configured.email}`, account: configured }]);
  const ability = newAbility(world, { name, email: configured.email, password: configured.password });
  world.onCleanup(() => endSessionsOf(world, ability));
  return ability;
}

/** After a scenario on the configured account: every session it opened is ended (signed out device by device). */
async function endSessionsOf(_world: Scenario, ability: BetterAuthAbility): Promise<void> {
  for (const device of ability.allDevices()) {
    const session: HttpResponse | undefined = await device.driver.getSession().catch(() => undefined);
    if (!session || session.status !== 200 || session.body === 'null') continue;
    const item = `session of ${ability.account.email} on the ${device.label}`;
    footprint.record('better-auth sessions', item, 'created');
    const out = await device.driver.signOut().catch(() => undefined);
    footprint.record('better-auth sessions', item, out?.status === 200 ? 'put-back' : 'left-behind', out?.status === 200 ? {} : { why: `signing out answered ${out?.status ?? 'nothing'}`, avoidable: true });
  }
}

/**
 * Deletes the account with its own password (through its second factor if it has one), following the mailed
 * confirmation link where the deployment asks for one; the account is gone when its password no longer signs in.
 */
async function deleteAccount(world: Scenario, ability: BetterAuthAbility): Promise<{ deleted: boolean; why?: string; avoidable?: boolean }> {
  const driver = await cleanupSession(world, ability);
  if (typeof driver === 'string') {
    for (const name of ability.apiKeys.keys()) footprint.record('better-auth API keys', `key "${name}" of ${ability.account.email}`, 'left-behind', { why: `the account could not be reached to delete it: ${driver}`, avoidable: true });
    return { deleted: false, why: driver, avoidable: true };
  }
  // Its API keys first, one by one (404: the scenario deleted it already), in case the deployment keeps them.
  for (const [name, key] of ability.apiKeys) {
    const deleted = await driver.deleteApiKey(key.id);
    const gone = deleted.status === 200 || deleted.status === 404;
    footprint.record('better-auth API keys', `key "${name}" of ${ability.account.email}`, gone ? 'put-back' : 'left-behind', gone ? {} : { why: `deleting it answered ${deleted.status}`, avoidable: true });
  }
  const { email } = ability.account;
  // A fresh session may delete its account without the password (session.freshAge); a stale one is asked for it.
  let deletion = await world.expectingMail(email, () => driver.deleteUser({}));
  if (deletion.status === 400 || deletion.status === 401) deletion = await world.expectingMail(email, () => driver.deleteUser({ password: ability.account.password }));
  if (deletion.status !== 200) {
    const off = /disabled|not enabled/i.test(deletion.body) || deletion.status === 404;
    return { deleted: false, why: off ? 'the deployment does not let users delete their accounts (user.deleteUser)' : `deleting it answered ${deletion.status}`, avoidable: !off };
  }
  if (/verification/i.test(deletion.json<{ message?: string }>().message ?? '')) {
    const confirmed = await driver.deleteUserCallback(await mailedLink(world, ability));
    if (confirmed.status >= 400) return { deleted: false, why: `the mailed deletion link answered ${confirmed.status}`, avoidable: true };
  }
  // Deleted, the session that deleted it is gone with it.
  const after = await driver.getSession();
  return after.status === 200 && after.body === 'null' ? { deleted: true } : { deleted: false, why: `its session still answers after the deletion (${after.status})`, avoidable: true };
}

/**
 * A full session of the account to delete it with: the one kept from setting up its second factor, if the server
 * still accepts it, else a new sign-in (through its second factor: an unused backup code, or a code from the app).
 * A string says why there is none.
 */
async function cleanupSession(world: Scenario, ability: BetterAuthAbility): Promise<BetterAuthDriver | string> {
  // A session a device of the scenario still holds (the one kept from setting up a second factor first): no sign-in.
  const devices = ability.allDevices().sort((a, b) => Number(b.label === ability.cleanupDevice) - Number(a.label === ability.cleanupDevice));
  for (const { driver } of devices) {
    const session = await driver.getSession();
    if (session.status === 200 && session.body !== 'null' && !session.body.includes('"twoFactorRedirect"')) return driver;
  }
  const { driver } = ability.on('cleanup');
  const signedIn = await signIn(world, ability, 'cleanup');
  if (isChallenge(signedIn)) {
    const unused = ability.backupCodes.find((code) => code !== ability.lastCode);
    const passed = unused ? await driver.verifyBackupCode({ code: unused }) : await driver.verifyTotp({ code: await currentCode(world, ability) });
    if (passed.status !== 200) return `its second factor was refused (${passed.status})`;
  } else if (signedIn.status !== 200) {
    return `it could not sign in to delete itself (${signedIn.status})`;
  }
  return driver;
}
