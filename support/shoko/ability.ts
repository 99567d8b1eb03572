import { randomBytes } from 'node:crypto';
import type { HttpClient } from '../http/client';
import type { HttpResponse } from '../http/response';
import { secrets } from '../redaction/secrets';
import { ShokoDriver } from './driver';
import { uniqueSuffix } from '../core/unique';

export interface ShokoAccount {
  /** The login name as configured or created; Shoko matches it trimmed and in any letter case. */
  username: string;
  password: string;
  /** The user's id as the server shows it, learnt from the first key of this user that was probed. */
  id?: number;
}

/** What an actor can do with Shoko: their user, a client, the API key each device got, and their old passwords. */
export class ShokoAbility {
  readonly driver: ShokoDriver;
  /** Device name → the API key it was issued (kept even after the key is revoked, to try it again). */
  readonly keys = new Map<string, string>();
  /**
   * Device names on the wire carry this run's prefix (`authflow-k3f2a1-phone`), so a scenario never signs in
   * as, or revokes the key of, one of a real user's own devices.
   */
  readonly #devicePrefix = `authflow-${uniqueSuffix()}`;
  /** The key a device had before its latest sign-in, to compare the new one with. */
  previousKey: string | undefined;
  previousPassword: string | undefined;
  /** The answers to someone guessing this user's password, in order. */
  guesses: HttpResponse[] = [];

  constructor(
    readonly account: ShokoAccount,
    client: HttpClient,
  ) {
    this.driver = new ShokoDriver(client);
  }

  deviceName(label: string): string {
    return `${this.#devicePrefix}-${label}`;
  }

  keyOf(device: string): string {
    const key = this.keys.get(device);
    if (!key) throw new Error(`${this.account.username} has no API key for the "${device}" device yet`);
    return key;
  }

  /** A new password for this run only, registered as a secret; the old one is kept to try it again. */
  newPassword(): string {
    const password = `shoko-${randomBytes(12).toString('base64url')}`;
    secrets.add(password);
    return password;
  }
}

/** Creates a fresh Shoko user on the mock for one scenario, with a password generated for this run. */
export async function provisionShokoUser(control: HttpClient, name: string): Promise<ShokoAccount> {
  const account = { username: `${name}-${uniqueSuffix()}`, password: `shoko-${randomBytes(12).toString('base64url')}` };
  secrets.add(account.password);
  const response = await control.send('/_mock/users', { method: 'POST', json: account });
  if (response.status !== 201) throw new Error(`the Shoko mock refused to create ${name}'s user (${response.status})`);
  return account;
}
