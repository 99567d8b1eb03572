import { Given } from '@cucumber/cucumber';
import type { AuthWorld } from '../../support/world';

/** On the mocks this moves their clock forward at once; nothing sleeps. */
Given(/^(\d+) (seconds?|minutes?) pass(?:es)?$/, async function (this: AuthWorld, amount: string, unit: string) {
  await this.clock.advance(Number(amount) * (unit.startsWith('minute') ? 60 : 1));
});
