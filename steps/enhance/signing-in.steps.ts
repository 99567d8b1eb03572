import assert from 'node:assert/strict';
import { defineParameterType, Given, Then, When } from '@cucumber/cucumber';
import * as allure from 'allure-js-commons';
import { expectAlikeAnswers, expectAlikeTimings, inTurn, type Attempt } from '../../support/core/alike-refusals';
import { EnhanceDriver } from '../../support/enhance/driver';
import type { HttpResponse } from '../../support/http/response';
import type { Actor } from '../../support/world/actor';
import type { AuthMethod } from '../../support/enhance/driver';
import { expectCredentialsAccepted, expectEnhanceError, expectNoSessionCookie, expectSessionCookieSet } from '../../support/enhance/expectations';
import { configuredLogin, createCompanyAdministrator, createCustomerLogin, guessPasswords, newLoginDetails, sessions, signIn, signInFully } from '../../support/enhance/tasks';
import { ACCOUNT_STEP_TIMEOUT_MS } from '../../support/core/timeouts';
import { crossSiteHeaders, inAnotherLetterCase, otherSiteOrigin } from '../../support/core/other-site';
import type { AuthWorld } from '../../support/world/world';

const LOGIN_KINDS: Record<string, AuthMethod> = {
  'without two-factor authentication': 'basic',
  'protected by a PIN sent by email': 'email',
  'protected by an authenticator app': 'otp',
};

defineParameterType({
  name: 'panelLoginKind',
  regexp: new RegExp(Object.keys(LOGIN_KINDS).join('|')),
  transformer: (phrase: string): AuthMethod => LOGIN_KINDS[phrase] ?? 'basic',
});

Given('{actor} has a panel login {panelLoginKind}', { timeout: ACCOUNT_STEP_TIMEOUT_MS }, async function (this: AuthWorld, actor: Actor, method: AuthMethod) {
  // Logins are created the way an administrator would, with the hosting company's token; a real panel without
  // admin credentials lends the logins the environment names instead, one actor each.
  if (this.target.kind === 'mock' || this.target.config.enhance?.admin) {
    actor.enhance = await createCustomerLogin(this, actor.name, method);
    return undefined;
  }
  if (this.takeConfiguredAccount(`Enhance ${method}`)) return this.skip(this.scenarioName, 'needs a second panel login of the same kind, and the environment names one');
  const ability = await configuredLogin(this, method);
  if (typeof ability === 'string') return this.skip(this.scenarioName, ability);
  actor.enhance = ability;
  return undefined;
});

Given('{actor} is an administrator of the hosting company', async function (this: AuthWorld, actor: Actor) {
  actor.enhance = await createCompanyAdministrator(this, actor.name);
});

Given('{actor} has signed in to the panel', async function (this: AuthWorld, actor: Actor) {
  await signInFully(this, actor.enhance, actor.name);
});

Given('{actor} is signed in to the panel on two devices', async function (this: AuthWorld, actor: Actor) {
  // A real login may have older sessions too: the first device's is the newest after its sign-in, the second
  // device's is the one its sign-in added.
  const first = actor.enhance.device;
  await signInFully(this, actor.enhance, actor.name);
  const before = await sessions(actor.enhance);
  first.sessionId = before.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0]?.id;
  const second = actor.enhance.switchDevice();
  await signInFully(this, actor.enhance, actor.name);
  second.sessionId = (await sessions(actor.enhance)).find((session) => !before.some((old) => old.id === session.id))?.id;
  assert.ok(first.sessionId && second.sessionId, 'the two devices do not have two sessions');
});

async function signInPending(world: AuthWorld, actor: Actor): Promise<void> {
  const response = await signIn(world, actor.enhance);
  assert.equal(response.status, 201, `${actor.name}'s sign-in did not wait for a second factor (${response.status})`);
  actor.enhance.keptSessionCookie = await actor.enhance.sessionCookie();
  world.remember(response);
}

Given('{actor} has signed in to the panel but not yet passed the second factor', async function (this: AuthWorld, actor: Actor) {
  await signInPending(this, actor);
});

