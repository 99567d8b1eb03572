import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateSecret, generateSync } from 'otplib';
import { MockClock } from '../../mocks/shared/clock';
import { Mailbox } from '../../mocks/shared/mailbox';
import { codeAttemptLimit, VrchatState } from '../../mocks/vrchat/state';
import type { TargetClock } from '../../support/core/clock';
import { newTotpSecret, totpCode } from '../../support/core/otp-codes';
import { authenticatorCode, wrongCode } from '../../support/core/totp';

const START = Date.UTC(2026, 0, 1, 12, 0, 10); // 10 s into a 30-second window

function fixedClock(ms: number): TargetClock {
  return { nowMs: async () => ms, advance: async () => undefined, realTime: false };
}

/** A real-time clock whose waiting is instant and recorded. */
function realClock(startMs: number) {
  let now = startMs;
  const waits: number[] = [];
  const clock: TargetClock = {
    realTime: true,
    nowMs: async () => now,
    advance: async (seconds) => {
      waits.push(seconds);
      now += seconds * 1000;
    },
  };
  return { clock, waits, tick: (ms: number) => (now += ms) };
}

function stateWithTotpUser() {
  const clock = new MockClock('manual', START);
  const state = new VrchatState(clock, new Mailbox(clock));
  const secret = generateSecret();
  const user = state.createUser({ username: 'tess', email: 'tess@x.test', password: 'pw', totpSecret: secret });
  const codeAt = (ms: number) => generateSync({ secret, epoch: Math.floor(ms / 1000) });
  return { clock, state, user, codeAt };
}

