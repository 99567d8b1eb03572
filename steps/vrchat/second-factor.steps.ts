import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../support/world/actor';
import { REPLAY_MARGIN_SECONDS, wrongCode } from '../../support/core/totp';
import { expectNotVerified } from '../../support/vrchat/expectations';
import {
  currentAuthenticatorCode, emailedLoginCode, expectOwnProfile, guessEmailedCodesAcrossLogins, loginOnTwoDevices, loginUntilChallenged, onTwoDevicesAtOnce, pastAuthenticatorCode, useDeviceOfTwo,
} from '../../support/vrchat/tasks';
import { VrchatDriver } from '../../support/vrchat/driver';
import type { RecoveryCodes, TwoFactorChallenge } from '../../support/vrchat/types';
import type { AuthWorld } from '../../support/world/world';

// The authenticator app.

When('{actor} verifies her/his/their login with a code from her/his/their authenticator app', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.vrchat.driver.verify2FA(await currentAuthenticatorCode(this, actor.vrchat)));
});

When('{actor} verifies her/his/their login with a wrong authenticator code', async function (this: AuthWorld, actor: Actor) {
  const right = await currentAuthenticatorCode(this, actor.vrchat);
  this.remember(await actor.vrchat.driver.verify2FA(wrongCode(right)));
});

When('{actor} verifies her/his/their login with a made-up authenticator code', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.vrchat.driver.verify2FA(wrongCode()));
});

When(
  /^([A-Z][a-zß-ÿ]+) verifies (?:her|his|their) login with the same code(?: again| from (?:her|his|their) authenticator app)$/,
  async function (this: AuthWorld, actor: Actor) {
    const { vrchat } = actor;
    assert.ok(vrchat.lastAuthenticatorCode, `${actor.name} has not used an authenticator code yet`);
    this.remember(await vrchat.driver.verify2FA(vrchat.lastAuthenticatorCode));
  },
);

Given('{actor} has completed a login with a code from her/his/their authenticator app', async function (this: AuthWorld, actor: Actor) {
  const challenge = await loginUntilChallenged(this, actor.vrchat);
  assert.ok(challenge.json<TwoFactorChallenge>().requiresTwoFactorAuth.includes('totp'), 'the login did not offer the authenticator app');
  const response = await actor.vrchat.driver.verify2FA(await currentAuthenticatorCode(this, actor.vrchat));
  assert.equal(response.status, 200, `the authenticator code was refused (${response.status})`);
});

Given('{actor} has tried the same code again', async function (this: AuthWorld, actor: Actor) {
  const code = actor.vrchat.lastAuthenticatorCode;
  assert.ok(code, `${actor.name} has not used an authenticator code yet`);
  expectNotVerified(await actor.vrchat.driver.verify2FA(code));
});

Given('someone has tried {int} wrong authenticator codes in {actor}\'s login', async function (this: AuthWorld, attempts: number, actor: Actor) {
  const right = await currentAuthenticatorCode(this, actor.vrchat);
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    expectNotVerified(await actor.vrchat.driver.verify2FA(wrongCode(right, attempt)));
  }
});

When(
  '{actor} verifies her/his/their login with the code her/his/their authenticator app showed {int} minutes ago',
  async function (this: AuthWorld, actor: Actor, minutes: number) {
    this.remember(await actor.vrchat.driver.verify2FA(await pastAuthenticatorCode(this, actor.vrchat, minutes * 60)));
  },
);

When('{actor} enters the authenticator code as a recovery code by mistake', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.vrchat.driver.verifyRecoveryCode(await currentAuthenticatorCode(this, actor.vrchat)));
});

When('{actor} enters an authenticator code without having logged in', async function (this: AuthWorld, actor: Actor) {
  actor.vrchat.switchDevice();
  this.remember(await actor.vrchat.driver.verify2FA(wrongCode()));
});

When('{actor} sends the code as a bare string instead of an object', async function (this: AuthWorld, actor: Actor) {
  const code = await currentAuthenticatorCode(this, actor.vrchat);
  this.remember(await actor.vrchat.driver.verifyWithRawBody(JSON.stringify(code)));
});

// Two pending logins of one account (support/vrchat/tasks.ts, loginOnTwoDevices).