Given('{actor} has signed in to the panel on another device but not yet passed the second factor', async function (this: AuthWorld, actor: Actor) {
  actor.enhance.switchDevice();
  await signInPending(this, actor);
});

When(/^([A-Z][a-zß-ÿ]+) signs in to the panel with the (?:right|new) password$/, async function (this: AuthWorld, actor: Actor) {
  this.remember(await signIn(this, actor.enhance));
});

When('{actor} signs in to the panel on another device with the right password', async function (this: AuthWorld, actor: Actor) {
  actor.enhance.switchDevice();
  this.remember(await signIn(this, actor.enhance));
});

When('{actor} signs in to the panel with a wrong password', async function (this: AuthWorld, actor: Actor) {
  this.remember(await actor.enhance.signIn(`${actor.enhance.account.password}-wrong`));
});

/**
 * Attempts of each kind, in turn: more than the panels we know allow before a lock (10 wrong passwords in the mock's
 * default profile, 5 in the alternate; the research notes document none), so the answers are compared once the
 * login is locked too, the state in which enumeration most often leaks ("too many attempts" for a login that
 * exists, a plain refusal for an address that does not). The wrong passwords go to the scenario's own fresh login,
 * never to one the environment lends (see below).
 */
const ALIKE_ATTEMPTS = 12;

When(
  'someone signs in to the panel several times, in turn with an email address nobody uses and with {actor}\'s email address and a wrong password',
  async function (this: AuthWorld, actor: Actor) {
    const ability = actor.enhance;
    if (ability.borrowed) {
      return this.skip(this.scenarioName, `would send ${ALIKE_ATTEMPTS} wrong passwords to the login the environment lends, which a lockout could lock: needs admin credentials to create a login of its own`);
    }
    /** One sign-in from a clean client (no cookie, no device), timed on the wire by its exchange. */
    const attempt = async (email: string, password: string): Promise<Attempt> => {
      const response = await new EnhanceDriver(this.clientFor('Enhance')).createSession({ email, password });
      const exchange = this.transcript.at(-1);
      assert.ok(exchange?.response, 'the sign-in left no exchange to time');
      return { response, ms: exchange.durationMs };
    };
    const nobody = () => newLoginDetails('Nobody');
    // One unknown address first, not counted: the first request of a scenario may open a connection.
    await attempt(nobody().email, nobody().password);
    const wrong = `${ability.account.password}-wrong`;
    this.refusals = await inTurn(ALIKE_ATTEMPTS, () => attempt(nobody().email, wrong), () => attempt(ability.account.email, wrong));
    this.remember(this.refusals.unknown.at(-1)?.response as HttpResponse);
    return undefined;
  },
);

When(/^someone (?:guesses|has guessed) ([A-Z][a-zß-ÿ]+)'s panel password wrongly (\d+) times in a row$/, async function (this: AuthWorld, actor: Actor, count: string) {
  const times = Number(count);
  // A lock is what the scenario hopes for: only the scenario's own, freshly created login may get it.
  if (actor.enhance.borrowed) {
    return this.skip(this.scenarioName, `would lock the login the environment lends with ${times} wrong passwords: needs admin credentials to create a login of its own`);
  }
  const answers = await guessPasswords(this, actor.enhance, times);
  const accepted = answers.filter((answer) => [200, 201].includes(answer.status)).length;
  assert.equal(accepted, 0, `${accepted} wrong password(s) were accepted`);
  this.log(`${times} wrong passwords answered ${[...new Set(answers.map((answer) => answer.status))].join(', ')}.`);
  return undefined;
});

/**
 * A refusal, as a wrong password gets one (401) or as a lock may answer (403, 429), in the API's error shape, with no
 * session: not any status but success (a 400 or 404 would mean the request itself was broken).
 */
Then('{actor} cannot sign in to the panel for now, even with the right password', async function (this: AuthWorld, actor: Actor) {
  const response = this.remember(await signInElsewhere(actor, actor.enhance.account.password));
  assert.ok(![200, 201].includes(response.status), `the right password still signs in after the guesses (${response.status}): guessing is not slowed down`);
  expectEnhanceError(response, [401, 403, 429]);
  expectNoSessionCookie(response);
});

