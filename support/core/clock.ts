import type { HttpClient } from '../http/client';

/**
 * The target's time, which TOTP codes are computed from. On the mocks it is their controllable clock: moving to
 * the next 30-second window is an instant advance, never a sleep.
 */
export interface TargetClock {
  nowMs(): Promise<number>;
  advance(seconds: number): Promise<void>;
  /** True when time passes by itself (a real server): codes must then avoid the end of their window. */
  readonly realTime: boolean;
}

/** A real server's time is the machine's: "advancing" it is waiting. */
export class SystemClock implements TargetClock {
  readonly realTime = true;

  async nowMs(): Promise<number> {
    return Date.now();
  }

  async advance(seconds: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
}

export class MockClockControl implements TargetClock {
  readonly realTime = false;

  constructor(private readonly control: HttpClient) {}

  async nowMs(): Promise<number> {
    const response = await this.control.send('/_mock/clock');
    return response.json<{ now: number }>().now;
  }

  async advance(seconds: number): Promise<void> {
    const response = await this.control.send('/_mock/clock/advance', { method: 'POST', json: { seconds } });
    if (response.status !== 200) throw new Error(`the mock clock refused to advance by ${seconds} s (${response.status})`);
  }
}
