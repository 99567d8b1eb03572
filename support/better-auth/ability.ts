import { randomBytes } from 'node:crypto';
import type { HttpClient } from '../http/client';
import type { HttpResponse } from '../http/response';
import { secrets } from '../redaction/secrets';
import { BetterAuthDriver, type BetterAuthDevice } from './driver';

export interface BetterAuthAccount {
  name: string;
  email: string;
  password: string;
}

/** What a device of the actor holds: its client (and cookie jar) and the driver over it. */
export interface Device {
  label: string;
  client: HttpClient;
  driver: BetterAuthDriver;
}

/** Where an actor's devices connect, and how to make a new one (a client with an empty cookie jar). */
export interface DeviceMaker {
  newClient(): HttpClient;
  origin: string;
  /** The client address of a new device, when the run plays the proxy in front of its own server. */
  nextAddress?: () => string;
}

/**
 * What an actor can do with a better-auth application: their account, their devices (each a client with its own
 * cookies: "her laptop", "her phone"), and what they remember between steps: the authenticator secret and backup
 * codes, the last code or link they read, their API keys.
 */
export class BetterAuthAbility {
  readonly #devices = new Map<string, Device>();
  #current = 'browser';
  /** Who the account is on the server (set once the account exists). */
  userId: string | undefined;
  /** The base32 secret of the authenticator app, once one is switched on. */
  totpSecret: string | undefined;
  backupCodes: string[] = [];
  /** Backup codes replaced by new ones, kept to try them again. */
  oldBackupCodes: string[] = [];
  /** The last backup code or mailed code entered, kept to try it again. */
  lastCode: string | undefined;
  /** The last link read from a mail (a reset, sign-in or confirmation link), kept to open it again. */
  lastLink: string | undefined;
  /** The reset token of the last reset link, kept to try it again. */
  resetToken: string | undefined;
  previousPassword: string | undefined;
  previousEmail: string | undefined;
  /** The address a change is under way to. */
  newEmail: string | undefined;
  /** API keys by the name Bella gave them: the id, and the secret (shown once, at creation). */
  readonly apiKeys = new Map<string, { id: string; key: string }>();
  /** The API key this actor sent last (a made-up one, a deleted one), to ask who it stands for. */
  usedApiKey: string | undefined;
  /** A session cookie someone else put on the actor's device before the sign-in (session fixation). */
  plantedSessionCookie: string | undefined;
  /** Answers to this actor's attempts at someone else's things (reading and deleting a key), in order. */
  attempts: HttpResponse[] = [];
  /** A device whose full session is kept to delete the account after the scenario (real deployments only). */
  cleanupDevice: string | undefined;
  /** The account is gone (deleted by the scenario): nothing to clean up on the server. */
  deleted = false;

  constructor(
    readonly account: BetterAuthAccount,
    private readonly devices: DeviceMaker,
  ) {}

  /** The device in use ("browser" until a step names another). */
  get device(): Device {
    return this.on(this.#current);
  }

  get driver(): BetterAuthDriver {
    return this.device.driver;
  }

  /** The named device, created on first mention, and from now on the one in use. */
  use(label: string): Device {
    this.#current = label;
    return this.on(label);
  }

  /** The named device, created on first mention, without switching to it. */
  on(label: string): Device {
    let device = this.#devices.get(label);
    if (!device) {
      const client = this.devices.newClient();
      const where: BetterAuthDevice = { origin: this.devices.origin, clientAddress: this.devices.nextAddress?.() };
      device = { label, client, driver: new BetterAuthDriver(client, where) };
      this.#devices.set(label, device);
    }
    return device;
  }

  allDevices(): Device[] {
    return [...this.#devices.values()];
  }
}

/** A password of `length` characters (at least 12, as the hardened configuration asks), registered as a secret. */
export function strongPassword(length = 24): string {
  const password = `Ba-${randomBytes(length).toString('base64url')}`.slice(0, length);
  secrets.add(password);
  return password;
}
