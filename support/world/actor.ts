import type { BetterAuthAbility } from '../better-auth/ability';
import type { EnhanceAbility } from '../enhance/ability';
import type { ShokoAbility } from '../shoko/ability';
import type { VrchatAbility } from '../vrchat/ability';

interface Abilities {
  VRChat: VrchatAbility;
  Enhance: EnhanceAbility;
  Shoko: ShokoAbility;
  'better-auth': BetterAuthAbility;
}

/** A named person in a scenario. Each API family they use is an ability with its own account and cookie jar. */
export class Actor {
  readonly #abilities = new Map<keyof Abilities, Abilities[keyof Abilities]>();
  /** A session cookie this actor copied from someone else, to try it later. */
  copiedSessionCookie: string | undefined;
  /** Every credential this actor held at some point (session cookies, API keys), kept to try them again later. */
  keptCredentials: string[] | undefined;

  constructor(readonly name: string) {}

  get vrchat(): VrchatAbility {
    return this.#ability('VRChat');
  }

  set vrchat(ability: VrchatAbility) {
    this.#abilities.set('VRChat', ability);
  }

  get enhance(): EnhanceAbility {
    return this.#ability('Enhance');
  }

  set enhance(ability: EnhanceAbility) {
    this.#abilities.set('Enhance', ability);
  }

  get shoko(): ShokoAbility {
    return this.#ability('Shoko');
  }

  set shoko(ability: ShokoAbility) {
    this.#abilities.set('Shoko', ability);
  }

  get betterAuth(): BetterAuthAbility {
    return this.#ability('better-auth');
  }

  set betterAuth(ability: BetterAuthAbility) {
    this.#abilities.set('better-auth', ability);
  }

  /** Whether the actor has an account of the family in this scenario. */
  has(family: keyof Abilities): boolean {
    return this.#abilities.has(family);
  }

  #ability<K extends keyof Abilities>(family: K): Abilities[K] {
    const ability = this.#abilities.get(family) as Abilities[K] | undefined;
    if (!ability) throw new Error(`${this.name} has no ${family} account in this scenario: start with "Given ${this.name} has …"`);
    return ability;
  }
}