describe('TOTP and the mock clock', () => {
  it('computes the code of the target clock, not of the machine', async () => {
    const secret = generateSecret();
    assert.equal(await authenticatorCode(secret, fixedClock(START)), generateSync({ secret, epoch: START / 1000 }));
    assert.notEqual(await authenticatorCode(secret, fixedClock(START)), await authenticatorCode(secret, fixedClock(START + 30_000)));
  });

  it('on a real clock, waits for the next window near the end of one, and never takes two codes from one window', async () => {
    const secret = generateSecret();
    const late = realClock(Date.UTC(2026, 0, 1, 12, 0, 28)); // 2 s left in the window
    const code = await authenticatorCode(secret, late.clock);
    assert.deepEqual(late.waits, [2]);
    assert.equal(code, generateSync({ secret, epoch: Date.UTC(2026, 0, 1, 12, 0, 30) / 1000 }));

    const early = realClock(Date.UTC(2026, 0, 1, 12, 1, 5));
    await authenticatorCode(secret, early.clock);
    assert.deepEqual(early.waits, [], 'no wait with 25 s left');
    early.tick(5_000);
    await authenticatorCode(secret, early.clock);
    assert.deepEqual(early.waits, [20], 'the second code of the same window waits for the next one');
  });

  it('with a server that accepts one step of drift either side (better-auth), uses the neighbouring windows before waiting', async () => {
    const secret = generateSecret();
    const at = Date.UTC(2026, 0, 1, 12, 2, 5); // window w, 25 s left
    const clock = realClock(at);
    const window = Math.floor(at / 30_000);
    const codes = [];
    for (let code = 0; code < 4; code += 1) codes.push(await authenticatorCode(secret, clock.clock, { driftSteps: 1 }));
    const of = (w: number) => generateSync({ secret, epoch: w * 30 });
    assert.deepEqual(codes.slice(0, 3), [of(window - 1), of(window), of(window + 1)], 'the previous, current and next window, in that order');
    assert.deepEqual(clock.waits, [25], 'only the fourth waits, until window w + 1 begins (when w + 2 is within one step)');
    assert.equal(codes[3], of(window + 2));
    // Near the end of a window the previous one is left out: its code would expire in flight.
    const lateSecret = generateSecret();
    const late = realClock(Date.UTC(2026, 0, 1, 12, 3, 28));
    const current = Math.floor(Date.UTC(2026, 0, 1, 12, 3, 28) / 30_000);
    assert.equal(await authenticatorCode(lateSecret, late.clock, { driftSteps: 1 }), generateSync({ secret: lateSecret, epoch: current * 30 }));
    assert.deepEqual(late.waits, []);
  });

  it('never waits when the server takes a code again within its window (VRCHAT_TOTP_REUSE_ALLOWED=1)', async () => {
    const secret = generateSecret();
    const late = realClock(Date.UTC(2026, 0, 1, 12, 0, 29));
    const first = await authenticatorCode(secret, late.clock, { reuseAllowed: true });
    assert.equal(await authenticatorCode(secret, late.clock, { reuseAllowed: true }), first);
    assert.deepEqual(late.waits, [], 'neither the end of the window nor a used window makes it wait');
  });

  it('with the benchmark setting, the mock accepts a code again within its step, never an older step', () => {
    const { state, user, clock, codeAt } = stateWithTotpUser();
    state.totpReuseAllowed = true;
    const code = codeAt(clock.now());
    assert.equal(state.checkTotp(user, code), true);
    assert.equal(state.checkTotp(user, code), true, 'the same code again in its step');
    assert.equal(state.checkTotp(user, codeAt(clock.now() - 30_000)), false, 'an older step is still a replay');
  });

  it("gives the codes of the otplib package (RFC 6238) on Node's crypto, and secrets an authenticator app takes", async () => {
    // RFC 6238's SHA-1 test vectors (its secret is the ASCII of 12345678901234567890), then random secrets and times.
    const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    for (const [epoch, code] of [[59, '287082'], [1_111_111_109, '081804'], [1_234_567_890, '005924'], [20_000_000_000, '353130']] as const) {
      assert.equal(await totpCode(rfcSecret, epoch), code);
    }
    for (let i = 0; i < 20; i += 1) {
      const secret = i % 2 ? newTotpSecret() : generateSecret();
      assert.match(secret, /^[A-Z2-7]{32}$/);
      const epoch = 1_700_000_000 + i * 7_919;
      assert.equal(await totpCode(secret, epoch), generateSync({ secret, epoch }));
    }
  });

  it('a manual clock stands still until advanced, and only moves forward', () => {
    const clock = new MockClock('manual', START);
    assert.equal(clock.now(), START);
    clock.advance(30_000);
    assert.equal(clock.now(), START + 30_000);
    assert.throws(() => clock.advance(-1), RangeError);
  });

  it('accepts a code once: the same code is refused in any later session of its window', () => {
    const { state, user, clock, codeAt } = stateWithTotpUser();
    const code = codeAt(clock.now());
    assert.equal(state.checkTotp(user, code), true);
    assert.equal(state.checkTotp(user, code), false, 'replayed in the same window');
    clock.advance(15_000);
    assert.equal(state.checkTotp(user, code), false, 'replayed later in the same window');
    clock.advance(30_000);
    assert.equal(state.checkTotp(user, codeAt(clock.now())), true, 'the next window brings a fresh code');
  });

  it('tolerates one step of drift but not two, and never an older step than one already used', () => {
    const { state, user, clock, codeAt } = stateWithTotpUser();
    assert.equal(state.checkTotp(user, codeAt(clock.now() - 60_000)), false, 'two steps old');
    assert.equal(state.checkTotp(user, codeAt(clock.now() - 30_000)), true, 'one step old');
    assert.equal(state.checkTotp(user, codeAt(clock.now() + 30_000)), true, 'one step ahead');
    assert.equal(state.checkTotp(user, codeAt(clock.now())), false, 'older than the step already used');
  });

  it('locks verification after repeated wrong codes, until the window passes', () => {
    const { state, user, clock } = stateWithTotpUser();
    for (let attempt = 0; attempt < codeAttemptLimit(); attempt += 1) {
      assert.equal(state.isLockedOut(user), false);
      state.recordWrongCode(user);
    }
    assert.equal(state.isLockedOut(user), true);
    clock.advance(5 * 60_000 + 1);
    assert.equal(state.isLockedOut(user), false);
  });

  it('an emailed code expires after fifteen minutes of mock time', () => {
    const clock = new MockClock('manual', START);
    const mailbox = new Mailbox(clock);
    const state = new VrchatState(clock, mailbox);
    const user = state.createUser({ username: 'emil', email: 'emil@x.test', password: 'pw' });
    const session = state.startSession(user, 'pending');
    const code = /\b(\d{6})\b/.exec(mailbox.list()[0]?.text ?? '')?.[1] ?? '';
    assert.deepEqual(session.methods, ['emailOtp']);
    assert.equal(state.checkEmailCode(session, wrongCode(code)), false);
    clock.advance(15 * 60_000 - 1);
    assert.equal(state.checkEmailCode(session, code), true);
    clock.advance(1);
    assert.equal(state.checkEmailCode(session, code), false);
  });

  it('a made-up wrong code is six digits and never the right one', () => {
    for (let seed = 0; seed < 50; seed += 1) {
      const code = wrongCode('123457', seed);
      assert.match(code, /^\d{6}$/);
      assert.notEqual(code, '123457');
    }
  });
});
