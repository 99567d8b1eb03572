import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { generateSecret, generateSync } from 'otplib';
import { before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { PROFILE_NAMES, PROFILES, SWITCHES, useSwitches, type ProfileName } from '../../mocks/shared/profile';
import { startMocks, type RunningMocks } from '../../mocks/start-mocks';
import { loadAssumptions, REGISTER_PATH } from '../../support/core/assumption-register';

/** What plays each alternative of each register entry: the tags its text ends with. */
function playedBy(): { id: string; alternative: string; tags: string[] }[] {
  const register = parse(readFileSync(REGISTER_PATH, 'utf8')) as { id: string; alternatives: string[] }[];
  return register.flatMap(({ id, alternatives }) =>
    alternatives.map((alternative) => {
      const trailing = /((?:\s*\[(?:alternate|switch|not played)[^\]]*\])+)\s*$/.exec(alternative)?.[1] ?? '';
      return { id, alternative, tags: [...trailing.matchAll(/\[([^\]]*)\]/g)].map((match) => match[1] as string) };
    }),
  );
}

/** A knob's value as data: functions (a link or an obfuscation) compared by what they answer. */
function comparable(knob: object): unknown {
  return Object.fromEntries(Object.entries(knob).map(([key, value]) => [key, typeof value === 'function' ? value('https://panel.test', 'olga.smith@example.test') : value]));
}

describe('the mock profiles and the assumption register', () => {
  const ids = loadAssumptions().map((entry) => entry.id);

  it('has a switch in every profile for every register entry, and none for an id the register lacks', () => {
    assert.ok(ids.length >= 60, `the register has only ${ids.length} entries`);
    for (const name of PROFILE_NAMES) {
      const knobs = Object.keys(PROFILES[name]);
      assert.deepEqual(ids.filter((id) => !knobs.includes(id)), [], `register entries without a switch in the ${name} profile`);
      assert.deepEqual(knobs.filter((id) => !ids.includes(id)), [], `switches of the ${name} profile for ids the register does not have`);
    }
  });

  it('says for every alternative of the register what plays it, and every switch it names exists', () => {
    const all = playedBy();
    const named = new Set<string>();
    for (const { id, alternative, tags } of all) {
      assert.ok(tags.length > 0, `${id}: "${alternative}" does not say what plays it ([alternate], [switch NAME] or [not played: why])`);
      for (const tag of tags) {
        if (tag === 'alternate') continue;
        const other = /^alternate: ([A-Z]{2}-\d{3})$/.exec(tag)?.[1];
        if (other) {
          assert.ok(ids.includes(other), `${id}: ${tag} names no register entry`);
          continue;
        }
        if (tag.startsWith('not played')) {
          assert.match(tag, /^not played( yet)?: \S/, `${id}: "${tag}" gives no reason`);
          continue;
        }
        const names = /^switch (.+)$/.exec(tag)?.[1]?.split(',').map((name) => name.trim());
        assert.ok(names, `${id}: unknown tag [${tag}]`);
        for (const name of names) {
          const [entry, switchName] = name.includes('=') ? (name.split('=') as [string, string]) : [id, name];
          assert.ok((SWITCHES as Record<string, Record<string, unknown> | undefined>)[entry]?.[switchName], `${id}: [${tag}] names no switch ${entry}=${switchName} in mocks/shared/profile.ts`);
          named.add(`${entry}=${switchName}`);
        }
      }
    }
    const orphans = Object.entries(SWITCHES).flatMap(([entry, switches]) => Object.keys(switches ?? {}).map((name) => `${entry}=${name}`)).filter((key) => !named.has(key));
    assert.deepEqual(orphans, [], 'switches no register alternative names');
    const notPlayed = all.filter(({ tags }) => tags.every((tag) => tag.startsWith('not played')));
    console.log(`register: ${all.length} alternatives, ${all.length - notPlayed.length} played by the alternate profile or a switch, ${notPlayed.length} not played`);
  });

  it('refuses a switch it does not know, rather than play the profile\'s choice', () => {
    assert.throws(() => useSwitches('EN-022=no-such-switch'), /unknown mock switch "EN-022=no-such-switch"/);
    assert.throws(() => useSwitches('EN-022'), /unknown mock switch/);
    useSwitches(undefined);
  });

  it('flips every entry in the alternate profile', () => {
    const same = ids.filter((id) => isDeepStrictEqual(comparable(PROFILES.default[id as keyof typeof PROFILES.default]), comparable(PROFILES.alternate[id as keyof typeof PROFILES.alternate])));
    assert.deepEqual(same, [], 'the alternate profile makes the default choice for these entries');
  });
});

