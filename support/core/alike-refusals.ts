import assert from 'node:assert/strict';
import type { HttpResponse } from '../http/response';

/**
 * Two kinds of refused sign-in that must not tell an outsider which addresses have an account: the answer for an
 * unknown account and the answer for an existing one with a wrong password. "Alike" means the same status, the
 * same body, the same headers that could tell them apart, no cookie on either, and about the same time.
 */

/** One refused attempt: its answer and how long the exchange took on the wire (pacing and retries excluded). */
export interface Attempt {
  response: HttpResponse;
  ms: number;
}

/** Headers a client could tell the two answers apart by (the volatile ones — date, request ids — are left out). */
const TELLING_HEADERS = ['content-type', 'cache-control', 'www-authenticate', 'retry-after'] as const;

/**
 * Same status, same body and same telling headers for every attempt of both kinds, and no Set-Cookie anywhere.
 * Bodies are compared after parsing JSON (key order and spacing do not matter, every value does); `normalise`
 * blanks a field the vendor documents as varying per answer (e.g. a trace id), and nothing else.
 */
export function expectAlikeAnswers(unknown: readonly Attempt[], wrongPassword: readonly Attempt[], normalise: (body: unknown) => unknown = (body) => body): void {
  const reference = wrongPassword[0]?.response;
  assert.ok(reference && unknown.length > 0, 'no attempts of one of the two kinds were made');
  const bodyOf = (response: HttpResponse): unknown => (response.body === '' ? '' : normalise(response.json()));
  const telling = (response: HttpResponse) => Object.fromEntries(TELLING_HEADERS.map((name) => [name, response.header(name) ?? '(none)']));
  for (const [kind, attempts] of [['an unknown account', unknown], ['a wrong password', wrongPassword]] as const) {
    for (const [index, { response }] of attempts.entries()) {
      const which = `attempt ${index + 1} with ${kind}`;
      const cookies = response.chain.flatMap((hop) => hop.headers.getSetCookie());
      assert.deepEqual(cookies, [], `${which} answered with Set-Cookie (${cookies.length}): a refusal sets no cookie`);
      assert.equal(response.status, reference.status, `${which} answered ${response.status}, a wrong password ${reference.status}`);
      assert.deepEqual(bodyOf(response), bodyOf(reference), `${which} answered another body than a wrong password does: ${response.body} vs ${reference.body}`);
      assert.deepEqual(telling(response), telling(reference), `${which} answered with other headers than a wrong password does`);
    }
  }
}

/**
 * `rounds` attempts of each kind, in turn (an unknown account, then the existing one), so that a slow spell of the
 * machine or the network lands on both kinds alike.
 */
export async function inTurn(rounds: number, unknown: () => Promise<Attempt>, wrongPassword: () => Promise<Attempt>): Promise<{ unknown: Attempt[]; wrongPassword: Attempt[] }> {
  const attempts = { unknown: [] as Attempt[], wrongPassword: [] as Attempt[] };
  for (let round = 0; round < rounds; round += 1) {
    attempts.unknown.push(await unknown());
    attempts.wrongPassword.push(await wrongPassword());
  }
  return attempts;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  assert.ok(values.length > 0, 'the median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * When two timings count as "noticeably different". Both conditions must hold, so neither alone can flake:
 * - the slower median is more than RATIO times the faster one: on a real server a few tens of ms of network
 *   jitter on a 300 ms round trip never reach it, while skipping a password hash (bcrypt/argon2 at their usual
 *   costs, 50–300 ms) does;
 * - and the medians are more than MIN_GAP_MS apart: on the embedded mocks both answers take a few ms, so a ratio of
 *   2 or 3 is noise there; on a loaded 2-core machine a spike lasts a request or two, and with the two kinds in
 *   turn it lands on both alike, while a median of 9 ignores up to 4 slow samples of a kind.
 * Medians of alternating samples rather than a Mann–Whitney U test: with 9 samples each, U at a strict alpha still
 * flags a consistent sub-millisecond difference (the mock's two code paths are not the same instructions), which
 * no attacker can use over a network; the gap in milliseconds is what matters. A hash cheaper than MIN_GAP_MS is
 * therefore not caught here.
 */
export const TIMING_TOLERANCE = { ratio: 1.5, minGapMs: 40 } as const;

export interface TimingVerdict {
  unknownMedianMs: number;
  wrongPasswordMedianMs: number;
  different: boolean;
}

export function compareTimings(unknownMs: readonly number[], wrongPasswordMs: readonly number[], tolerance = TIMING_TOLERANCE): TimingVerdict {
  const unknownMedianMs = median(unknownMs);
  const wrongPasswordMedianMs = median(wrongPasswordMs);
  const slower = Math.max(unknownMedianMs, wrongPasswordMedianMs);
  const faster = Math.min(unknownMedianMs, wrongPasswordMedianMs);
  const different = slower - faster > tolerance.minGapMs && slower > tolerance.ratio * faster;
  return { unknownMedianMs, wrongPasswordMedianMs, different };
}

/** How a timing failure names the two kinds of request (a sign-in's by default). */
export interface TimingLabels {
  unknown: string;
  known: string;
}

/** Fails when one kind is answered noticeably faster: the time alone would tell which addresses have an account. */
export function expectAlikeTimings(
  unknown: readonly Attempt[],
  wrongPassword: readonly Attempt[],
  labels: TimingLabels = { unknown: 'an unknown account', known: 'a wrong password' },
): TimingVerdict {
  const verdict = compareTimings(unknown.map((attempt) => attempt.ms), wrongPassword.map((attempt) => attempt.ms));
  const samples = `${labels.unknown}: ${unknown.map((attempt) => attempt.ms).join(', ')} ms; ${labels.known}: ${wrongPassword.map((attempt) => attempt.ms).join(', ')} ms`;
  assert.ok(
    !verdict.different,
    `${labels.unknown} is answered in a median ${verdict.unknownMedianMs} ms, ${labels.known} in ${verdict.wrongPasswordMedianMs} ms ` +
      `(more than ${TIMING_TOLERANCE.ratio}× and ${TIMING_TOLERANCE.minGapMs} ms apart): the time tells which addresses have an account (${samples})`,
  );
  return verdict;
}
