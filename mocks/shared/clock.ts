/**
 * The mocks' notion of now. `manual` stands still until advanced, so a scenario can step into the next TOTP
 * window or past an expiry instantly and deterministically; `system` follows the wall clock (plus any advance),
 * which is what a harness computing codes from its own clock needs when the mocks run standalone.
 */
export type ClockMode = 'manual' | 'system';

export class MockClock {
  #offsetMs = 0;
  readonly #startedAt: number;

  constructor(
    readonly mode: ClockMode = 'system',
    startAt: number = Date.now(),
  ) {
    this.#startedAt = startAt;
  }

  now(): number {
    const base = this.mode === 'manual' ? this.#startedAt : Date.now();
    return base + this.#offsetMs;
  }

  date(): Date {
    return new Date(this.now());
  }

  advance(milliseconds: number): void {
    if (!Number.isFinite(milliseconds) || milliseconds < 0) throw new RangeError('the clock only moves forward');
    this.#offsetMs += milliseconds;
  }
}
