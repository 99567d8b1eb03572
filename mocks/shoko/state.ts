import { createHash, randomUUID } from 'node:crypto';
import { NO_DEFECTS, type Defects } from '../shared/defects';
import { recordIssued } from '../shared/issued-secrets';
import { choice } from '../shared/profile';

export interface ShokoUser {
  id: number;
  username: string;
  /** SHA-512 hex of the trimmed password, as Shoko stores it (`Security/Digest.cs`). */
  passwordHash: string;
  isAdmin: boolean;
}

/** With `shoko-wrong-passwords-lock-user`, this many wrong passwords lock the user out for good. */
const DEFECTIVE_LOCKOUT_AFTER = 5;

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
  /** Keys deleted while `shoko-password-change-with-deleted-key` is on: marked deleted rather than removed. */
  readonly #deletedKeys: ApiKey[] = [];
  /** Wrong passwords per user id: only `shoko-wrong-passwords-lock-user` acts on the count (Shoko has none). */
  readonly #wrongPasswords = new Map<number, number>();
  #nextUserId = 1;

  constructor(readonly defects: Defects = NO_DEFECTS) {}

  createUser(username: string, password: string, isAdmin = false): ShokoUser {
    const user = { id: this.#nextUserId++, username, passwordHash: this.#hash(password), isAdmin };
    this.users.set(user.id, user);
    return user;
  }

  /** Shoko's digest of a password (trimmed, a documented deviation); the defect lower-cases it first. */
  #hash(password: string): string {
    return hashPassword(this.defects.has('shoko-password-ignores-case') ? password.toLowerCase() : password);
  }

  userNamed(username: string): ShokoUser | undefined {
    const wanted = username.trim().toLowerCase();
    return [...this.users.values()].find((candidate) => candidate.username.toLowerCase() === wanted);
  }

  /** Every wrong password is answered at once and counted nowhere: v4.2 has no throttling or lockout. */
  // Assumption SH-007 (specs/assumptions.yaml)
  authenticate(username: string, password: string): ShokoUser | undefined {
    const user = this.userNamed(username);
    if (!user) return undefined;
    const wrong = this.#wrongPasswords.get(user.id) ?? 0;
    const locked = this.defects.has('shoko-wrong-passwords-lock-user') && wrong >= DEFECTIVE_LOCKOUT_AFTER;
    // The alternate profile plays a proxy in front of Shoko that blocks a user after many wrong passwords in a row.
    const throttleAfter = choice('SH-007').throttleAfter;
    const blocked = throttleAfter !== undefined && wrong >= throttleAfter;
    if (user.passwordHash === this.#hash(password) && !locked && !blocked) {
      if (throttleAfter !== undefined) this.#wrongPasswords.delete(user.id);
      return user;
    }
    this.#wrongPasswords.set(user.id, (this.#wrongPasswords.get(user.id) ?? 0) + 1);
    return undefined;
  }

  /** The key a user's device already has, if any (only `shoko-device-key-without-password` asks before the password). */
  existingKey(user: ShokoUser, device: string): string | undefined {
    const normalised = device.trim().toLowerCase();
    return this.#keys.find((key) => key.userId === user.id && key.device === normalised)?.token;
  }

  /** The existing key of this device, or a new lowercase GUID. */
  keyFor(user: ShokoUser, device: string): string {
    const normalised = device.trim().toLowerCase();
    const shared = this.defects.has('shoko-device-key-shared-between-users');
    const existing = this.#keys.find((key) => (shared || key.userId === user.id) && key.device === normalised);
    if (existing && !this.defects.has('shoko-new-key-every-sign-in')) return existing.token;
    const token = randomUUID().toLowerCase();
    recordIssued(token);
    this.#keys.push({ token, userId: user.id, device: normalised });
    return token;
  }

  /** Lookup on use trims and lowercases, so a key works whatever its case. */
  userOfKey(candidate: string, purpose: 'use' | 'password-change' = 'use'): ShokoUser | undefined {
    const wanted = candidate.trim().toLowerCase();
    const matches = (entry: ApiKey) =>
      this.defects.has('shoko-key-prefix-match') ? wanted.length >= 8 && entry.token.slice(0, 8) === wanted.slice(0, 8) : entry.token === wanted;
    const pool = purpose === 'password-change' && this.defects.has('shoko-password-change-with-deleted-key') ? [...this.#keys, ...this.#deletedKeys] : this.#keys;
    const key = pool.find(matches);
    return key ? this.users.get(key.userId) : undefined;
  }

  /** Deletion matches exactly: an upper-cased key deletes nothing. */
  deleteKey(token: string): number {
    if (this.defects.has('shoko-deleted-key-still-valid')) return 0;
    const matches = (stored: string) => (this.defects.has('shoko-delete-ignores-case') ? stored === token.toLowerCase() : stored === token);
    const before = this.#keys.length;
    for (let index = this.#keys.length - 1; index >= 0; index -= 1) {
      if (!matches(this.#keys[index]?.token ?? '')) continue;
      const [removed] = this.#keys.splice(index, 1);
      if (removed && this.defects.has('shoko-password-change-with-deleted-key')) this.#deletedKeys.push(removed);
    }
    return before - this.#keys.length;
  }

  changePassword(user: ShokoUser, password: string): void {
    user.passwordHash = this.#hash(password);
    if (this.defects.has('shoko-password-change-keeps-keys')) return;
    for (let index = this.#keys.length - 1; index >= 0; index -= 1) {
      if (this.#keys[index]?.userId === user.id) this.#keys.splice(index, 1);
    }
  }
}
