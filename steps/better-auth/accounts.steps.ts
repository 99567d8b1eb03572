import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { randomUUID } from 'node:crypto';
import { strongPassword } from '../../support/better-auth/ability';
import { expectChallenge, expectRefusal, expectSignedIn, sessionCookieSet } from '../../support/better-auth/expectations';
import { removeWhatTheScenarioCreated } from '../../support/better-auth/footprint';
import { assertSignedIn, betterAuthUserFor, newAbility, newAccountDetails, signIn, type AccountKind } from '../../support/better-auth/tasks';
import { expectAlikeAnswers, inTurn, type Attempt } from '../../support/core/alike-refusals';
import { ACCOUNT_STEP_TIMEOUT_MS } from '../../support/core/timeouts';
import type { HttpResponse } from '../../support/http/response';
import { secrets } from '../../support/redaction/secrets';
import type { Actor } from '../../support/world/actor';
import type { AuthWorld } from '../../support/world/world';

/** Lower-case words and spaces, with letters of three other scripts: no composition rule met, every character printable. */
const WORDS_AND_SCRIPTS = 'correct horse battery staple ßüñ 漢字 ελληνικά';

const KINDS: Record<string, () => AccountKind> = {
  'protected by an authenticator app': () => ({ kind: 'authenticator' }),
  'whose address is not confirmed yet': () => ({ kind: 'unconfirmed' }),
  'with a password of lower-case words, spaces and letters from other scripts': () => ({ kind: 'password', password: registered(`${WORDS_AND_SCRIPTS} ${randomUUID().slice(0, 4)}`) }),
};

function registered(password: string): string {
  secrets.add(password);
  return password;
}

function kindOf(text: string | undefined): AccountKind {
  if (!text) return { kind: 'confirmed' };
  const length = /^with a password of (\d+) characters$/.exec(text);
  if (length) return { kind: 'password', password: strongPassword(Number(length[1])) };
  const kind = KINDS[text];
  assert.ok(kind, `no account kind "${text}"`);
  return kind();
}

Given(/^([A-Z][a-zß-ÿ]+) has an account on the app(?: (.+))?$/, { timeout: ACCOUNT_STEP_TIMEOUT_MS }, async function (this: AuthWorld, actor: Actor, kind?: string) {
  const ability = await betterAuthUserFor(this, actor.name, kindOf(kind));
  if (typeof ability === 'string') return this.skip(this.scenarioName, ability);
  actor.betterAuth = ability;
  return undefined;
});

// Signing in with the password.

When(/^([A-Z][a-zß-ÿ]+) signs in to the app with (?:her|his|their) password(?: on (?:her|his|their) (\w+))?$/, async function (this: AuthWorld, actor: Actor, device?: string) {
  await signIn(this, actor.betterAuth, device ? actor.betterAuth.use(device).label : undefined);
});

Given('{actor} has signed in to the app', async function (this: AuthWorld, actor: Actor) {
  expectSignedIn(await signIn(this, actor.betterAuth), actor.name);
});

Given(/^([A-Z][a-zß-ÿ]+) has signed in to the app on (?:her|his|their) (\w+) and on (?:her|his|their) (\w+)$/, async function (this: AuthWorld, actor: Actor, first: string, second: string) {
  for (const device of [second, first]) expectSignedIn(await signIn(this, actor.betterAuth, actor.betterAuth.use(device).label), actor.name);
});

Then('{actor} is signed in to the app', async function (this: AuthWorld, actor: Actor) {
  await assertSignedIn(this, actor.betterAuth);
});

Then('{actor} is not signed in to the app yet', async function (this: AuthWorld, actor: Actor) {
  const session = this.remember(await actor.betterAuth.driver.getSession());
  assert.equal(session.status, 200, `asking for the session answered ${session.status}`);
  assert.equal(session.body, 'null', `${actor.name}'s device already holds a session`);
});

Then('{actor} is signed in to the app with a session cookie other than the planted one', async function (this: AuthWorld, actor: Actor) {
  const planted = actor.betterAuth.plantedSessionCookie;
  assert.ok(planted, `no session cookie was planted on ${actor.name}'s device`);
  const issued = sessionCookieSet(this.lastResponse);
  assert.ok(issued, 'the sign-in set no session cookie');
  assert.notEqual(issued.value, planted, 'the server adopted the session cookie the client made up');
  assert.ok(!issued.value.startsWith(`${planted.split('.')[0]}.`), 'the server kept the planted session token and only signed it');
  await assertSignedIn(this, actor.betterAuth);
});

