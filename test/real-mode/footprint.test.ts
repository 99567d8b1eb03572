import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { slotOf } from '../../support/enhance/pool';
import { FOOTPRINT_ALLURE } from '../../support/reports/footprint/report';
import type { Footprint, KindSummary } from '../../support/reports/footprint/summary';
import { runFeatures } from '../helpers/run-features';
import { REAL_MODE_WORKERS } from '../helpers/real-mode';
import { startStandaloneMocks, type StandaloneMocks } from '../helpers/standalone-mocks';

/**
 * What touches the footprint without VRChat's 30-second TOTP windows: the first run, every Enhance scenario (logins
 * left with PINs by email or an authenticator app on, whose second factor the pool turns off with the PIN the panel
 * mails or the app's code, as the mocks' default asks; the guesses that lock a login among them) and Shoko's keys;
 * the second, what needs the most logins at once (five) and avatars. Both with two workers, as users run them.
 */
const FIRST = '@enhance or @shoko';
const SECOND = '@enhance and (@admin or @avatar)';
/** The most logins a scenario uses at once, times the workers: what a fresh panel may get. */
const MOST_LOGINS = 5 * REAL_MODE_WORKERS;

function footprintOf(reports: string): Footprint {
  return JSON.parse(readFileSync(join(reports, 'footprint.json'), 'utf8')) as Footprint;
}

function kind(footprint: Footprint, name: KindSummary['kind']): KindSummary {
  const summary = footprint.kinds.find((entry) => entry.kind === name);
  assert.ok(summary, `no ${name} in the footprint`);
  return summary;
}

describe('The footprint of two consecutive real-mode runs against one panel', () => {
  let mocks: StandaloneMocks;
  before(async () => {
    mocks = await startStandaloneMocks();
  });
  after(() => mocks.stop());

  /**
   * One `npm start` in real mode; each run gets its own pool folder, as a fresh CI machine would. Pacing is off:
   * the footprint does not depend on it, and the full runs of against-standalone-mocks.test.ts keep it on.
   */
  const run = (name: string, tags: string) => {
    const reports = join(mocks.dir, name);
    const env = { ...process.env, ...mocks.env, ALLOW_DESTRUCTIVE: '1', REQUEST_INTERVAL_MS: '0', REPORTS_DIR: reports, AUTHFLOW_POOL_DIR: join(mocks.dir, `${name}-pool`) };
    const result = runFeatures(['--format', 'summary', '--tags', tags, '--parallel', String(REAL_MODE_WORKERS)], env);
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /Footprint on the targets/, 'the run did not print its footprint');
    return { reports, footprint: footprintOf(reports) };
  };

  /** The realm's logins of the naming scheme, as the hosting company lists them. */
  async function schemeLogins(): Promise<{ id: string; email: string; name: string; authMethod: string; avatarPath?: string }[]> {
    const { ENHANCE_BASE_URL, ENHANCE_ADMIN_TOKEN, ENHANCE_REALM_ID } = mocks.env;
    const response = await fetch(`${ENHANCE_BASE_URL}/logins?realmId=${ENHANCE_REALM_ID}&limit=100`, { headers: { authorization: `Bearer ${ENHANCE_ADMIN_TOKEN}` } });
    assert.equal(response.status, 200);
    const { items } = (await response.json()) as { items: { id: string; email: string; name: string; authMethod: string; avatarPath?: string }[] };
    return items.filter((login) => slotOf(login.email) !== undefined);
  }

  const avoidable = (footprint: Footprint) => footprint.items.filter((item) => item.avoidable).map((item) => `${item.kind} ${item.item}: ${item.why ?? ''}`);

  /** At rest means a sign-in with the password alone works: a password set by the hosting company, then that sign-in. */
  async function signsInWithPasswordAlone(loginId: string, email: string): Promise<number> {
    const { ENHANCE_BASE_URL, ENHANCE_ADMIN_TOKEN } = mocks.env;
    const password = `at-rest-${loginId}`;
    const set = await fetch(`${ENHANCE_BASE_URL}/v2/logins/${loginId}/password`, { method: 'PUT', headers: { authorization: `Bearer ${ENHANCE_ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ newPassword: password }) });
    assert.equal(set.status, 200, `setting ${email}'s password answered ${set.status}`);
    return (await fetch(`${ENHANCE_BASE_URL}/login/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })).status;
  }

  it('creates the logins once, then reuses them, and leaves nothing behind that could be put back', async () => {
    const first = run('first', FIRST);
    const created = kind(first.footprint, 'Enhance logins').created;
    assert.ok(created > 0, 'the first run on a fresh panel created no login of the scheme');
    assert.ok(created <= MOST_LOGINS, `the first run created ${created} logins: more than ${MOST_LOGINS} (five per worker) means it could not reuse its own`);
    assert.deepEqual(avoidable(first.footprint), []);
    assert.equal((await schemeLogins()).length, created);
    assert.ok(kind(first.footprint, 'Shoko API keys').changedAndPutBack > 0, 'no Shoko key was counted');
    assert.ok(kind(first.footprint, 'Mails').changedAndPutBack > 0, 'no mail was counted as deleted');

    const second = run('second', SECOND);
    const logins = kind(second.footprint, 'Enhance logins');
    // How many logins a run needs at once depends on which scenarios its workers happen to run side by side: the
    // second may need more at once than the first did. It reuses the first's and creates one only when every one of
    // them is in use: both runs together never exceed what the most demanding moment needs.
    assert.ok(logins.found > 0, 'the second run reused none of the logins the first one made');
    assert.ok(logins.created === 0 || logins.found === created, `the second run created ${logins.created} login(s) while it reused only ${logins.found} of the first run's ${created}`);
    assert.ok(created + logins.created <= MOST_LOGINS, `the two runs created ${created + logins.created} logins: more than ${MOST_LOGINS} (five per worker)`);
    assert.equal(kind(second.footprint, 'Enhance memberships').created, logins.created, 'the second run created a membership for a login it did not create');
    assert.deepEqual(avoidable(second.footprint), []);
    // With the default configuration no scenario leaves anything behind at all (no @leaves-login runs).
    assert.deepEqual(second.footprint.kinds.filter((summary) => summary.leftBehind.count > 0).map((summary) => `${summary.kind}: ${summary.leftBehind.why.join('; ')}`), []);
    assert.ok(kind(second.footprint, 'Enhance avatars').changedAndPutBack > 0, 'no avatar was counted as removed');

    // On the panel itself: the logins of both runs, each in its resting state.
    const resting = await schemeLogins();
    assert.equal(resting.length, created + logins.created);
    for (const login of resting) {
      assert.deepEqual({ name: login.name, authMethod: login.authMethod, avatar: login.avatarPath }, { name: `authflow pool ${slotOf(login.email)}`, authMethod: 'basic', avatar: undefined }, login.email);
      assert.equal(await signsInWithPasswordAlone(login.id, login.email), 200, `${login.email} does not sign in with its password alone`);
    }

    // The Allure report has the footprint page, passed.
    const results = join(second.reports, 'allure-results');
    const page = readdirSync(results)
      .filter((name) => name.endsWith('-result.json'))
      .map((name) => JSON.parse(readFileSync(join(results, name), 'utf8')) as { historyId: string; status: string })
      .find((result) => result.historyId === FOOTPRINT_ALLURE.historyId);
    assert.equal(page?.status, 'passed', 'the footprint page is missing or not passed');
    console.log(`footprint (${REAL_MODE_WORKERS} workers): run 1 created ${created} login(s), run 2 created ${logins.created} and reused ${logins.found}; every login signs in with its password alone; nothing avoidable left behind`);
  });
});