Given('{actor} has logged in on two devices but not yet passed the second factor', async function (this: AuthWorld, actor: Actor) {
  await loginOnTwoDevices(this, actor.vrchat);
});

Given('{actor} has passed the second factor on the second device with the code sent for it', async function (this: AuthWorld, actor: Actor) {
  const code = useDeviceOfTwo(actor.vrchat, 2);
  assert.ok(code, `no code was mailed for ${actor.name}'s second login`);
  const response = await actor.vrchat.driver.verify2FAEmailCode(code);
  assert.equal(response.status, 200, `the emailed code was refused (${response.status})`);
  actor.vrchat.lastEmailCode = code;
});

Given('{actor} has passed the second factor on the second device with a code from her/his/their authenticator app', async function (this: AuthWorld, actor: Actor) {
  useDeviceOfTwo(actor.vrchat, 2);
  // The code is sent again on the other device right after: its window must last through both requests.
  const code = await currentAuthenticatorCode(this, actor.vrchat, { marginSeconds: REPLAY_MARGIN_SECONDS });
  const response = await actor.vrchat.driver.verify2FA(code);
  assert.equal(response.status, 200, `the authenticator code was refused (${response.status})`);
});

When('{actor} verifies the login on her/his/their first device with the same code', async function (this: AuthWorld, actor: Actor) {
  useDeviceOfTwo(actor.vrchat, 1);
  assert.ok(actor.vrchat.lastAuthenticatorCode, `${actor.name} has not used an authenticator code yet`);
  this.remember(await actor.vrchat.driver.verify2FA(actor.vrchat.lastAuthenticatorCode));
});

When('{actor} verifies the login on her/his/their first device with the code she/he/they already used', async function (this: AuthWorld, actor: Actor) {
  useDeviceOfTwo(actor.vrchat, 1);
  assert.ok(actor.vrchat.lastEmailCode, `${actor.name} has not used an emailed code yet`);
  this.remember(await actor.vrchat.driver.verify2FAEmailCode(actor.vrchat.lastEmailCode));
});

When('{actor} verifies the login on her/his/their first device with the code sent for the second', async function (this: AuthWorld, actor: Actor) {
  const code = actor.vrchat.twoDevices[1]?.emailCode;
  assert.ok(code, `no code was mailed for ${actor.name}'s second login`);
  useDeviceOfTwo(actor.vrchat, 1);
  this.remember(await actor.vrchat.driver.verify2FAEmailCode(code));
});

When('{actor} verifies the login on her/his/their second device with the code sent for it', async function (this: AuthWorld, actor: Actor) {
  const code = useDeviceOfTwo(actor.vrchat, 2);
  assert.ok(code, `no code was mailed for ${actor.name}'s second login`);
  this.remember(await actor.vrchat.driver.verify2FAEmailCode(code));
});

When('the code sent for {actor}\'s second device is entered on both of her/his/their devices at the same moment', async function (this: AuthWorld, actor: Actor) {
  const { vrchat } = actor;
  const code = vrchat.twoDevices[1]?.emailCode;
  assert.ok(code, `no code was mailed for ${actor.name}'s second login`);
  const devices = vrchat.twoDevices.map((device) => new VrchatDriver(device.client));
  assert.equal(devices.length, 2, `${actor.name} has no login on two devices`);
  const answers = await vrchat.client.together(devices.map((device) => () => device.verify2FAEmailCode(code)));
  vrchat.answers = answers.map((response, index) => ({ what: `device ${index + 1}`, response }));
});

Then('only one of {actor}\'s two logins is completed', function (this: AuthWorld, actor: Actor) {
  const completed = actor.vrchat.answers.filter(({ response }) => response.status === 200 && response.json<{ verified?: boolean }>().verified === true);
  assert.equal(completed.length, 1, `one code completed ${completed.length} logins (${actor.vrchat.answers.map(({ what, response }) => `${what}: ${response.status}`).join(', ')})`);
});

// Recovery codes.

function unusedRecoveryCode(actor: Actor): string {
  const code = actor.vrchat.account.recoveryCodes.find((candidate) => candidate !== actor.vrchat.lastRecoveryCode);
  assert.ok(code, `${actor.name} has no recovery codes`);
  actor.vrchat.lastRecoveryCode = code;
  return code;
}

