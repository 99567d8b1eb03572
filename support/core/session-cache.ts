import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeFileWhole } from '../coordination/whole-file';
import { secrets } from '../redaction/secrets';

/** Cookie name → value: what it takes to resume a session. */
export type CachedSession = Record<string, string>;

/**
 * Sessions kept between scenarios and runs against real servers, so that a scenario that only needs a logged-in
 * user does not log in again (VRChat limits sessions per account, and each login costs a 2FA code). One JSON file,
 * git-ignored and readable by its owner only, shared by parallel workers: each read goes to the file, each write
 * replaces it whole, so a worker never sees half a file. A session the server refuses is
 * dropped by its user.
 */
export class SessionCache {
  constructor(readonly file = process.env.AUTHFLOW_SESSION_CACHE ?? resolve(__dirname, '../../.authflow-state/sessions.json')) {}

  get(key: string): CachedSession | undefined {
    const session = this.#read()[key];
    Object.values(session ?? {}).forEach((value) => secrets.add(value));
    return session;
  }

  set(key: string, session: CachedSession): void {
    this.#write({ ...this.#read(), [key]: session });
  }

  drop(key: string): void {
    const all = this.#read();
    delete all[key];
    this.#write(all);
  }

  #read(): Record<string, CachedSession> {
    if (!existsSync(this.file)) return {};
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, CachedSession>;
    } catch {
      return {}; // a damaged cache only costs a login
    }
  }

  #write(all: Record<string, CachedSession>): void {
    writeFileWhole(this.file, JSON.stringify(all), 0o600);
  }
}