When(
  /^([A-Z][a-zß-ÿ]+) signs in to the panel (without an email address|without a password|with something that is no email)$/,
  async function (this: AuthWorld, actor: Actor, problem: string) {
    const { email, password } = actor.enhance.account;
    const body: Record<string, string> = {
      'without an email address': { password },
      'without a password': { email },
      'with something that is no email': { email: email.replace('@', ' at '), password },
    }[problem] as Record<string, string>;
    this.remember(await actor.enhance.client.send('/login/sessions', { method: 'POST', json: body }));
  },
);

Then('{actor} is signed in to the panel', function (this: AuthWorld, actor: Actor) {
  assert.equal(this.lastResponse.status, 200, `the sign-in answered ${this.lastResponse.status}`);
  const { memberships } = this.lastResponse.json<{ memberships: { orgId: string }[] }>();
  assert.ok(memberships.some((membership) => membership.orgId === actor.enhance.account.orgId), 'the memberships do not include the login\'s organisation');
  expectSessionCookieSet(this.lastResponse);
});

Then('the panel refuses both alike, so the answer does not tell whether the address has a login', function (this: AuthWorld) {
  const { unknown, wrongPassword } = refusalsOf(this);
  expectEnhanceError(wrongPassword[0]?.response as HttpResponse, 401);
  // No field of Enhance's error is documented as varying per answer (logins-and-shoko.md, Error bodies), so the
  // bodies must be equal as parsed JSON, with nothing normalised.
  expectAlikeAnswers(unknown, wrongPassword);
  this.log(`${unknown.length + wrongPassword.length} refusals alike: ${wrongPassword[0]?.response.status} ${wrongPassword[0]?.response.body}`);
});

Then('the panel takes about as long to refuse either', async function (this: AuthWorld) {
  const { unknown, wrongPassword } = refusalsOf(this);
  const verdict = expectAlikeTimings(unknown, wrongPassword);
  await allure.parameter('median refusal, unknown address', `${verdict.unknownMedianMs} ms`);
  await allure.parameter('median refusal, wrong password', `${verdict.wrongPasswordMedianMs} ms`);
  this.log(
    `Median refusal: unknown address ${verdict.unknownMedianMs} ms (${unknown.map((a) => a.ms).join(', ')}), ` +
      `wrong password ${verdict.wrongPasswordMedianMs} ms (${wrongPassword.map((a) => a.ms).join(', ')}).`,
  );
});

function refusalsOf(world: AuthWorld): { unknown: Attempt[]; wrongPassword: Attempt[] } {
  assert.ok(world.refusals, 'no refusals to compare: start with "When someone signs in to the panel several times, in turn …"');
  return world.refusals;
}

Then('{actor} is kept out of the panel', function (this: AuthWorld, _actor: Actor) {
  expectEnhanceError(this.lastResponse, 401);
  expectNoSessionCookie(this.lastResponse);
});

Then('the panel rejects the request as invalid input', function (this: AuthWorld) {
  expectEnhanceError(this.lastResponse, 400);
});

Then('the panel turns the request away as not signed in', function (this: AuthWorld) {
  expectEnhanceError(this.lastResponse, 401);
});

/** What a signed-in login may do with its session, tried with one that waits for its second factor. */
When('{actor} uses her/his/their waiting session to look at her/his/their login, memberships and sessions and to rename her/his/their login', async function (this: AuthWorld, actor: Actor) {
  const { driver, account } = actor.enhance;
  actor.enhance.answers = [
    { what: 'the login', response: await driver.getLogin() },
    { what: 'its memberships', response: await driver.getLoginMemberships() },
    { what: 'its sessions', response: await driver.getSessions() },
    // The same name again: nothing changes even on a panel that wrongly accepts it.
    { what: 'a rename', response: await driver.updateLoginInfo({ name: account.name }) },
  ];
});

