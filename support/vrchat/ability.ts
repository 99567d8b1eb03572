import type { HttpClient } from '../http/client';
import type { HttpResponse } from '../http/response';
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
  /** The 30-second step of `lastAuthenticatorCode`. */
  lastAuthenticatorStep: number | undefined;
  /** Session cookies the actor's devices held before, to tell a new session from an old one handed back. */
  readonly earlierSessionCookies: string[] = [];
  /** Two devices with a pending login each, the first logged in first (see loginOnTwoDevices), and the code mailed for each. */
  twoDevices: { client: HttpClient; emailCode: string | undefined }[] = [];
  /** Answers the actor got at once, or in a row, from one step (requests sent at the same moment, probes). */
  answers: { what: string; response: HttpResponse }[] = [];

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

  /** One of the actor's devices becomes the current one again. */
  useDevice(device: HttpClient): void {
    if (!this.devices.includes(device)) throw new Error(`that device is not one of ${this.account.username}'s`);
    this.#client = device;
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