/** A new VRChat account's current user, after a complete login with its authenticator code. */
async function currentUserOfNewAccount(mocks: RunningMocks): Promise<Record<string, unknown>> {
  const secret = generateSecret();
  const headers = { 'user-agent': 'authflow-test/1 qa@example.test', 'content-type': 'application/json' };
  await fetch(`${new URL(mocks.urls.vrchat).origin}/_mock/accounts`, { method: 'POST', headers, body: JSON.stringify({ username: 'tess_p', email: 'tess@p.test', password: 'pw-profile', totpSecret: secret }) });
  const login = await fetch(`${mocks.urls.vrchat}/auth/user`, { headers: { ...headers, authorization: `Basic ${Buffer.from('tess_p:pw-profile').toString('base64')}` } });
  const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const code = generateSync({ secret, epoch: Math.floor(mocks.clock.now() / 1000) });
  const verified = await fetch(`${mocks.urls.vrchat}/auth/twofactorauth/totp/verify`, { method: 'POST', headers: { ...headers, cookie }, body: JSON.stringify({ code }) });
  assert.equal(verified.status, 200, 'the authenticator code was refused');
  return (await (await fetch(`${mocks.urls.vrchat}/auth/user`, { headers: { ...headers, cookie } })).json()) as Record<string, unknown>;
}

/** One observation per representative entry, made the same way in each profile. */
async function observe(profile: ProfileName) {
  const mocks: RunningMocks = await startMocks({ clock: 'manual', profile });
  try {
    const enhance = mocks.urls.enhance;
    const origin = new URL(enhance).origin;
    const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const org = (await (await post(`${origin}/_mock/orgs`, { name: 'Customer' })).json()) as { id: string };
    const olga = { email: 'olga@panel.test', password: 'right-password' };
    await post(`${origin}/_mock/logins`, { ...olga, name: 'Olga', authMethod: 'basic', orgId: org.id, roles: ['SiteAccess'] });

    // EN-001: the body of a refusal.
    const refusal = await post(`${enhance}/login/sessions`, { email: olga.email, password: 'wrong' });
    const errorBody = await refusal.text();
    // EN-002: five more wrong passwords (six in a row), then the right one.
    for (let guess = 0; guess < 5; guess += 1) await post(`${enhance}/login/sessions`, { email: olga.email, password: `wrong-${guess}` });
    const afterGuesses = (await post(`${enhance}/login/sessions`, olga)).status;
    // EN-025, MB-003: the reset mail's subject and parts.
    await fetch(`${enhance}/login/password-recovery`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: olga.email }) });
    await new Promise((resolve) => setTimeout(resolve, 400)); // MB-004: the alternate profile delivers after 300 ms
    const [summary] = ((await (await fetch(`${mocks.urls.mailbox}/api/v1/messages`)).json()) as { messages: { ID: string; Subject: string }[] }).messages;
    assert.ok(summary, 'no reset mail was sent');
    const mail = (await (await fetch(`${mocks.urls.mailbox}/api/v1/message/${summary.ID}`)).json()) as { Text: string; HTML: string };
    // VR-024: a User-Agent with a name and version but no contact.
    const agent = (await fetch(`${mocks.urls.vrchat}/auth/user`, { headers: { 'user-agent': 'authflow/0.1.0' } })).status;
    // VR-027: the current user of an account that never asked for its deletion.
    const tess = await currentUserOfNewAccount(mocks);
    return { errorBody, afterGuesses, subject: summary.Subject, textOnly: mail.Text !== '' && mail.HTML === '', agent, deletionLog: tess.accountDeletionLog, hasUsername: 'username' in tess };
  } finally {
    await mocks.close();
  }
}