When('{actor} verifies her/his/their login with one of her/his/their recovery codes', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.vrchat.driver.verifyRecoveryCode(unusedRecoveryCode(actor)));
});

Given('{actor} has completed a login with one of her/his/their recovery codes', async function (this: AuthWorld, actor: Actor) {
  await loginUntilChallenged(this, actor.vrchat);
  const response = await actor.vrchat.driver.verifyRecoveryCode(unusedRecoveryCode(actor));
  assert.equal(response.status, 200, `the recovery code was refused (${response.status})`);
});

Given('someone has tried {int} wrong recovery codes in {actor}\'s login', async function (this: AuthWorld, attempts: number, actor: Actor) {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const made = `${randomBytes(2).toString('hex')}-${randomBytes(2).toString('hex')}`;
    expectNotVerified(await actor.vrchat.driver.verifyRecoveryCode(made));
  }
});

When('{actor} verifies her/his/their login with the same recovery code again', async function (this: AuthWorld, actor: Actor) {
  assert.ok(actor.vrchat.lastRecoveryCode, `${actor.name} has not used a recovery code yet`);
  this.remember(await actor.vrchat.driver.verifyRecoveryCode(actor.vrchat.lastRecoveryCode));
});

When('{actor} verifies her/his/their login with a recovery code that is not hers/his/theirs', async function (this: AuthWorld, actor: Actor) {
  const made = `${randomBytes(2).toString('hex')}-${randomBytes(2).toString('hex')}`;
  this.remember(await actor.vrchat.driver.verifyRecoveryCode(made));
});

When('{actor} lists her/his/their recovery codes', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.vrchat.driver.getRecoveryCodes());
});

Then('the recovery code {actor} used is marked as used', function (this: AuthWorld, actor: Actor) {
  assert.equal(this.lastResponse.status, 200);
  const entry = this.lastResponse.json<RecoveryCodes>().otp.find((listed) => listed.code === actor.vrchat.lastRecoveryCode);
  assert.ok(entry, 'the used recovery code is missing from the list');
  assert.equal(entry.used, true, 'the used recovery code is not marked as used');
});

Then('{actor}\'s other recovery codes are still unused', function (this: AuthWorld, actor: Actor) {
  const others = this.lastResponse.json<RecoveryCodes>().otp.filter((listed) => listed.code !== actor.vrchat.lastRecoveryCode);
  assert.ok(others.length > 0, 'the account has no other recovery codes');
  assert.deepEqual(others.filter((listed) => listed.used), [], 'codes that were never used are marked as used');
});

// Codes sent by email.

Then('{actor} receives a code by email', async function (this: AuthWorld, actor: Actor) {
  await emailedLoginCode(this, actor.vrchat);
});

When('{actor} verifies her/his/their login with the code sent by email', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.vrchat.driver.verify2FAEmailCode(await emailedLoginCode(this, actor.vrchat)));
});

Given('{actor} has completed a login with a code sent by email', async function (this: AuthWorld, actor: Actor) {
  const challenge = await loginUntilChallenged(this, actor.vrchat);
  assert.ok(challenge.json<TwoFactorChallenge>().requiresTwoFactorAuth.includes('emailOtp'), 'the login did not ask for an emailed code');
  const code = await emailedLoginCode(this, actor.vrchat);
  const response = await actor.vrchat.driver.verify2FAEmailCode(code);
  assert.equal(response.status, 200, `the emailed code was refused (${response.status})`);
  actor.vrchat.lastEmailCode = code;
});

When('{actor} verifies her/his/their login with the code sent by email that she/he/they already used', async function (this: AuthWorld, actor: Actor) {
  assert.ok(actor.vrchat.lastEmailCode, `${actor.name} has not used an emailed code yet`);
  this.remember(await actor.vrchat.driver.verify2FAEmailCode(actor.vrchat.lastEmailCode));
});

When('{actor}\'s login is verified with the code sent to {actor} by email', async function (this: AuthWorld, owner: Actor, other: Actor) {
  this.remember(await owner.vrchat.driver.verify2FAEmailCode(await emailedLoginCode(this, other.vrchat)));
});

