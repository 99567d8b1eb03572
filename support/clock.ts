import type { HttpClient } from './http/client';

/**
 * The target's time, which TOTP codes are computed from. On the mocks it is their controllable clock: moving to
 * the next 30-second window is an instant advance, never a sleep.
 */
export interface TargetClock {
  nowMs(): Promise<number>;
  advance(seconds: number): Promise<void>;
}

export class MockClockControl implements TargetClock {
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