When('someone signs in to the app as {actor} with a wrong password', async function (this: AuthWorld, actor: Actor) {
  const outsider = newAbility(this, actor.betterAuth.account);
  await signIn(this, outsider, undefined, `${actor.betterAuth.account.password}-wrong`);
});

Then('the app refuses the sign-in', function (this: AuthWorld) {
  expectRefusal(this.lastResponse, 'the sign-in', [401]);
});

Then('no session cookie is set', function (this: AuthWorld) {
  assert.equal(sessionCookieSet(this.lastResponse), undefined, 'a session cookie was set');
});

Then('the app asks {actor} for a second factor', function (this: AuthWorld, actor: Actor) {
  expectChallenge(this.lastResponse, actor.name);
});

/**
 * Three of each kind, in turn, each from a clean client of its own. The time is not compared: better-auth hashes a
 * password for an unknown address too (its sign-in runs scrypt either way), a difference no single answer shows.
 */
const ALIKE_ROUNDS = 3;

When(
  'someone signs in to the app several times, in turn with an address nobody uses and with {actor}\'s address and a wrong password',
  async function (this: AuthWorld, actor: Actor) {
    const { account } = actor.betterAuth;
    const attempt = async (email: string): Promise<Attempt> => {
      const response = await signIn(this, newAbility(this, account), undefined, `${account.password}-wrong`, email);
      return { response, ms: this.transcript.at(-1)?.durationMs ?? 0 };
    };
    this.refusals = await inTurn(ALIKE_ROUNDS, () => attempt(newAccountDetails(this, 'nobody').email), () => attempt(account.email));
    this.remember(this.refusals.wrongPassword.at(-1)?.response as HttpResponse);
  },
);

Then('the unknown address and the wrong password get the same refusal', function (this: AuthWorld) {
  assert.ok(this.refusals, 'no refused sign-ins to compare');
  const { unknown, wrongPassword } = this.refusals;
  assert.equal(wrongPassword[0]?.response.status, 401, `a wrong password answered ${wrongPassword[0]?.response.status}`);
  expectAlikeAnswers(unknown, wrongPassword);
});

// Signing up with passwords of a given length, and the password as typed.

When(/^([A-Z][a-zß-ÿ]+) signs up to the app with a password of (\d+) characters$/, async function (this: AuthWorld, actor: Actor, length: string) {
  actor.betterAuth = newAbility(this, newAccountDetails(this, actor.name, strongPassword(Number(length))));
  this.remember(await actor.betterAuth.on('sign-up').driver.signUp({ ...actor.betterAuth.account }));
});

Then('the app accepts the sign-up', function (this: AuthWorld) {
  assert.equal(this.lastResponse.status, 200, `the sign-up answered ${this.lastResponse.status}: ${this.lastResponse.body}`);
});

Then(/^the app refuses the password as too (?:long|short)$/, function (this: AuthWorld) {
  expectRefusal(this.lastResponse, 'the sign-up', [400]);
});

When('someone signs up to the app with {actor}\'s address, and with an address nobody uses', async function (this: AuthWorld, actor: Actor) {
  // Both give the same name: an answer that names the account's owner instead would tell the address is taken.
  const fresh = newAbility(this, newAccountDetails(this, 'nobody'));
  const taken = newAbility(this, { ...actor.betterAuth.account, name: fresh.account.name, password: strongPassword() });
  // The new address's account is the scenario's: removed again on a real deployment.
  this.onCleanup(() => removeWhatTheScenarioCreated(this, fresh));
  actor.betterAuth.attempts = [await taken.on('sign-up').driver.signUp({ ...taken.account }), await fresh.on('sign-up').driver.signUp({ ...fresh.account })];
  this.remember(actor.betterAuth.attempts[0] as HttpResponse);
});

/**
 * A taken address and a new one get the same status, a body of the same shape (a synthetic user for the taken one,
 * as better-auth's documentation describes) whose user has the same fields and values but for its id, address and
 * dates, and the same cookies (none, or a session each).
 */
