import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { generateSecret, verifySync } from 'otplib';
import type { MockClock } from '../shared/clock';
import { NO_DEFECTS, type Defects } from '../shared/defects';
import { recordIssued } from '../shared/issued-secrets';
import type { Mailbox } from '../shared/mailbox';

export type TwoFactorMethod = 'totp' | 'otp' | 'emailOtp';

export interface RecoveryCode {
  code: string;
  used: boolean;
}

export interface DeletionLogEntry {
  message: 'Deletion requested' | 'Deletion canceled';
  deletionScheduled: string | null;
  dateTime: string;
}

export interface VrchatUser {
  id: string;
  username: string;
  displayName: string;
  email: string;
  password: string;
  totpSecret: string | undefined;
  pendingTotpSecret: string | undefined;
  recoveryCodes: RecoveryCode[];
  emailVerified: boolean;
  emailConfirmationToken: string | undefined;
  /** Set when the next Basic login must first be confirmed from the account's mailbox. */
  loginPlaceToken: string | undefined;
  requiresLoginPlaceCheck: boolean;
  deletionScheduledFor: Date | undefined;
  deletionLog: DeletionLogEntry[];
  /** The highest TOTP time step already accepted: a code of that step or older is a replay. */
  lastTotpStep: number | undefined;
  /** Times (mock clock, ms) of recent wrong codes, for the brute-force lock. */
  failedCodeTimes: number[];
  createdAt: Date;
  lastLogin: Date | undefined;
}

export interface Session {
  token: string;
  userId: string;
  state: 'pending' | 'authenticated';
  methods: TwoFactorMethod[];
  emailCode: { code: string; expiresAt: number } | undefined;
}

export interface NewUser {
  username: string;
  displayName?: string;
  email: string;
  password: string;
  totpSecret?: string;
  recoveryCodes?: string[];
  requiresLoginPlaceCheck?: boolean;
}

const TOTP_STEP_SECONDS = 30;
const EMAIL_CODE_TTL_MS = 15 * 60_000;
const DELETION_DELAY_MS = 14 * 24 * 3600_000;
/** Wrong codes allowed per account within the window before every verification answers 429. */
export const CODE_ATTEMPT_LIMIT = 5;
const CODE_ATTEMPT_WINDOW_MS = 5 * 60_000;

/** Everything the VRChat mock remembers: accounts, sessions (`auth` cookies) and devices (`twoFactorAuth`). */
export class VrchatState {
  readonly users = new Map<string, VrchatUser>();
  readonly sessions = new Map<string, Session>();
  readonly devices = new Map<string, string>();
  readonly #deviceKey = randomBytes(32);
  /**
   * For the benchmark only (`npm run mocks -- --bench`): a code may be used again within its own 30-second step,
   * so a workload that verifies twice per round never waits for a window. An older step is still a replay.
   */
  totpReuseAllowed = false;

  constructor(
    readonly clock: MockClock,
    readonly mailbox: Mailbox,
    readonly defects: Defects = NO_DEFECTS,
  ) {}

  createUser(input: NewUser): VrchatUser {
    const user: VrchatUser = {
      id: `usr_${randomUUID()}`,
      username: input.username,
      displayName: input.displayName ?? input.username,
      email: input.email,
      password: input.password,
      totpSecret: input.totpSecret,
      pendingTotpSecret: undefined,
      recoveryCodes: (input.recoveryCodes ?? (input.totpSecret ? newRecoveryCodes() : [])).map((code) => ({ code, used: false })),
      emailVerified: false,
      emailConfirmationToken: undefined,
      loginPlaceToken: undefined,
      requiresLoginPlaceCheck: input.requiresLoginPlaceCheck ?? false,
      deletionScheduledFor: undefined,
      deletionLog: [],
      lastTotpStep: undefined,
      failedCodeTimes: [],
      createdAt: this.clock.date(),
      lastLogin: undefined,
    };
    this.users.set(user.id, user);
    recordIssued(...user.recoveryCodes.map((entry) => entry.code));
    return user;
  }

  /** "Username" may be the username or the email address, matched case-insensitively. */
  findByLogin(login: string): VrchatUser | undefined {
    const wanted = login.toLowerCase();
    return [...this.users.values()].find(
      (user) => user.username.toLowerCase() === wanted || user.email.toLowerCase() === wanted,
    );
  }

  findByName(field: 'username' | 'email' | 'displayName', value: string, excludeUserId?: string): VrchatUser | undefined {
    const wanted = value.toLowerCase();
    return [...this.users.values()].find((user) => user.id !== excludeUserId && user[field].toLowerCase() === wanted);
  }

  /** The methods a login must pass: the authenticator (or a recovery code) when enrolled, else a mailed code. */
  challengeFor(user: VrchatUser): TwoFactorMethod[] {
    return user.totpSecret ? ['totp', 'otp'] : ['emailOtp'];
  }

  startSession(user: VrchatUser, state: Session['state']): Session {
    const session: Session = {
      token: `authcookie_${randomUUID()}`,
      userId: user.id,
      state,
      methods: state === 'pending' ? this.challengeFor(user) : [],
      emailCode: undefined,
    };
    this.sessions.set(session.token, session);
    recordIssued(session.token);
    if (state === 'authenticated') user.lastLogin = this.clock.date();
    if (session.methods.includes('emailOtp')) this.mailLoginCode(user, session);
    return session;
  }

  completeSession(session: Session): void {
    session.state = 'authenticated';
    session.methods = [];
    session.emailCode = undefined;
    const user = this.users.get(session.userId);
    if (user) user.lastLogin = this.clock.date();
  }

  userOf(session: Session): VrchatUser {
    const user = this.users.get(session.userId);
    if (!user) throw new Error(`session of a deleted user ${session.userId}`);
    return user;
  }

