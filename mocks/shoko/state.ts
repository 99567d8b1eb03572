import { createHash, randomUUID } from 'node:crypto';
import { NO_DEFECTS, type Defects } from '../shared/defects';
import { recordIssued } from '../shared/issued-secrets';

export interface ShokoUser {
  id: number;
  username: string;
  /** SHA-512 hex of the trimmed password, as Shoko stores it (`Security/Digest.cs`). */
  passwordHash: string;
  isAdmin: boolean;
}

interface ApiKey {
  token: string;
  userId: number;
  device: string;
}

export function hashPassword(password: string): string {
  return password.trim() === '' ? '' : createHash('sha512').update(password.trim(), 'utf8').digest('hex');
}

/**
 * Shoko's users and API keys (v4.2 era): at most one key per (user, device), the same key again for the same
 * device, keys matched case-insensitively on use but exactly on deletion.
 */
export class ShokoState {
  readonly users = new Map<number, ShokoUser>();
  readonly #keys: ApiKey[] = [];
  #nextUserId = 1;

  constructor(readonly defects: Defects = NO_DEFECTS) {}

  createUser(username: string, password: string, isAdmin = false): ShokoUser {
    const user = { id: this.#nextUserId++, username, passwordHash: hashPassword(password), isAdmin };
    this.users.set(user.id, user);
    return user;
  }

  authenticate(username: string, password: string): ShokoUser | undefined {
    const wanted = username.trim().toLowerCase();
    const user = [...this.users.values()].find((candidate) => candidate.username.toLowerCase() === wanted);
    return user && user.passwordHash === hashPassword(password) ? user : undefined;
  }

  /** The existing key of this device, or a new lowercase GUID. */
  keyFor(user: ShokoUser, device: string): string {
    const normalised = device.trim().toLowerCase();
    const existing = this.#keys.find((key) => key.userId === user.id && key.device === normalised);
    if (existing && !this.defects.has('shoko-new-key-every-sign-in')) return existing.token;
    const token = randomUUID().toLowerCase();
    recordIssued(token);
    this.#keys.push({ token, userId: user.id, device: normalised });
    return token;
  }

  /** Lookup on use trims and lowercases, so a key works whatever its case. */
  userOfKey(candidate: string): ShokoUser | undefined {
    const wanted = candidate.trim().toLowerCase();
    const key = this.#keys.find((entry) => entry.token === wanted);
    return key ? this.users.get(key.userId) : undefined;
  }

  /** Deletion matches exactly: an upper-cased key deletes nothing. */
  deleteKey(token: string): number {
    if (this.defects.has('shoko-deleted-key-still-valid')) return 0;
    const matches = (stored: string) => (this.defects.has('shoko-delete-ignores-case') ? stored === token.toLowerCase() : stored === token);
    const before = this.#keys.length;
    for (let index = this.#keys.length - 1; index >= 0; index -= 1) {
      if (matches(this.#keys[index]?.token ?? '')) this.#keys.splice(index, 1);
    }
    return before - this.#keys.length;
  }

  changePassword(user: ShokoUser, password: string): void {
    user.passwordHash = hashPassword(password);
    if (this.defects.has('shoko-password-change-keeps-keys')) return;
    for (let index = this.#keys.length - 1; index >= 0; index -= 1) {
      if (this.#keys[index]?.userId === user.id) this.#keys.splice(index, 1);
    }
  }
}