Then('both sign-ups get the same answer', function (this: AuthWorld) {
  const actor = [...this.actors.values()].find((candidate) => candidate.has('better-auth') && candidate.betterAuth.attempts.length === 2);
  const [taken, fresh] = actor?.betterAuth.attempts ?? [];
  assert.ok(taken && fresh, 'the two sign-ups were not made');
  assert.equal(taken.status, fresh.status, `the sign-up with a taken address answered ${taken.status}, one with a new address ${fresh.status}`);
  const shape = (response: HttpResponse) => JSON.stringify(Object.keys(response.json<Record<string, unknown>>()).sort());
  assert.equal(shape(taken), shape(fresh), 'the two answers have bodies of another shape');
  // The user inside too: the taken address's real account (verified, its own fields) would tell it apart.
  const user = (response: HttpResponse) => response.json<{ user?: Record<string, unknown> }>().user;
  const userShape = (response: HttpResponse) => JSON.stringify({ keys: Object.keys(user(response) ?? {}).sort(), emailVerified: user(response)?.emailVerified });
  assert.equal(userShape(taken), userShape(fresh), 'the user in the two answers differs in its fields or in whether its address is verified');
  // Its values too (the name both sign-ups gave, a second factor…): only its id, address and dates are its own.
  const userValues = (response: HttpResponse) => JSON.stringify(Object.entries(user(response) ?? {}).filter(([key]) => !['id', 'email', 'createdAt', 'updatedAt'].includes(key)).sort());
  assert.equal(userValues(taken), userValues(fresh), 'the user in the answer for the taken address has other values (the account\'s own?) than the one for a new address');
  assert.equal(Boolean(sessionCookieSet(taken)), Boolean(sessionCookieSet(fresh)), 'only one of the two sign-ups opened a session');
});

When(/^someone guesses ([A-Z][a-zß-ÿ]+)'s password (\d+) times from one place$/, async function (this: AuthWorld, actor: Actor, times: string) {
  const guesser = newAbility(this, actor.betterAuth.account).on('guesser');
  actor.betterAuth.attempts = [];
  for (let guess = 1; guess <= Number(times); guess += 1) {
    actor.betterAuth.attempts.push(await guesser.driver.signInUnretried({ email: actor.betterAuth.account.email, password: `guess-${guess}-${randomUUID()}` }));
  }
  this.remember(actor.betterAuth.attempts.at(-1) as HttpResponse);
});

/** docs/concepts/rate-limit: a limited request is answered 429 with the seconds to wait (X-Retry-After). */
Then('the guesses are turned away for a while', function (this: AuthWorld) {
  const actor = [...this.actors.values()].find((candidate) => candidate.has('better-auth') && candidate.betterAuth.attempts.length > 0);
  const guesses = actor?.betterAuth.attempts ?? [];
  assert.ok(guesses.length > 0, 'nobody guessed');
  assert.ok(guesses.every((guess) => guess.status === 401 || guess.status === 429), `a guess answered ${guesses.map((guess) => guess.status).join(', ')}`);
  const limited = guesses.find((guess) => guess.status === 429);
  assert.ok(limited, `no guess was turned away: ${guesses.length} wrong passwords from one place answered ${guesses.map((guess) => guess.status).join(', ')}`);
  this.log(`Turned away after ${guesses.indexOf(limited)} guesses, for ${limited.header('x-retry-after') ?? limited.header('retry-after') ?? '?'} s.`);
});

When(/^([A-Z][a-zß-ÿ]+) signs in to the app with (?:all but the last character|the first (\d+) characters) of (?:her|his|their) password$/, async function (this: AuthWorld, actor: Actor, first: string | undefined) {
  const { password } = actor.betterAuth.account;
  const cut = first === undefined ? password.slice(0, -1) : password.slice(0, Number(first));
  assert.ok(cut.length < password.length, `the password has only ${password.length} characters`);
  secrets.add(cut);
  await signIn(this, actor.betterAuth, undefined, cut);
});

When(/^([A-Z][a-zß-ÿ]+) signs in to the app with (?:her|his|their) old password$/, async function (this: AuthWorld, actor: Actor) {
  const old = actor.betterAuth.previousPassword;
  assert.ok(old, `${actor.name} has not changed the password`);
  await signIn(this, actor.betterAuth, actor.betterAuth.use('old-password').label, old);
});

/** A fresh device signs in; the account has no second factor in these scenarios. */
Then(/^([A-Z][a-zß-ÿ]+) (can still|can|cannot) sign in to the app with (?:her|his|their) (password|new password|old password|new address)$/, async function (this: AuthWorld, actor: Actor, can: string, what: string) {
  const ability = actor.betterAuth;
  const password = what === 'old password' ? ability.previousPassword : ability.account.password;
  assert.ok(password, `${actor.name} has no ${what}`);
  const device = `${what.replace(/ /g, '-')}-check`;
  const response = await signIn(this, ability, ability.use(device).label, password);
  if (can === 'cannot') {
    expectRefusal(response, `${actor.name}'s sign-in with the ${what}`, [401]);
    return;
  }
  expectSignedIn(response, actor.name);
  await assertSignedIn(this, ability);
});
