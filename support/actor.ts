import type { VrchatAbility } from './vrchat/ability';

/** A named person in a scenario. Each family they use is an ability with its own account and cookie jar. */
export class Actor {
  #vrchat: VrchatAbility | undefined;
  /** A session cookie this actor copied from someone else, to try it later. */
  copiedSessionCookie: string | undefined;

  constructor(readonly name: string) {}

  get vrchat(): VrchatAbility {
    if (!this.#vrchat) {
      throw new Error(`${this.name} has no VRChat account in this scenario: start with "Given ${this.name} has an account …"`);
    }
    return this.#vrchat;
  }

  set vrchat(ability: VrchatAbility) {
    this.#vrchat = ability;
  }
}
