import assert from 'node:assert/strict';
import type { HttpClient } from '../http/client';
import type { HttpResponse } from '../http/response';
import { secrets } from '../redaction/secrets';
import { authenticatorCode } from '../core/totp';
import type { Scenario } from '../core/scenario';
import type { VrchatAbility } from './ability';
import { VrchatDriver } from './driver';
import { expectOwnProfile, loginUntilChallenged } from './tasks';
import type { PendingEnrolment } from './types';

/**
 * Adding an authenticator app changes the account's second factor. On a configured (real) account the scenario
 * must hand it back as it was, pass or fail: the first step that starts an enrolment registers the restore on the
 * World, and the restore undoes whatever the enrolment reached (a pending secret is cancelled, a switched-on app
 * is turned off). It runs on the mocks too, so every run proves it.
 */
export async function startEnrolment(world: Scenario, vrchat: VrchatAbility): Promise<HttpResponse> {
  if (!vrchat.enrolment) {
    vrchat.enrolment = { device: vrchat.client, state: 'none' };
    world.onCleanup(async () => {
      await putSecondFactorBack(world, vrchat);
    });
  }
  const response = await vrchat.driver.enable2FA();
  if (response.status === 200) {
    vrchat.enrolmentSecret = response.json<PendingEnrolment>().secret;
    secrets.add(vrchat.enrolmentSecret);
    vrchat.enrolment.state = 'pending';
  }
  return response;
}

/** The code the app being enrolled shows now (its windows kept in the ledger under the account's name). */
export async function enrolmentCode(world: Scenario, vrchat: VrchatAbility): Promise<string> {
  const secret = vrchat.enrolmentSecret;
  assert.ok(secret, `${vrchat.account.displayName} has not started adding an authenticator app`);
  return authenticatorCode(secret, world.clock, { owner: world.codeOwner('VRChat', `${vrchat.account.username} (enrolment)`) });
}

/** Confirms the pending enrolment with `code` (the app's current one unless given). */
export async function confirmEnrolment(world: Scenario, vrchat: VrchatAbility, code?: string): Promise<HttpResponse> {
  const response = await vrchat.driver.verifyPending2FA(code ?? (await enrolmentCode(world, vrchat)));
  if (response.status === 200 && response.json<{ verified?: boolean }>().verified === true && vrchat.enrolment) vrchat.enrolment.state = 'on';
  return response;
}

export async function cancelEnrolment(vrchat: VrchatAbility): Promise<HttpResponse> {
  const response = await vrchat.driver.cancelPending2FA();
  if (response.status === 200 && vrchat.enrolment?.state === 'pending') vrchat.enrolment.state = 'none';
  return response;
}

export async function turnOffSecondFactor(vrchat: VrchatAbility): Promise<HttpResponse> {
  const response = await vrchat.driver.disable2FA();
  if (response.status === 200 && vrchat.enrolment) vrchat.enrolment.state = 'none';
  return response;
}

/**
 * Undoes what the scenario's enrolment reached, on the device it was made on. If that session is gone, a fresh
 * login passes the new app's own code (the scenario knows its secret) to turn it off. Says in the report what
 * it did, or that it could not (then the account needs a hand).
 */
export async function putSecondFactorBack(world: Scenario, vrchat: VrchatAbility): Promise<boolean> {
  const enrolment = vrchat.enrolment;
  if (!enrolment || enrolment.state === 'none') return true;
  const who = vrchat.account.username;
  const driver = new VrchatDriver(enrolment.device);
  if (enrolment.state === 'pending') {
    const cancelled = (await driver.cancelPending2FA()).status === 200;
    if (cancelled) enrolment.state = 'none';
    world.log(cancelled ? `Cancelled the authenticator app this scenario started adding to ${who}'s account.` : `Could NOT cancel the authenticator app this scenario started adding to ${who}'s account: do it by hand.`);
    return cancelled;
  }
  let removed = (await driver.disable2FA()).status === 200;
  if (!removed) removed = await turnOffFromFreshLogin(world, vrchat);
  if (removed) enrolment.state = 'none';
  world.log(removed ? `Turned off the authenticator app this scenario added to ${who}'s account: its logins ask for emailed codes again.` : `Could NOT turn off the authenticator app this scenario added to ${who}'s account: do it by hand.`);
  return removed;
}

async function turnOffFromFreshLogin(world: Scenario, vrchat: VrchatAbility): Promise<boolean> {
  if (!vrchat.enrolmentSecret) return false;
  vrchat.switchDevice();
  try {
    await loginUntilChallenged(world, vrchat);
    const verified = await vrchat.driver.verify2FA(await enrolmentCode(world, vrchat));
    if (verified.status !== 200 || (await vrchat.driver.disable2FA()).status !== 200) return false;
    if (vrchat.enrolment) vrchat.enrolment.device = vrchat.client;
    return true;
  } catch {
    return false;
  }
}

/** The device the enrolment was made on, for checks after the restore (the actor may have moved on). */
export function enrolmentDevice(vrchat: VrchatAbility): HttpClient {
  return vrchat.enrolment?.device ?? vrchat.client;
}

/** After the restore: the account's own profile says its authenticator app is as it was before the scenario. */
export async function expectSecondFactorAsBefore(vrchat: VrchatAbility): Promise<void> {
  const had = vrchat.account.totpSecret !== undefined;
  const user = await expectOwnProfile(vrchat, enrolmentDevice(vrchat));
  assert.equal(user.twoFactorAuthEnabled, had, had ? 'the authenticator app is no longer on' : 'the authenticator app the scenario added is still on');
}