When('{actor} verifies her/his/their login with a wrong code instead of the one sent by email', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.vrchat.driver.verify2FAEmailCode(wrongCode(await emailedLoginCode(this, actor.vrchat))));
});

// Outcomes.

Then('the second factor is accepted', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `the second factor answered ${this.lastResponse.status}`);
  assert.equal(this.lastResponse.json<{ verified?: boolean }>().verified, true, 'the answer does not say verified');
});

Then('the code is refused', function (this: AuthWorld) {
  expectNotVerified(this.lastResponse);
});

Then('this device is remembered', function (this: AuthWorld) {
  const cookie = this.lastResponse.setCookie('twoFactorAuth');
  assert.ok(cookie && cookie.value !== '', 'no "twoFactorAuth" cookie remembers the device');
});

Then('the cookie that remembers this device is out of reach of scripts', function (this: AuthWorld) {
  const cookie = this.lastResponse.setCookie('twoFactorAuth');
  assert.ok(cookie && cookie.value !== '', 'no "twoFactorAuth" cookie remembers the device');
  // The description's example Set-Cookie of the verify answers carries HttpOnly (vrchat-auth.md §2.4).
  assert.ok(cookie.httpOnly, 'the device cookie is not HttpOnly: scripts on the page can read it');
});

// The benchmark's workload (features/bench/) keeps this check inside its flow; the families' features check the
// attribute in a scenario of its own (features/vrchat/session-cookie.feature).
Then('this device is remembered with a cookie that scripts cannot read', function (this: AuthWorld) {
  const cookie = this.lastResponse.setCookie('twoFactorAuth');
  assert.ok(cookie && cookie.value !== '', 'no "twoFactorAuth" cookie remembers the device');
  assert.ok(cookie.httpOnly, 'the device cookie is not HttpOnly');
});

Then('{actor} is still asked for a second factor', async function (this: AuthWorld, actor: Actor) {
  const response = await actor.vrchat.driver.getCurrentUser();
  assert.equal(response.status, 200, `asking who is logged in answered ${response.status}`);
  const methods = response.json<Partial<TwoFactorChallenge>>().requiresTwoFactorAuth;
  assert.ok(Array.isArray(methods) && methods.length > 0, 'the login is no longer pending');
});

Then('{actor} can see her/his/their own profile', async function (this: AuthWorld, actor: Actor) {
  await expectOwnProfile(actor.vrchat);
});

Then('{actor} is kept out for a while, even with the right code', function (this: AuthWorld, _actor: Actor) {
  assert.equal(this.lastResponse.status, 429, `expected 429 Too Many Requests, got ${this.lastResponse.status}`);
  expectNotVerified(this.lastResponse);
});

// Races: one single-use secret sent from two pending logins at the same moment.

When('{actor} verifies both logins with the same code from her/his/their authenticator app at the same moment', async function (this: AuthWorld, actor: Actor) {
  const code = await currentAuthenticatorCode(this, actor.vrchat);
  this.answers = await onTwoDevicesAtOnce(actor.vrchat, (driver) => driver.verify2FA(code));
});

When('{actor} verifies both logins with the same recovery code at the same moment', async function (this: AuthWorld, actor: Actor) {
  const code = unusedRecoveryCode(actor);
  this.answers = await onTwoDevicesAtOnce(actor.vrchat, (driver) => driver.verifyRecoveryCode(code));
});

Then('only one of the two logins is completed', function (this: AuthWorld) {
  const answers = this.answers ?? [];
  const completed = answers.filter((answer) => answer.status === 200 && answer.json<{ verified?: boolean }>().verified === true);
  assert.equal(completed.length, 1, `one code sent from two logins at the same moment answered ${answers.map((answer) => answer.status).join(' and ')}: it completed ${completed.length} logins`);
  for (const refused of answers.filter((answer) => !completed.includes(answer))) expectNotVerified(refused);
});

Given('someone who knows {actor}\'s password has tried a wrong emailed code in each of {int} logins', async function (this: AuthWorld, actor: Actor, times: number) {
  await guessEmailedCodesAcrossLogins(this, actor.vrchat, times);
});
