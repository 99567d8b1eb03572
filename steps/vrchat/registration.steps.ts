import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../support/world/actor';
import { secrets } from '../../support/redaction/secrets';
import { VrchatAbility } from '../../support/vrchat/ability';
import { vrchatDevice } from '../../support/vrchat/device';
import { expectCurrentUser } from '../../support/vrchat/expectations';
import { expectOwnProfile } from '../../support/vrchat/tasks';
import type { CurrentUser, RegistrationRequest } from '../../support/vrchat/types';
import type { AuthWorld } from '../../support/world/world';
import { uniqueSuffix } from '../../support/core/unique';

/** How an incomplete registration differs from a complete one. */
const PROBLEMS: Record<string, (request: RegistrationRequest) => Partial<RegistrationRequest>> = {
  'without accepting the terms of service': ({ acceptedTOSVersion: _omitted, ...rest }) => rest,
  'with a password shorter than 8 letters': (request) => ({ ...request, password: `p-${randomBytes(2).toString('hex')}` }),
  'with a username longer than 15 letters': (request) => ({ ...request, username: `${request.username}-much-too-long` }),
};

function completeRegistration(name: string): RegistrationRequest {
  const suffix = uniqueSuffix();
  const password = `pw-${randomBytes(12).toString('base64url')}`;
  secrets.add(password);
  return {
    acceptedTOSVersion: 9,
    captchaCode: `captcha-${randomBytes(6).toString('hex')}`,
    day: '14',
    month: '7',
    year: '1994',
    email: `${name.toLowerCase()}.${suffix}@authflow.test`,
    password,
    subscribe: false,
    username: `${name.toLowerCase()}${suffix}`.slice(0, 15),
  };
}

When('{actor} registers a new account with complete details', async function (this: AuthWorld, actor: Actor) {
  const request = completeRegistration(actor.name);
  const ability = new VrchatAbility(
    { kind: 'email-code', id: '', username: request.username, displayName: request.username, email: request.email, password: request.password, totpSecret: undefined, recoveryCodes: [] },
    () => this.clientFor('VRChat'),
  );
  const response = this.remember(await ability.driver.registerUserAccount(request));
  if (response.status === 200) ability.account.id = response.json<CurrentUser>().id;
  actor.vrchat = ability;
});

When(/^([A-Z][a-zß-ÿ]+) registers a new account (without .+|with a .+)$/, async function (this: AuthWorld, actor: Actor, problem: string) {
  const change = PROBLEMS[problem];
  assert.ok(change, `no such registration problem: "${problem}" (known: ${Object.keys(PROBLEMS).join('; ')})`);
  this.remember(await vrchatDevice(this).registerUserAccount(change(completeRegistration(actor.name))));
});

Then('{actor} is logged in as the new account', async function (this: AuthWorld, actor: Actor) {
  const user = expectCurrentUser(this.lastResponse);
  // The description does not require `username`: compared where the server shows it, and the session must be the answer's account.
  if (user.username !== undefined) assert.equal(user.username, actor.vrchat.account.username, 'the response describes another account');
  await expectOwnProfile(actor.vrchat);
});

Then('the token in the registration is {actor}\'s session cookie', async function (this: AuthWorld, actor: Actor) {
  const { authToken } = this.lastResponse.json<CurrentUser>();
  assert.ok(authToken, 'the registration reports no auth token');
  assert.equal(authToken, await actor.vrchat.sessionCookie(), 'the token differs from the session cookie');
});
