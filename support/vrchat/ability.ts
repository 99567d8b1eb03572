import type { HttpClient } from '../http/client';
import type { VrchatAccount } from './accounts';
import { VrchatDriver } from './driver';

/**
 * What an actor can do with VRChat: their account, the device they use (a client with its own cookie jar), and
 * what they remember between steps (the code they typed, the session cookie they copied…).
 */
export class VrchatAbility {
  #client: HttpClient;
  /** Every device the actor used in the scenario (a session left on one is logged out afterwards on a real server). */
  readonly devices: HttpClient[] = [];
  lastAuthenticatorCode: string | undefined;
  lastRecoveryCode: string | undefined;
  enrolmentSecret: string | undefined;
  /** An authenticator app this scenario is adding: the device it was started on and how far it got (see enrolment.ts). */
  enrolment: { device: HttpClient; state: 'none' | 'pending' | 'on' } | undefined;
  /** The link of the last mail the actor read (a confirmation or a login-place link). */
  lastMailLink: string | undefined;
  /** How many deletions of the account had been requested before someone else tried one. */
  deletionRequestsBefore: number | undefined;
  /** The auth token as the server reported it, kept to resume the session elsewhere. */
  storedToken: string | undefined;
  /** The emailed code that completed the actor's last login, kept to try it again. */
  lastEmailCode: string | undefined;
  /** A session cookie someone else put on the actor's device before the login (session fixation). */
  plantedSessionCookie: string | undefined;

  constructor(
    readonly account: VrchatAccount,
    private readonly newClient: () => HttpClient,
  ) {
    this.#client = newClient();
    this.devices.push(this.#client);
  }

  get client(): HttpClient {
    return this.#client;
  }

  get driver(): VrchatDriver {
    return new VrchatDriver(this.#client);
  }

  /** The account's email address; a real account's is not configured, so scenarios that need it are mock-only. */
  get email(): string {
    if (!this.account.email) throw new Error(`the configuration does not name the email address of ${this.account.username}: tag the scenario @mock-only`);
    return this.account.email;
  }

  get credentials(): { username: string; password: string } {
    return { username: this.account.username, password: this.account.password };
  }

  /** Another device: a new client with an empty cookie jar (no session, no remembered device). */
  switchDevice(): void {
    this.#client = this.newClient();
    this.devices.push(this.#client);
  }

  async sessionCookie(): Promise<string | undefined> {
    return (await this.#client.jar.get('auth', this.#client.baseUrl))?.value;
  }
}
