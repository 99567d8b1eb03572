import { randomBytes } from 'node:crypto';
import type { HttpClient } from '../http/client';
import type { HttpResponse } from '../http/response';
import { secrets } from '../redaction/secrets';
import { EnhanceDriver, type AuthMethod } from './driver';

export interface EnhanceAccount {
  id: string;
  email: string;
  name: string;
  password: string;
  authMethod: AuthMethod;
  otpSecret: string | undefined;
  /** The organisation it is a member of, and the membership an SSO link names. */
  orgId: string;
  memberId: string | undefined;
}

/** One of the actor's devices: its own cookie jar, a device id for "remember me", and its session once listed. */
export interface EnhanceDevice {
  client: HttpClient;
  deviceId: string;
  sessionId: string | undefined;
}

/**
 * What an actor can do with the Enhance panel: their login, their devices (each a client with its own cookie
 * jar), and what they keep between steps (the PIN they read, a session cookie they noted, a mailed link…).
 */
export class EnhanceAbility {
  readonly devices: EnhanceDevice[] = [];
  lastPin: string | undefined;
  previousPin: string | undefined;
  lastAuthenticatorCode: string | undefined;
  /** The 30-second step of `lastAuthenticatorCode`. */
  lastAuthenticatorStep: number | undefined;
  /** A password a change or a reset tried to set and the panel refused. */
  refusedPassword: string | undefined;
  /** Two devices with a sign-in waiting for its second factor, the first signed in first, each with its PIN if mailed. */
  twoDevices: { device: EnhanceDevice; pin: string | undefined; pendingCookie: string | undefined }[] = [];
  /** Answers from one step (requests sent at the same moment, probes of several operations). */
  answers: { what: string; response: HttpResponse }[] = [];
  keptSessionCookie: string | undefined;
  recoveryLink: string | undefined;
  ssoLink: string | undefined;
  previousPassword: string | undefined;
  /** The scenario tried to upload an avatar (a borrowed login's is removed afterwards). */
  uploadedAvatar = false;
  /** A login the environment lends (ENHANCE_EMAIL…), not one the scenario created: it must outlive the run unharmed. */
  borrowed = false;

  constructor(
    readonly account: EnhanceAccount,
    private readonly newClient: () => HttpClient,
  ) {
    this.switchDevice();
  }

  #current: EnhanceDevice | undefined;

  get device(): EnhanceDevice {
    const device = this.#current ?? this.devices.at(-1);
    if (!device) throw new Error('no device');
    return device;
  }

  /** One of the actor's devices becomes the current one again. */
  useDevice(device: EnhanceDevice): void {
    if (!this.devices.includes(device)) throw new Error('that device is not one of the actor\'s');
    this.#current = device;
  }

  get client(): HttpClient {
    return this.device.client;
  }

  get driver(): EnhanceDriver {
    return new EnhanceDriver(this.client);
  }

  /** Another device becomes the current one: no cookies, another device id. */
  switchDevice(): EnhanceDevice {
    const device = { client: this.newClient(), deviceId: randomBytes(16).toString('hex'), sessionId: undefined };
    this.devices.push(device);
    this.#current = device;
    return device;
  }

  /** A driver on a fresh client that does not become one of the actor's devices (a quick check elsewhere). */
  elsewhere(): EnhanceDriver {
    return new EnhanceDriver(this.newClient());
  }

  /** A clean client holding only the session cookie kept earlier. */
  replayingKeptSession(): Promise<EnhanceDriver> {
    if (!this.keptSessionCookie) throw new Error('no session cookie was kept to replay');
    return replayingSession(this.newClient(), this.keptSessionCookie);
  }

  /** `POST /login/sessions` from the current device. */
  async signIn(password = this.account.password, email = this.account.email): Promise<HttpResponse> {
    const response = await this.driver.createSession({ email, password, deviceId: this.device.deviceId });
    this.learnMembership(response);
    return response;
  }

  /**
   * A configured login's id and name are unknown until the panel shows it: its email address (the only login name
   * the panel takes, matched as at sign-in: trimmed, in any letter case) identifies it.
   */
  recognise(shown: { id: string; email: string; name: string }): void {
    const same = (email: string) => email.trim().toLowerCase();
    if (!this.account.id && typeof shown.email === 'string' && same(shown.email) === same(this.account.email)) Object.assign(this.account, { id: shown.id, name: shown.name });
  }

  /** A configured login's organisation and membership, from its first complete sign-in. */
  learnMembership(signedIn: HttpResponse): void {
    if (this.account.orgId || signedIn.status !== 200) return;
    const [first] = signedIn.json<{ memberships?: { orgId: string; memberId: string }[] }>().memberships ?? [];
    if (first) Object.assign(this.account, { orgId: first.orgId, memberId: first.memberId });
  }

  async sessionCookie(device = this.device): Promise<string | undefined> {
    return (await device.client.jar.get('id0', device.client.baseUrl))?.value;
  }

  /** A new password for this run only, registered as a secret. */
  static newPassword(): string {
    const password = `panel-${randomBytes(12).toString('base64url')}`;
    secrets.add(password);
    return password;
  }
}

/** A clean client holding only this session cookie: whatever it gets, only the server decided. */
export async function replayingSession(client: HttpClient, sessionCookie: string): Promise<EnhanceDriver> {
  await client.jar.put('id0', sessionCookie, client.baseUrl);
  return new EnhanceDriver(client);
}
