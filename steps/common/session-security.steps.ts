import assert from 'node:assert/strict';
import { Given, Then } from '@cucumber/cucumber';
import * as allure from 'allure-js-commons';
import type { Actor } from '../../support/world/actor';
import { CREDENTIALS, type CredentialKind } from '../../support/world/credentials';
import type { Family } from '../../support/core/families';
import { familyTarget } from '../../support/core/target';
import type { AuthWorld } from '../../support/world/world';

/**
 * Session security in words every family shares: the session cookie is out of reach of scripts (HttpOnly), of
 * plain http when the server speaks https (Secure), and of other sites' requests (SameSite Lax or Strict, ASVS
 * 3.4.3), and a credential that should be dead is refused by the server itself, not merely forgotten by the client.
 */
function credentialsOf(world: AuthWorld): CredentialKind & { family: Family } {
  assert.ok(world.family, 'this step belongs to a feature of an API family (features/<family>/…)');
  return { ...CREDENTIALS[world.family], family: world.family };
}

Then('{actor}\'s session cookie is out of reach of scripts and eavesdroppers', async function (this: AuthWorld, actor: Actor) {
  const { sessionCookie: named, isSessionCookie, sameSite: vendor, family } = credentialsOf(this);
  assert.ok(named && vendor, `${family} has no session cookie: its credential is not a cookie`);
  const isSession = isSessionCookie ?? ((name: string) => name === named);
  const cookie = this.lastResponse.chain.flatMap((hop) => hop.setCookies).find((set) => isSession(set.name) && set.value !== '');
  assert.ok(cookie, `the response set ${actor.name} no "${named}" session cookie`);
  const sessionCookie = cookie.name;
  // ASVS 3.4.2: scripts on the page cannot read it.
  assert.ok(cookie.httpOnly, `the "${sessionCookie}" cookie is not HttpOnly: scripts on the page can read it`);
  // ASVS 3.4.1: over https the cookie must never travel over plain http. On an http target (the embedded mocks)
  // there is no https to keep it to, so Secure is reported there, not judged.
  const https = new URL(familyTarget(this.target, family).baseUrl).protocol === 'https:';
  if (https) assert.ok(cookie.secure, `the server speaks https, but the "${sessionCookie}" cookie is not Secure: it may travel over plain http`);
  // ASVS 3.4.3. What holds for every cookie: SameSite=None sends it along with every cross-site request, which
  // browsers allow only with Secure (they drop a None cookie without it); asserted on any target, since it is
  // the header's attributes that are wrong, not the transport.
  const sameSite = cookie.sameSite === undefined ? undefined : cookie.sameSite[0]?.toUpperCase() + cookie.sameSite.slice(1);
  if (sameSite === 'None') assert.ok(cookie.secure, `the "${sessionCookie}" cookie is SameSite=None without Secure: browsers refuse it, and it would ride along with cross-site requests`);
  // ASVS 3.4.3 (L1): a cookie-based session token uses SameSite to keep other sites' requests from carrying it.
  // No vendor document sets the attribute (support/world/credentials.ts), so the standard is the ground: a server
  // without Lax or Strict fails here as a deviation from ASVS, whatever our mocks do.
  assert.ok(sameSite === 'Lax' || sameSite === 'Strict', `the "${sessionCookie}" cookie is SameSite ${sameSite ?? 'not set'}: ASVS 4.0.3 3.4.3 asks session cookies to use SameSite (Lax or Strict), so other sites' requests could carry it (vendor: ${vendor.source})`);
  await allure.parameter(`${sessionCookie} SameSite`, sameSite);
  this.log(`The "${sessionCookie}" cookie: HttpOnly, ${cookie.secure ? 'Secure' : `not Secure (${https ? 'https' : 'plain http: not judged'} target)`}, SameSite ${sameSite}.`);
});

Given('{actor} keeps a copy of her/his/their credentials', async function (this: AuthWorld, actor: Actor) {
  actor.keptCredentials = await credentialsOf(this).held(actor);
  assert.ok(actor.keptCredentials.length > 0, `${actor.name} holds no credential to keep a copy of`);
});

Then('the credentials {actor} kept are refused by the server', async function (this: AuthWorld, actor: Actor) {
  const kind = credentialsOf(this);
  const kept = actor.keptCredentials;
  assert.ok(kept && kept.length > 0, `${actor.name} kept no credentials: start with "Given ${actor.name} keeps a copy of …"`);
  const stillAccepted: number[] = [];
  for (const [index, credential] of kept.entries()) {
    if (await kind.accepted(this, credential)) stillAccepted.push(index + 1);
  }
  assert.deepEqual(stillAccepted, [], `${stillAccepted.length} of the ${kept.length} ${kind.noun}(s) ${actor.name} kept still work(s) on the server`);
});

Given('{actor} has planted a made-up session cookie on {actor}\'s device', async function (this: AuthWorld, attacker: Actor, victim: Actor) {
  const { plant, family } = credentialsOf(this);
  assert.ok(plant, `${family}'s credential is not a cookie ${attacker.name} could plant`);
  await plant(victim);
});
