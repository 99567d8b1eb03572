import { leaseAccount } from '../coordination/leases';
import { footprint } from '../core/footprint';
import type { Scenario } from '../core/scenario';
import { familyTarget } from '../core/target';
import assert from 'node:assert/strict';
import type { HttpResponse } from '../http/response';
import { ShokoAbility, provisionShokoUser } from './ability';

/**
 * `name`'s Shoko user in this scenario: a fresh one on the mocks; on a real server the one user the environment
 * names, lent to this scenario alone (another worker's password change would lock it out) and put back after it.
 * A string says why the scenario cannot have one.
 */
export async function shokoUserFor(world: Scenario, name: string): Promise<ShokoAbility | string> {
  const { controlUrl } = familyTarget(world.target, 'Shoko');
  if (controlUrl) return new ShokoAbility(await provisionShokoUser(world.newClient(controlUrl), name), world.clientFor('Shoko'));
  const configured = world.target.config.shoko;
  if (!configured) throw new Error('SHOKO_USER is not configured');
  if (world.takeConfiguredAccount('Shoko user')) return 'needs a second Shoko user, and the run names one (SHOKO_USER)';
  await leaseAccount(world, `the Shoko user ${configured.user} on ${configured.baseUrl}`, [{ id: `Shoko ${configured.baseUrl} ${configured.user}`, account: configured }]);
  const ability = new ShokoAbility({ username: configured.user, password: configured.password }, world.clientFor('Shoko'));
  world.onCleanup(() => restoreShokoUser(world, ability, configured.password));
  return ability;
}

/**
 * After a scenario on a real server: the password goes back to the configured one (which also revokes every
 * key), otherwise the keys the scenario created are deleted. The report says so.
 */
async function restoreShokoUser(world: Scenario, shoko: ShokoAbility, original: string): Promise<void> {
  const keyItem = (device: string) => `key of ${shoko.account.username} for device ${shoko.deviceName(device)}`;
  for (const device of shoko.keys.keys()) footprint.record('Shoko API keys', keyItem(device), 'created');
  if (shoko.account.password !== original) {
    const signIn = await shoko.driver.login({ user: shoko.account.username, pass: shoko.account.password, device: shoko.deviceName('restore') });
    const key = signIn.status === 200 ? signIn.json<{ apikey: string }>().apikey : undefined;
    const restored = key ? (await shoko.driver.changePassword(original, key)).status === 200 : false;
    world.log(restored ? `Restored ${shoko.account.username}'s password.` : `Could NOT restore ${shoko.account.username}'s password: do it by hand.`);
    // Changing the password revokes every key of the user, the restore's own included.
    if (key) footprint.record('Shoko API keys', keyItem('restore'), 'created');
    for (const device of [...shoko.keys.keys(), ...(key ? ['restore'] : [])]) {
      footprint.record('Shoko API keys', keyItem(device), restored ? 'put-back' : 'left-behind', restored ? {} : { why: 'the password could not be put back, which would have revoked it', avoidable: true });
    }
    if (restored) shoko.account.password = original;
    return;
  }
  for (const [device, key] of shoko.keys) {
    const { status } = await shoko.driver.deleteKey(key);
    // 401/404: the scenario revoked it already.
    const gone = status < 300 || status === 401 || status === 404;
    footprint.record('Shoko API keys', keyItem(device), gone ? 'put-back' : 'left-behind', gone ? {} : { why: `deleting it answered ${status}`, avoidable: true });
  }
  if (shoko.keys.size > 0) world.log(`Deleted the ${shoko.keys.size} API key(s) this scenario created.`);
}

/** Signs in on a device; a 200 records the key it issued for that device (the previous one is kept aside). */
export async function signIn(world: Scenario, shoko: ShokoAbility, device: string, password = shoko.account.password, wireDevice = shoko.deviceName(device)): Promise<HttpResponse> {
  const response = world.remember(await shoko.driver.login({ user: shoko.account.username, pass: password, device: wireDevice }));
  if (response.status === 200) {
    shoko.previousKey = shoko.keys.get(device);
    shoko.keys.set(device, response.json<{ apikey: string }>().apikey);
  }
  return response;
}

/** Changes the password with a device's key; a 200 records the new password (a real run puts the original back). */
export async function changePassword(world: Scenario, shoko: ShokoAbility, device: string): Promise<HttpResponse> {
  const password = shoko.newPassword();
  const response = world.remember(await shoko.driver.changePassword(password, shoko.keyOf(device)));
  if (response.status === 200) {
    shoko.previousPassword = shoko.account.password;
    shoko.account.password = password;
  }
  return response;
}

/**
 * The user a key opened is the actor's: the first time by its name as Shoko matches a sign-in's (trimmed, in any
 * letter case: a configured SHOKO_USER may be written otherwise than the server stores it), then by the id learnt then.
 */
export function expectOwnUser(shoko: ShokoAbility, shown: { ID?: number; Username?: string }): void {
  const { account } = shoko;
  if (account.id !== undefined && shown.ID !== undefined) {
    assert.equal(shown.ID, account.id, 'the key belongs to someone else');
    return;
  }
  const same = (name: string | undefined) => name?.trim().toLowerCase();
  assert.equal(same(shown.Username), same(account.username), 'the key belongs to someone else');
  if (typeof shown.ID === 'number') account.id = shown.ID;
}
