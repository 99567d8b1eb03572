import { Given, Then } from '@cucumber/cucumber';
import { expectStillInStep } from '../../support/core/totp';
import type { Actor } from '../../support/world/actor';
import type { AuthWorld } from '../../support/world/world';

/** On the mocks this moves their clock forward at once; nothing sleeps. */
const SECONDS: Record<string, number> = { second: 1, minute: 60, hour: 3600 };

Given(/^(\d+) (second|minute|hour)s? pass(?:es)?$/, async function (this: AuthWorld, amount: string, unit: string) {
  await this.clock.advance(Number(amount) * (SECONDS[unit] ?? 1));
});

/** A replay's refusal proves replay protection only while the code is still young enough to be accepted. */
Then('{actor}\'s code was still within its 30-second window when it was refused', async function (this: AuthWorld, actor: Actor) {
  const step = this.family === 'Enhance' ? actor.enhance.lastAuthenticatorStep : actor.vrchat.lastAuthenticatorStep;
  await expectStillInStep(this.clock, step);
});