Then('the panel turns each of {actor}\'s requests away as not signed in', function (this: AuthWorld, actor: Actor) {
  const { answers } = actor.enhance;
  assert.ok(answers.length > 0, 'no requests were tried');
  for (const { what, response } of answers) {
    assert.equal(response.status, 401, `${what} answered ${response.status} to a session that has not passed the second factor`);
    expectEnhanceError(response, 401);
  }
});

Then('the panel tells {actor} that only administrators may do that', function (this: AuthWorld, _actor: Actor) {
  expectEnhanceError(this.lastResponse, 403);
});

Then(/^the panel asks ([A-Z][a-zß-ÿ]+) for (a PIN sent by email|a code from (?:her|his|their) authenticator app)$/, function (this: AuthWorld, _actor: Actor, what: string) {
  const method = what === 'a PIN sent by email' ? 'email' : 'otp';
  assert.equal(this.lastResponse.status, 201, `expected 201 (a PIN is needed), got ${this.lastResponse.status}`);
  assert.deepEqual(this.lastResponse.json(), { authMethod: method });
  expectSessionCookieSet(this.lastResponse);
});

Then('{actor} receives an email with a PIN', async function (this: AuthWorld, actor: Actor) {
  await this.mailbox.awaitMail(this.mailMark(actor.enhance.account.email), 'code');
});

/** Credentials are checked from a fresh client, so the actor's devices keep their sessions. */
async function signInElsewhere(actor: Actor, password: string | undefined, email = actor.enhance.account.email) {
  assert.ok(password, `${actor.name} has no such password`);
  return actor.enhance.elsewhere().createSession({ email, password });
}

Then(/^([A-Z][a-zß-ÿ]+) can sign in to the panel with the (?:right|new) password$/, async function (this: AuthWorld, actor: Actor) {
  expectCredentialsAccepted(await signInElsewhere(actor, actor.enhance.account.password));
});

Then('{actor} cannot sign in to the panel with the old password', async function (this: AuthWorld, actor: Actor) {
  expectEnhanceError(await signInElsewhere(actor, actor.enhance.previousPassword), 401);
});

Then('{actor} cannot sign in to the panel with the password the panel refused', async function (this: AuthWorld, actor: Actor) {
  expectEnhanceError(await signInElsewhere(actor, actor.enhance.refusedPassword), 401);
});

Then('{actor} can sign in to the panel with the new email address', async function (this: AuthWorld, actor: Actor) {
  expectCredentialsAccepted(await signInElsewhere(actor, actor.enhance.account.password, actor.enhance.account.email));
});

Then('{actor} can use the panel', async function (this: AuthWorld, actor: Actor) {
  const response = await actor.enhance.driver.getLogin();
  assert.equal(response.status, 200, `${actor.name}'s session is not active (${response.status})`);
  const login = response.json<{ id: string; email: string; name: string }>();
  actor.enhance.recognise(login);
  assert.equal(login.id, actor.enhance.account.id, 'the session belongs to another login');
});

When('{actor} signs in to the panel with her/his/their password in another letter case', async function (this: AuthWorld, actor: Actor) {
  const { password } = actor.enhance.account;
  const swapped = inAnotherLetterCase(password);
  if (swapped === password) return this.skip(this.scenarioName, `${actor.name}'s password has no letters whose case could change`);
  this.remember(await actor.enhance.elsewhere().createSession({ email: actor.enhance.account.email, password: swapped }));
  return undefined;
});

When('a page on another website posts {actor}\'s email address and password to the panel as a plain form', async function (this: AuthWorld, actor: Actor) {
  const { email, password } = actor.enhance.account;
  this.otherSite = otherSiteOrigin();
  this.remember(await actor.enhance.elsewhere().createSessionAsPlainText({ email, password }, crossSiteHeaders(this.otherSite, 'navigate')));
});

Then('the panel refuses the sign-in without opening a session', function (this: AuthWorld) {
  const { status } = this.lastResponse;
  // Refused as a body that is not JSON (400, 415) or as a request from another site (403): any refusal will do.
  assert.ok(status >= 400 && status < 500, `the sign-in posted as a plain form answered ${status}: a page on another website can sign its visitors in`);
  expectNoSessionCookie(this.lastResponse);
});
