import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { generateSecret } from 'otplib';
import { readConfig } from '../../support/core/config';
import { concurrentScenarios, withinLimits } from '../../support/world/scheduling';
import { withFileLock } from '../../support/coordination/file-lock';
import { floorOf, formatFloor } from '../../support/reports/floor';
import { holder, Ledger, type Holder } from '../../support/coordination/ledger';
import { addTallies, emptyTally } from '../../support/coordination/tally';
import { giveBackKept, leaseAccount } from '../../support/coordination/leases';
import type { TargetClock } from '../../support/core/clock';
import { authenticatorCode } from '../../support/core/totp';

const ROOT = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'authflow-ledger-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Several processes using one ledger at once; each returns what it got. */
function workers<T>(count: number, args: string[]): Promise<T[][]> {
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<T[]>((done, fail) => {
          const child = spawn(process.execPath, ['-r', 'tsx/cjs', 'test/fixtures/ledger-worker.ts', ...args], { cwd: ROOT });
          let out = '';
          let err = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk));
          child.stderr.on('data', (chunk: Buffer) => (err += chunk));
          child.on('close', (code) => (code === 0 ? done(JSON.parse(out) as T[]) : fail(new Error(`worker exited ${code}: ${err}`))));
        }),
    ),
  );
}

describe('the ledger shared by the workers of a real run', () => {
  it('gives each TOTP window of a secret to one claim only, across processes, and no window is skipped', async () => {
    const file = join(dir, 'windows.json');
    const claims = (await workers<number>(4, [file, 'windows', 'secret-a', '1000', '25'])).flat();
    assert.equal(new Set(claims).size, 100, 'two claims got the same window');
    assert.deepEqual([...claims].sort((a, b) => a - b), Array.from({ length: 100 }, (_, index) => 1000 + index));
  });

  it('spaces the requests of several processes to one server by the minimum interval', async () => {
    const file = join(dir, 'slots.json');
    const interval = 25;
    const slots = (await workers<{ claimed: number; sent: number }>(3, [file, 'slots', 'http://127.0.0.1:1', String(interval), '12'])).flat();
    const claimed = slots.map((slot) => slot.claimed).sort((a, b) => a - b);
    claimed.slice(1).forEach((at, index) => assert.ok(at - (claimed[index] as number) >= interval, `two requests claimed ${at - (claimed[index] as number)} ms apart`));
    assert.ok(slots.every((slot) => slot.sent >= slot.claimed - 1), 'a request left before its slot');
  });

  it('lends each member of a pool to one holder at a time, across processes', async () => {
    const file = join(dir, 'leases.json');
    const leases = (await workers<{ member: string; start: number; end: number }>(4, [file, 'lease', 'pool', '2', '4', '15'])).flat();
    assert.equal(leases.length, 16);
    for (const member of ['member-0', 'member-1']) {
      const held = leases.filter((lease) => lease.member === member).sort((a, b) => a.start - b.start);
      held.slice(1).forEach((lease, index) => assert.ok(lease.start >= (held[index] as { end: number }).end, `${member} was lent twice at once`));
    }
    assert.ok(leases.some((lease) => lease.member === 'member-1'), 'the second member was never used');
  });

  it('serves waiters first come, first served, and frees what a finished process held', async () => {
    const ledger = new Ledger(join(dir, 'queue.json'));
    // Three live processes (one worker runs one scenario at a time: its own older holdings are taken over).
    const [first, second, third] = [process.pid, process.ppid, 1].map((pid) => ({ ...holder(), pid }));
    assert.equal(await ledger.tryLease('pool', ['only'], first), 'only');
    assert.equal(await ledger.tryLease('pool', ['only'], second), undefined);
    assert.equal(await ledger.tryLease('pool', ['only'], third), undefined);
    await ledger.release('pool', first, 'only');
    assert.equal(await ledger.tryLease('pool', ['only'], third), undefined, 'the later waiter jumped the queue');
    assert.equal(await ledger.tryLease('pool', ['only'], second), 'only');
    // A holder whose process is gone holds nothing.
    await ledger.transact((state) => {
      (state.pools.pool as { held: Record<string, unknown> }).held.only = { pid: 2 ** 22 + 12_345, host: (second as { host: string }).host, token: 'gone' };
    });
    assert.equal(await ledger.tryLease('pool', ['only'], third), 'only');
    // This process's holding under another token was left by one of its earlier scenarios.
    await ledger.release('pool', third as Holder, 'only');
    assert.equal(await ledger.tryLease('pool', ['only'], first), 'only');
    assert.equal(await ledger.tryLease('pool', ['only'], holder()), 'only');
  });

  it('lets a worker keep an account between its scenarios while nobody waits, and gives it back once another queues', async () => {
    const file = join(dir, 'kept.json');
    process.env.AUTHFLOW_LEDGER = file;
    const scenario = () => {
      const releases: (() => Promise<void>)[] = [];
      return { ledgerHolder: holder(), log: () => undefined, onRelease: (release: () => Promise<void>) => void releases.push(release), end: async () => { for (const release of releases) await release(); } };
    };
    const candidates = [{ id: 'the only account', account: 'only' }];
    try {
      const first = scenario();
      assert.equal(await leaseAccount(first, 'pool', candidates), 'only');
      await first.end();
      const written = readFileSync(file, 'utf8');
      // The next scenario of this worker takes it again without a transaction: the ledger is not written.
      const second = scenario();
      assert.equal(await leaseAccount(second, 'pool', candidates), 'only');
      await second.end();
      assert.equal(readFileSync(file, 'utf8'), written, 'keeping the account wrote the ledger');
      // Another process queues for it: the kept account is given back within a few watches, and it gets it.
      const ledger = new Ledger(file);
      const other = { ...holder(), pid: process.ppid };
      const [poolKey, pool] = Object.entries((JSON.parse(written) as { pools: Record<string, { held: object }> }).pools)[0] as [string, { held: object }];
      const members = Object.keys(pool.held);
      assert.equal(await ledger.tryLease(poolKey, members, other), undefined, 'another process took an account this worker holds');
      const started = Date.now();
      let taken: string | undefined;
      while (!(taken = await ledger.tryLease(poolKey, members, other)) && Date.now() - started < 2_000) await new Promise((done) => setTimeout(done, 20));
      assert.ok(taken, 'the kept account was not given back to the process waiting for it');
      // While the other holds it, this worker's next scenario waits its turn (no reuse of what it gave back).
      const third = scenario();
      let thirdGot = false;
      const leasing = leaseAccount(third, 'pool', candidates).then(() => (thirdGot = true));
      await new Promise((done) => setTimeout(done, 300));
      assert.equal(thirdGot, false, 'the worker used an account another process holds');
      await ledger.release(poolKey, other, taken);
      await leasing;
      await third.end();
      // A scenario whose give-back comes late (its clean-up ran past its timeout) cannot free what the next one uses.
      const late = scenario();
      assert.equal(await leaseAccount(late, 'pool', candidates), 'only');
      const next = scenario();
      assert.equal(await leaseAccount(next, 'pool', candidates), 'only');
      await late.end();
      assert.equal(new Ledger(file).peek().pools[poolKey]?.held[members[0] as string]?.token, next.ledgerHolder.token, 'a late give-back freed the account of the scenario after it');
      await next.end();
      await giveBackKept();
      assert.deepEqual(new Ledger(file).peek().pools, {}, 'the kept account stayed held after the worker ended');
    } finally {
      await giveBackKept();
      delete process.env.AUTHFLOW_LEDGER;
    }
  });

  it('recovers a lock left by a process that died, and one held far longer than any critical section', async () => {
    const lock = join(dir, 'stale.lock');
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12_345, host: require('node:os').hostname(), at: Date.now() }));
    const started = Date.now();
    assert.equal(await withFileLock(lock, () => 'taken', 2_000), 'taken');
    assert.ok(Date.now() - started < 1_000, 'a dead holder kept the lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: 'elsewhere', at: Date.now() - 60_000 }));
    assert.equal(await withFileLock(lock, () => 'taken again', 2_000), 'taken again');
    assert.equal(existsSync(lock), false, 'the lock was not released');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: require('node:os').hostname(), at: Date.now() }));
    await assert.rejects(withFileLock(lock, () => 'never', 200), /stayed taken/);
    rmSync(lock);
  });

  it('forgets windows and pacing slots that are long over, so the file stays small', async () => {
    const ledger = new Ledger(join(dir, 'prune.json'));
    await ledger.claimWindow('fresh', 10);
    await ledger.claimSlot('http://fresh', 100);
    await ledger.transact((state) => {
      state.windows.old = { window: 1, at: Date.now() - 11 * 60_000 };
      state.pacing['http://old'] = { next: 1, at: Date.now() - 11 * 60_000 };
    });
    const kept = await ledger.transact((state) => [...Object.keys(state.windows), ...Object.keys(state.pacing)]);
    assert.deepEqual(kept, ['fresh', 'http://fresh']);
  });

  it('forgets the holders and waiters of processes that are gone in every pool, also the pools nobody asks for again', async () => {
    const ledger = new Ledger(join(dir, 'departed.json'));
    const host = holder().host;
    const dead = { pid: 2 ** 22 + 12_345, host, token: 'dead' };
    const elsewhere = { pid: 2 ** 22 + 12_345, host: 'another-host', token: 'remote' };
    await ledger.transact((state) => {
      state.pools.abandoned = { held: { a: dead }, queue: [dead] };
      state.pools.mixed = { held: { a: dead, b: holder(), c: elsewhere }, queue: [dead, elsewhere] };
    });
    // Any transaction, none about these pools, reads the ledger and drops what the dead process left.
    await ledger.claimWindow('unrelated', 1);
    const pools = await ledger.transact((state) => state.pools);
    assert.deepEqual(Object.keys(pools), ['mixed']);
    assert.deepEqual(Object.keys(pools.mixed?.held ?? {}), ['b', 'c'], 'a live holder or one on another host was dropped');
    assert.deepEqual(pools.mixed?.queue, [elsewhere]);
  });

  it('writes neither secrets nor codes to disk, only their hashes', async () => {
    const file = join(dir, 'secrets.json');
    process.env.AUTHFLOW_LEDGER = file;
    try {
      const secret = generateSecret();
      const clock: TargetClock = { realTime: true, nowMs: async () => Date.UTC(2026, 0, 1, 12, 0, 5), advance: async () => undefined };
      const code = await authenticatorCode(secret, clock, { owner: { target: 'http://127.0.0.1:9', label: 'VRChat tess' } });
      const text = readFileSync(file, 'utf8');
      assert.ok(!text.includes(secret) && !text.includes(code), 'the ledger holds a secret or a code in clear');
      assert.match(text, /"[0-9a-f]{32}":\{"window":/);
    } finally {
      delete process.env.AUTHFLOW_LEDGER;
    }
  });

  it('adds the workers\' tallies, and the floor is the slowest secret or server', () => {
    const one = { ...emptyTally(), workers: 1, secrets: { 'VRChat a': { codes: 4, waitMs: 50_000 } }, servers: { 'http://v': { requests: 100, intervalMs: 250, waitMs: 3_000 } } };
    const two = { ...emptyTally(), workers: 1, secrets: { 'VRChat a': { codes: 2, waitMs: 20_000 }, 'VRChat b': { codes: 5, waitMs: 0 } }, servers: { 'http://v': { requests: 700, intervalMs: 250, waitMs: 1_000 } } };
    const sum = addTallies(addTallies(undefined, one), two);
    assert.deepEqual(sum.secrets['VRChat a'], { codes: 6, waitMs: 70_000 });
    assert.deepEqual(floorOf(sum), { windowsMs: 180_000, pacingMs: 200_000, floorMs: 200_000 });
    assert.match(formatFloor(sum, 230_000), /floor 200\.0 s \(windows 180\.0 s, pacing 200\.0 s\); wall time 230\.0 s = 1\.15 × floor/);
  });
});