describe('a per-entry switch', () => {
  it('plays its alternative on top of the profile: EN-022 turn-off-with-password takes the second factor off at once, with the password', async () => {
    const mocks = await startMocks({ clock: 'manual', switches: 'EN-022=turn-off-with-password' });
    try {
      const origin = new URL(mocks.urls.enhance).origin;
      const json = { 'content-type': 'application/json' };
      const org = (await (await fetch(`${origin}/_mock/orgs`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'Customer' }) })).json()) as { id: string };
      const creds = { email: 'sam@switch.test', password: 'pw-switch' };
      const created = (await (await fetch(`${origin}/_mock/logins`, { method: 'POST', headers: json, body: JSON.stringify({ ...creds, name: 'Sam', authMethod: 'otp', orgId: org.id, roles: ['SiteAccess'] }) })).json()) as { otpSecret: string };
      const pending = await fetch(`${mocks.urls.enhance}/login/sessions`, { method: 'POST', headers: json, body: JSON.stringify(creds) });
      const cookie = (pending.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
      const pin = generateSync({ secret: created.otpSecret, epoch: Math.floor(mocks.clock.now() / 1000) });
      const active = await fetch(`${mocks.urls.enhance}/login/2fa`, { method: 'POST', headers: { ...json, cookie }, body: JSON.stringify({ authMethod: 'otp', pin }) });
      const session = (active.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
      const patch = (body: unknown) => fetch(`${mocks.urls.enhance}/login`, { method: 'PATCH', headers: { ...json, cookie: session }, body: JSON.stringify(body) });
      assert.equal((await patch({ authMethod: 'basic' })).status, 403, 'turned off without the password');
      const off = await patch({ authMethod: 'basic', currentPassword: creds.password });
      assert.deepEqual([off.status, await off.json()], [200, { verifyPin: false }]);
      assert.equal((await fetch(`${mocks.urls.enhance}/login/sessions`, { method: 'POST', headers: json, body: JSON.stringify(creds) })).status, 200);
    } finally {
      await mocks.close();
      useSwitches(undefined);
    }
  });
});

describe('the mocks in each profile', () => {
  const seen: Partial<Record<ProfileName, Awaited<ReturnType<typeof observe>>>> = {};
  // One profile per process at a time: the two runs are sequential.
  before(async () => {
    seen.default = await observe('default');
    seen.alternate = await observe('alternate');
  });

  it('answers an Enhance refusal in the HttpError shape, or with an empty body (EN-001)', () => {
    assert.deepEqual(Object.keys(JSON.parse(seen.default?.errorBody ?? '{}') as object).sort(), ['code', 'message']);
    assert.equal(seen.alternate?.errorBody, '');
  });

  it('locks a panel login after ten wrong passwords, or after five (EN-002)', () => {
    assert.equal(seen.default?.afterGuesses, 200, 'six wrong passwords locked the login in the default profile');
    assert.equal(seen.alternate?.afterGuesses, 401, 'six wrong passwords did not lock the login in the alternate profile');
  });

  it('mails a reset link under another subject, as HTML only (EN-025, MB-003)', () => {
    assert.equal(seen.default?.subject, 'Reset your password');
    assert.notEqual(seen.alternate?.subject, seen.default?.subject);
    assert.deepEqual([seen.default?.textOnly, seen.alternate?.textOnly], [true, false]);
  });

  it('lets a User-Agent without a contact through only in the alternate profile (VR-024)', () => {
    assert.deepEqual([seen.default?.agent, seen.alternate?.agent], [403, 401]);
  });

  it('answers an empty deletion log as [], or as the description\'s null (VR-027)', () => {
    assert.deepEqual([seen.default?.deletionLog, seen.alternate?.deletionLog], [[], null]);
    // The username has something to carry: it stays in both.
    assert.deepEqual([seen.default?.hasUsername, seen.alternate?.hasUsername], [true, true]);
  });
});
