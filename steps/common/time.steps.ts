import { Given } from '@cucumber/cucumber';
import type { AuthWorld } from '../../support/world/world';

/** On the mocks this moves their clock forward at once; nothing sleeps. */
const SECONDS: Record<string, number> = { second: 1, minute: 60, hour: 3600 };

Given(/^(\d+) (second|minute|hour)s? pass(?:es)?$/, async function (this: AuthWorld, amount: string, unit: string) {
  await this.clock.advance(Number(amount) * (SECONDS[unit] ?? 1));
});