  /** A remembered device: `twoFactorAuth` is three dot-separated base64url parts, signed by the mock. */
  rememberDevice(user: VrchatUser): string {
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = base64url(JSON.stringify({ userId: user.id, nonce: randomUUID(), iat: Math.floor(this.clock.now() / 1000) }));
    const signature = createHmac('sha256', this.#deviceKey).update(`${header}.${payload}`).digest('base64url');
    const token = `${header}.${payload}.${signature}`;
    this.devices.set(token, user.id);
    recordIssued(token);
    return token;
  }

  /** Checks an authenticator code against a secret with ±1 step of drift, refusing replays of spent steps. */
  checkTotp(user: VrchatUser, code: string, secret: string | undefined = user.totpSecret): boolean {
    if (!secret || !/^\d{6}$/.test(code)) return false;
    if (this.defects.has('vrchat-any-code-verifies')) return true;
    const epoch = Math.floor(this.clock.now() / 1000);
    const result = verifySync({ secret, token: code, epoch, epochTolerance: TOTP_STEP_SECONDS });
    if (!result.valid) return false;
    const step = Math.floor(epoch / TOTP_STEP_SECONDS) + result.delta;
    const spent = user.lastTotpStep !== undefined && (this.totpReuseAllowed ? step < user.lastTotpStep : step <= user.lastTotpStep);
    if (spent && !this.defects.has('vrchat-totp-replay')) return false;
    user.lastTotpStep = step;
    return true;
  }

  useRecoveryCode(user: VrchatUser, code: string): boolean {
    const found = user.recoveryCodes.find((entry) => !entry.used && entry.code === code.trim());
    if (!found) return false;
    if (!this.defects.has('vrchat-recovery-code-reusable')) found.used = true;
    return true;
  }

  checkEmailCode(session: Session, code: string): boolean {
    const expected = session.emailCode;
    const fresh = !!expected && (expected.expiresAt > this.clock.now() || this.defects.has('vrchat-email-code-never-expires'));
    return fresh && expected?.code === code.trim();
  }

  isLockedOut(user: VrchatUser): boolean {
    const since = this.clock.now() - CODE_ATTEMPT_WINDOW_MS;
    user.failedCodeTimes = user.failedCodeTimes.filter((time) => time > since);
    return user.failedCodeTimes.length >= CODE_ATTEMPT_LIMIT && !this.defects.has('vrchat-no-brute-force-lock');
  }

  recordWrongCode(user: VrchatUser): void {
    user.failedCodeTimes.push(this.clock.now());
  }

  startEnrolment(user: VrchatUser): string {
    user.pendingTotpSecret = generateSecret();
    recordIssued(user.pendingTotpSecret);
    return user.pendingTotpSecret;
  }

  finishEnrolment(user: VrchatUser): void {
    user.totpSecret = user.pendingTotpSecret;
    user.pendingTotpSecret = undefined;
    user.recoveryCodes = newRecoveryCodes().map((code) => ({ code, used: false }));
    recordIssued(...user.recoveryCodes.map((entry) => entry.code));
  }

  disableTwoFactor(user: VrchatUser): void {
    user.totpSecret = undefined;
    user.pendingTotpSecret = undefined;
    user.recoveryCodes = [];
    user.lastTotpStep = undefined;
  }

  scheduleDeletion(user: VrchatUser): void {
    const now = this.clock.now();
    user.deletionScheduledFor = new Date(now + DELETION_DELAY_MS);
    user.deletionLog.push({
      message: 'Deletion requested',
      deletionScheduled: user.deletionScheduledFor.toISOString(),
      dateTime: new Date(now).toISOString(),
    });
  }

  /** Any authenticated request after a deletion request cancels it. */
  cancelDeletion(user: VrchatUser): void {
    if (!user.deletionScheduledFor) return;
    user.deletionScheduledFor = undefined;
    user.deletionLog.push({ message: 'Deletion canceled', deletionScheduled: null, dateTime: this.clock.date().toISOString() });
  }

  mailEmailConfirmation(user: VrchatUser, confirmUrl: (token: string) => string): void {
    user.emailConfirmationToken = `eml_${randomUUID()}`;
    recordIssued(user.emailConfirmationToken);
    this.mailbox.send({
      from: 'noreply@vrchat.mock',
      to: user.email,
      subject: 'Confirm your VRChat email address',
      text: `Hello ${user.displayName},\n\nconfirm your email address by opening this link:\n${confirmUrl(user.emailConfirmationToken)}\n`,
    });
  }

  mailLoginPlaceCheck(user: VrchatUser, verifyUrl: (token: string) => string): void {
    user.loginPlaceToken = randomBytes(24).toString('base64url');
    recordIssued(user.loginPlaceToken);
    this.mailbox.send({
      from: 'noreply@vrchat.mock',
      to: user.email,
      subject: 'New login location',
      text: `Hello ${user.displayName},\n\nsomeone is logging in from somewhere new. If it was you, confirm it here:\n${verifyUrl(user.loginPlaceToken)}\n`,
    });
  }

  private mailLoginCode(user: VrchatUser, session: Session): void {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    session.emailCode = { code, expiresAt: this.clock.now() + EMAIL_CODE_TTL_MS };
    recordIssued(code);
    this.mailbox.send({
      from: 'noreply@vrchat.mock',
      to: user.email,
      subject: 'Your One-Time Code',
      text: `Hello ${user.displayName},\n\nyour one-time login code is ${code}. It expires in 15 minutes.\n`,
    });
  }
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: 6 }, () => `${randomBytes(4).toString('hex').slice(0, 4)}-${randomBytes(4).toString('hex').slice(0, 4)}`);
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