describe('parallel workers against real servers', () => {
  const pickle = (uri: string, ...tags: string[]) => ({ uri, tags: tags.map((name) => ({ name })) });
  it('runs one scenario of an account-borrowing family at a time, and hands the worker another family\'s meanwhile', () => {
    const config = readConfig({ TARGET: 'real', VRCHAT_BASE_URL: 'http://v', VRCHAT_USER_AGENT: 'a', VRCHAT_USERNAME: 'u', VRCHAT_PASSWORD: 'p', VRCHAT_TOTP_SECRET: 'JBSWY3DPEHPK3PXPJBSWY3DP', ENHANCE_BASE_URL: 'http://e', ENHANCE_EMAIL: 'e', ENHANCE_PASSWORD: 'p', ENHANCE_ADMIN_TOKEN: 't', ENHANCE_ORG_ID: 'o', ENHANCE_REALM_ID: 'r' }).config;
    const canAssign = withinLimits(concurrentScenarios(config));
    const login = pickle('features/vrchat/login.feature', '@vrchat');
    assert.equal(canAssign(login, []), true);
    assert.equal(canAssign(login, [pickle('features/vrchat/logout.feature', '@vrchat')]), false, 'two VRChat scenarios at once would share its accounts');
    assert.equal(canAssign(login, [pickle('features/vrchat/logout.feature', '@vrchat', '@mock-only')]), true, 'a @mock-only scenario borrows nothing');
    assert.equal(canAssign(pickle('features/enhance/sessions.feature', '@enhance'), [pickle('features/enhance/avatar.feature', '@enhance'), login]), true, 'Enhance creates its logins with admin credentials');
    assert.equal(canAssign(pickle('features/shoko/api-keys.feature', '@shoko'), [pickle('features/shoko/key-deletion.feature', '@shoko')]), false);
  });
});
