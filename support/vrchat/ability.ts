import type { HttpClient } from '../http/client';
import type { VrchatAccount } from './accounts';
import { VrchatDriver } from './driver';

/**
 * What an actor can do with VRChat: their account, the device they use (a client with its own cookie jar), and
 * what they remember between steps (the code they typed, the session cookie they copied…).
 */
export class VrchatAbility {
  #client: HttpClient;
  lastAuthenticatorCode: string | undefined;
  lastRecoveryCode: string | undefined;
  enrolmentSecret: string | undefined;
  /** The link of the last mail the actor read (a confirmation or a login-place link). */
  lastMailLink: string | undefined;
  /** The auth token as the server reported it, kept to resume the session elsewhere. */
  storedToken: string | undefined;

  constructor(
    readonly account: VrchatAccount,
    private readonly newClient: () => HttpClient,
  ) {
    this.#client = newClient();
  }

  get client(): HttpClient {
    return this.#client;
  }

  get driver(): VrchatDriver {
    return new VrchatDriver(this.#client);
  }

  get credentials(): { username: string; password: string } {
    return { username: this.account.username, password: this.account.password };
  }

  /** Another device: a new client with an empty cookie jar (no session, no remembered device). */
  switchDevice(): void {
    this.#client = this.newClient();
  }

  async sessionCookie(): Promise<string | undefined> {
    return (await this.#client.jar.get('auth', this.#client.baseUrl))?.value;
  }
}
