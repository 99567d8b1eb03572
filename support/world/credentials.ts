import { randomUUID } from 'node:crypto';
import type { Actor } from './actor';
import type { HttpResponse } from '../http/response';
import { BetterAuthDriver } from '../better-auth/driver';
import { isSessionCookie } from '../better-auth/expectations';
import { serverOf } from '../better-auth/tasks';
import { secrets } from '../redaction/secrets';
import { replayingSession } from '../enhance/ability';
import type { Family } from '../core/families';
import { ShokoDriver } from '../shoko/driver';
import { vrchatDeviceReplaying } from '../vrchat/device';
import type { AuthWorld } from './world';

/**
 * How the shared session-security steps see each family's credential: what an actor holds right now, and whether
 * the server still accepts one of them when it arrives alone from a clean client (so only the server decides).
 */
export interface CredentialKind {
  /** The session cookie's name; Shoko's credential is an API key, not a cookie. */
  sessionCookie: string | undefined;
  /** Whether a cookie is the session cookie, where its name varies (better-auth's prefixes); by default the name above. */
  isSessionCookie?: (name: string) => boolean;
  /** In the words of a failure message: "session cookie", "API key". */
  noun: string;
  /**
   * Where the vendor's word on the session cookie's SameSite would be. Neither vendor sets one down, so the
   * session-security step takes ASVS 5.0.0 3.3.2 as its ground (Lax or Strict) and cites this in a failure: a
   * server without it deviates from the standard, which is what the report must say, not a choice of our mocks.
   */
  sameSite: { source: string } | undefined;
  held(actor: Actor): Promise<string[]>;
  accepted(world: AuthWorld, credential: string): Promise<boolean>;
  /** Reads the actor's own account with the session the actor's device holds, with extra request headers (a cookie family only). */
  readOwnAccount: ((actor: Actor, headers: Record<string, string>) => Promise<HttpResponse>) | undefined;
  /** Puts a made-up session cookie on the actor's device, as an attacker who fixes sessions would; returns it. */
  plant?(actor: Actor): Promise<string>;
}

export const CREDENTIALS: Record<Family, CredentialKind> = {
  VRChat: {
    sessionCookie: 'auth',
    noun: 'session cookie',
    // The community spec's example Set-Cookie shows `Path=/; HttpOnly` (placeholder values, not a capture), and the
    // research lists Secure/SameSite among what is not established.
    sameSite: { source: 'vrchat-auth.md §8: Secure/SameSite not established' },
    held: async (actor) => present([await actor.vrchat.sessionCookie()]),
    accepted: async (world, credential) => (await (await vrchatDeviceReplaying(world, credential)).getCurrentUser()).status !== 401,
    readOwnAccount: (actor, headers) => actor.vrchat.driver.getCurrentUser(undefined, headers),
    plant: async (actor) => {
      const planted = `authcookie_${randomUUID()}`;
      secrets.add(planted);
      actor.vrchat.plantedSessionCookie = planted;
      await actor.vrchat.client.jar.put('auth', planted, actor.vrchat.client.baseUrl);
      return planted;
    },
  },
  Enhance: {
    sessionCookie: 'id0',
    noun: 'session cookie',
    // The spec names the cookie and nothing else about it.
    sameSite: { source: 'logins-and-shoko.md: cookie attributes not documented, open question 1' },
    // Every device the actor signed in on, not only the current one.
    held: async (actor) => present(await Promise.all(actor.enhance.devices.map((device) => actor.enhance.sessionCookie(device)))),
    accepted: async (world, credential) => (await (await replayingSession(world.clientFor('Enhance'), credential)).getLogin()).status === 200,
    readOwnAccount: (actor, headers) => actor.enhance.driver.getLogin(headers),
  },
  Shoko: {
    sessionCookie: undefined,
    noun: 'API key',
    sameSite: undefined,
    held: async (actor) => [...new Set(actor.shoko.keys.values())],
    accepted: async (world, credential) => (await new ShokoDriver(world.clientFor('Shoko')).currentUser(credential)).status === 200,
    readOwnAccount: undefined,
  },
  'better-auth': {
    // `better-auth.session_token`, `__Secure-better-auth.session_token` with Secure cookies, or another prefix
    // (advanced.cookiePrefix): the name ends in `session_token` (better-auth.com/docs/concepts/cookies).
    sessionCookie: 'session_token',
    isSessionCookie,
    noun: 'session cookie',
    // docs/concepts/cookies: "SameSite=Lax" by default, which is what a deployment should keep or tighten.
    sameSite: { source: 'better-auth.com/docs/concepts/cookies: session cookies are SameSite=Lax by default' },
    // Each cookie as `name=value`: the name differs between configurations and is sent back as it was set.
    held: async (actor) => present(await Promise.all(actor.betterAuth.allDevices().map((device) => device.client.jar.headerFor(device.client.baseUrl).then((header) => header.split('; ').find((pair) => /session_token=/.test(pair)))))),
    accepted: async (world, credential) => {
      const server = serverOf(world);
      const response = await new BetterAuthDriver(world.clientFor('better-auth'), { origin: server.origin }).client.send('/get-session', { headers: { cookie: credential } });
      return response.status === 200 && response.body !== 'null' && response.body !== '';
    },
    readOwnAccount: (actor, headers) => actor.betterAuth.driver.getSession(undefined, headers),
    plant: async (actor) => {
      const planted = `${randomUUID().replace(/-/g, '')}.${randomUUID().replace(/-/g, '')}`;
      secrets.add(planted);
      actor.betterAuth.plantedSessionCookie = planted;
      const { client } = actor.betterAuth.device;
      // Both names the framework reads, with and without Secure cookies.
      for (const name of ['better-auth.session_token', '__Secure-better-auth.session_token']) await client.jar.put(name, planted, client.baseUrl);
      return planted;
    },
  },
};

function present(values: (string | undefined)[]): string[] {
  return values.filter((value): value is string => Boolean(value));
}
