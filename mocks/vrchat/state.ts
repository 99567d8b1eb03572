import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGuardrails, generateSecret, verifySync } from 'otplib';
import type { MockClock } from '../shared/clock';
import { NO_DEFECTS, type Defects } from '../shared/defects';
import { recordIssued } from '../shared/issued-secrets';
import type { Mailbox } from '../shared/mailbox';
import { choice } from '../shared/profile';

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
  /** Recent wrong codes (mock clock, ms, and the session they were tried in), for the brute-force lock. */
  failedCodes: { at: number; session: string }[];
  /** Times (mock clock, ms) of recent wrong passwords, for the password-guessing lock. */
  failedPasswordTimes: number[];
  /** The emailed code that completed the last login, kept only so the `vrchat-email-code-reusable` defect can replay it. */
  spentEmailCode: { code: string; expiresAt: number } | undefined;
  /** The newest emailed code, kept only to play the defect of one code per account that use does not spend. */
  currentEmailCode?: { code: string; expiresAt: number };
  createdAt: Date;
  lastLogin: Date | undefined;
}

export interface Session {
  token: string;
  userId: string;
  state: 'pending' | 'authenticated';
  methods: TwoFactorMethod[];
  emailCode: { code: string; expiresAt: number } | undefined;
  /** A cookie the device sent at login (kept only to play the defect that promotes it when the login completes). */
  adoptOnCompletion?: string;
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
const DELETION_DELAY_MS = 14 * 24 * 3600_000;
/** Wrong codes allowed per account within the window before every verification answers 429. */
// Assumption VR-002 (specs/assumptions.yaml)
export const codeAttemptLimit = () => choice('VR-002').codeLimit;
/**
 * Wrong passwords allowed per account within the window before every login (the right password too) is held back
 * with VRChat's observed answer: 401 "Invalid Username/Email or Password" with `retry-after: 300` (vrchat-auth.md §4).
 */
// Assumption VR-003 (specs/assumptions.yaml) (limit and hold in the profile)
/** A code is accepted one 30-second step (two in the alternate profile) either side of the clock (ASVS 6.5.5). */
// Assumption VR-014 (specs/assumptions.yaml)
const totpToleranceSeconds = () => choice('VR-014').totpDriftSteps * TOTP_STEP_SECONDS;
const WIDE_WINDOW = createGuardrails({ MAX_WINDOW: 200 });

/** Everything the VRChat mock remembers: accounts, sessions (`auth` cookies) and devices (`twoFactorAuth`). */
export class VrchatState {
  readonly users = new Map<string, VrchatUser>();
  readonly sessions = new Map<string, Session>();
  readonly devices = new Map<string, string>();
  /** Device token → the session its login opened (kept only to play the defect that hands that session back). */
  readonly deviceSessions = new Map<string, string>();
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
      failedCodes: [],
      failedPasswordTimes: [],
      spentEmailCode: undefined,
      createdAt: this.clock.date(),
      lastLogin: undefined,
    };
    this.users.set(user.id, user);
    recordIssued(...user.recoveryCodes.map((entry) => entry.code));
    return user;
  }

  /** "Username" may be the username or the email address, matched case-insensitively. */
  // Assumption VR-025 (specs/assumptions.yaml)
  findByLogin(login: string): VrchatUser | undefined {
    const wanted = login.toLowerCase();
    const caseSensitive = choice('VR-025').usernameCaseSensitive;
    return [...this.users.values()].find(
      (user) => (caseSensitive ? user.username === login : user.username.toLowerCase() === wanted) || user.email.toLowerCase() === wanted,
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

  /** `token` is only ever the client's own cookie under the `vrchat-session-fixation` defect. */
  startSession(user: VrchatUser, state: Session['state'], token = `authcookie_${randomUUID()}`): Session {
    const session: Session = {
      token,
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
    const owner = this.users.get(session.userId);
    if (owner && session.emailCode) owner.spentEmailCode = session.emailCode;
    session.state = 'authenticated';
    session.methods = [];
    session.emailCode = undefined;
    if (session.adoptOnCompletion) this.sessions.set(session.adoptOnCompletion, { ...session, token: session.adoptOnCompletion, adoptOnCompletion: undefined });
    const user = this.users.get(session.userId);
    if (user) user.lastLogin = this.clock.date();
  }

  userOf(session: Session): VrchatUser {
    const user = this.users.get(session.userId);
    if (!user) throw new Error(`session of a deleted user ${session.userId}`);
    return user;
  }

  /** A remembered device: `twoFactorAuth` is three dot-separated base64url parts, signed by the mock. */
  // Assumption VR-012 (specs/assumptions.yaml)
  rememberDevice(user: VrchatUser): string {
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const claims = choice('VR-012').deviceTokenNamesUser ? { userId: user.id, nonce: randomUUID(), iat: Math.floor(this.clock.now() / 1000) } : { jti: randomUUID() };
    const payload = base64url(JSON.stringify(claims));
    const signature = createHmac('sha256', this.#deviceKey).update(`${header}.${payload}`).digest('base64url');
    const token = `${header}.${payload}.${signature}`;
    this.devices.set(token, user.id);
    recordIssued(token);
    return token;
  }

  /** Checks an authenticator code against a secret with ±1 step of drift, refusing replays of spent steps; spends its step. */
  checkTotp(user: VrchatUser, code: string, secret: string | undefined = user.totpSecret): boolean {
    const step = this.#acceptableStep(user, code, secret);
    if (step === undefined) return false;
    if (step !== 'any') user.lastTotpStep = step;
    return true;
  }

  /** A login's authenticator code, checked and spent at once (the `vrchat-totp-race` defect puts a round trip between). */
  async redeemTotp(user: VrchatUser, code: string): Promise<boolean> {
    const step = this.#acceptableStep(user, code, user.totpSecret);
    if (step === undefined) return false;
    if (this.defects.has('vrchat-totp-race')) await sleep(50);
    if (step !== 'any') user.lastTotpStep = step;
    return true;
  }

  /** The time step a code belongs to, if it is valid and not spent ('any' when any code would do). */
  #acceptableStep(user: VrchatUser, code: string, secret: string | undefined): number | 'any' | undefined {
    if (!secret || !/^\d{6}$/.test(code)) return undefined;
    if (this.defects.has('vrchat-any-code-verifies')) return 'any';
    const epoch = Math.floor(this.clock.now() / 1000);
    // The defect looks an hour back (otplib's guardrails must be widened for that many steps).
    const result = this.defects.has('vrchat-totp-no-lifetime')
      ? verifySync({ secret, token: code, epoch, epochTolerance: [3600, totpToleranceSeconds()], guardrails: WIDE_WINDOW })
      : verifySync({ secret, token: code, epoch, epochTolerance: totpToleranceSeconds() });
    if (!result.valid) return undefined;
    const step = Math.floor(epoch / TOTP_STEP_SECONDS) + result.delta;
    const spent = user.lastTotpStep !== undefined && (this.totpReuseAllowed ? step < user.lastTotpStep : step <= user.lastTotpStep);
    // Assumption VR-014 (specs/assumptions.yaml)
    if (spent && !this.defects.has('vrchat-totp-replay') && !this.defects.has('vrchat-totp-replay-slow-login') && choice('VR-014').replayProtection) return undefined;
    return step;
  }

  /** An unused recovery code, marked used at once (the `vrchat-recovery-code-race` defect puts a round trip between). */
  async useRecoveryCode(user: VrchatUser, code: string): Promise<boolean> {
    const found = user.recoveryCodes.find((entry) => !entry.used && entry.code === code.trim());
    if (!found) return false;
    if (this.defects.has('vrchat-recovery-code-race')) await sleep(50);
    // Assumption VR-015 (specs/assumptions.yaml)
    if (!this.defects.has('vrchat-recovery-code-reusable') && choice('VR-015').consumed) found.used = true;
    return true;
  }

  /** The password exactly as set: no case folding, no trimming (ASVS 6.2.8). */
  passwordMatches(user: VrchatUser, password: string): boolean {
    if (this.defects.has('vrchat-password-ignores-case')) return user.password.toLowerCase() === password.toLowerCase();
    return user.password === password;
  }

  /** The code mailed for this very login, unexpired: a code is bound to its session and spent with it. */
  checkEmailCode(session: Session, code: string): boolean {
    const matches = (expected: Session['emailCode']) =>
      !!expected && (expected.expiresAt > this.clock.now() || this.defects.has('vrchat-email-code-never-expires')) && expected.code === code.trim();
    if (this.defects.has('vrchat-email-code-replaced-not-spent')) return matches(this.users.get(session.userId)?.currentEmailCode);
    if (matches(session.emailCode)) return true;
    const ofAccount = (other: Session) => other.userId === session.userId && matches(other.emailCode);
    const unbound = this.defects.has('vrchat-email-code-any-login-of-account') || this.defects.has('vrchat-email-code-race');
    if (unbound && [...this.sessions.values()].some(ofAccount)) return true;
    if (this.defects.has('vrchat-email-code-any-account') && [...this.sessions.values()].some((other) => matches(other.emailCode))) return true;
    // Assumption VR-005 (specs/assumptions.yaml)
    const { anySessionOfAccount, reusable } = choice('VR-005');
    if (anySessionOfAccount && [...this.sessions.values()].some((other) => other.userId === session.userId && matches(other.emailCode))) return true;
    return (this.defects.has('vrchat-email-code-reusable') || reusable) && matches(this.users.get(session.userId)?.spentEmailCode);
  }

  /** Wrong codes count per account, whichever login session they were tried in. */
  isLockedOut(user: VrchatUser, session?: Session): boolean {
    const since = this.clock.now() - choice('VR-002').codeWindowMs;
    user.failedCodes = user.failedCodes.filter((failure) => failure.at > since);
    const counted = (this.defects.has('vrchat-code-lock-per-session') || choice('VR-002').perSession) && session
      ? user.failedCodes.filter((failure) => failure.session === session.token)
      : user.failedCodes;
    return counted.length >= codeAttemptLimit() && !this.defects.has('vrchat-no-brute-force-lock');
  }

  recordWrongCode(user: VrchatUser, session?: Session): void {
    user.failedCodes.push({ at: this.clock.now(), session: session?.token ?? '' });
  }

  /** Whether logins to this account are held back after repeated wrong passwords (the right one too). */
  isPasswordLocked(user: VrchatUser): boolean {
    const { passwordLimit, passwordLockSeconds } = choice('VR-003');
    // The defect forgets nothing: wrong passwords count for good.
    const since = this.defects.has('vrchat-password-lock-never-lifts') ? Number.NEGATIVE_INFINITY : this.clock.now() - passwordLockSeconds * 1000;
    user.failedPasswordTimes = user.failedPasswordTimes.filter((time) => time > since);
    return user.failedPasswordTimes.length >= passwordLimit && !this.defects.has('vrchat-no-password-throttle');
  }

  recordWrongPassword(user: VrchatUser): void {
    user.failedPasswordTimes.push(this.clock.now());
  }

  /**
   * The right password starts the count again: the lock is for wrong passwords in a row. A mock choice (VRChat
   * documents no rule; vrchat-auth.md §4 records only the answer); an account that also logs in normally, as
   * the benchmark's does once a round, is never locked by its own occasional typo.
   */
  // Assumption VR-004 (specs/assumptions.yaml)
  forgetWrongPasswords(user: VrchatUser): void {
    if (choice('VR-004').rightPasswordForgetsFailures) user.failedPasswordTimes = [];
  }

  /**
   * Whether a `twoFactorAuth` cookie remembers this account's device: only a cookie the mock issued, unaltered,
   * to this very account.
   */
  remembersDevice(user: VrchatUser, device: string | undefined): boolean {
    if (device === undefined || this.defects.has('vrchat-device-not-remembered')) return false;
    const owner = this.devices.get(device);
    if (owner === user.id) return true;
    // Assumption VR-012 (specs/assumptions.yaml)
    if (owner !== undefined && (this.defects.has('vrchat-device-cookie-any-account') || choice('VR-012').anyAccount)) return true;
    const forgedOwner = this.#ownerOfForgedDevice(device);
    if (forgedOwner !== undefined) return forgedOwner === user.id;
    if (this.defects.has('vrchat-device-cookie-unsigned')) {
      try {
        const payload = JSON.parse(Buffer.from(device.split('.')[1] ?? '', 'base64url').toString('utf8')) as { userId?: unknown };
        return payload.userId === user.id;
      } catch {
        return false;
      }
    }
    return false;
  }

  /**
   * Only under a defect: the owner of an issued device cookie whose payload a forged one carries, when the forged
   * one says `alg: none` (`vrchat-device-cookie-alg-none`) or is signed with a key its own `jwk` header names
   * (`vrchat-device-cookie-embedded-key`). A correct mock knows a device cookie only as issued, signature and all.
   */
  #ownerOfForgedDevice(device: string): string | undefined {
    const [header = '', payload = '', signature = ''] = device.split('.');
    let claims: { alg?: unknown; jwk?: { kty?: unknown; k?: unknown } };
    try {
      claims = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      return undefined;
    }
    const unsigned = this.defects.has('vrchat-device-cookie-alg-none') && String(claims.alg).toLowerCase() === 'none';
    const ownKey = this.defects.has('vrchat-device-cookie-embedded-key') && claims.jwk?.kty === 'oct' && typeof claims.jwk.k === 'string'
      && createHmac('sha256', Buffer.from(claims.jwk.k, 'base64url')).update(`${header}.${payload}`).digest('base64url') === signature;
    if (!unsigned && !ownKey) return undefined;
    return [...this.devices].find(([issued]) => issued.split('.')[1] === payload)?.[1];
  }

  startEnrolment(user: VrchatUser): string {
    user.pendingTotpSecret = generateSecret();
    recordIssued(user.pendingTotpSecret);
    return user.pendingTotpSecret;
  }

  finishEnrolment(user: VrchatUser): void {
    user.totpSecret = user.pendingTotpSecret;
    user.pendingTotpSecret = undefined;
    // Assumption VR-015 (specs/assumptions.yaml)
    if (choice('VR-015').keptOnReenrolment && user.recoveryCodes.length > 0) return;
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

  // Assumption VR-018 (specs/assumptions.yaml)
  mailEmailConfirmation(user: VrchatUser, confirmUrl: (token: string) => string): void {
    user.emailConfirmationToken = `eml_${randomUUID()}`;
    recordIssued(user.emailConfirmationToken);
    const link = confirmUrl(user.emailConfirmationToken);
    this.#sendWithLink(
      choice('VR-018').mail === 'plain'
        ? { from: 'noreply@vrchat.mock', to: user.email, subject: 'Confirm your VRChat email address', text: `Hello ${user.displayName},\n\nconfirm your email address by opening this link:\n${link}\n` }
        : { from: 'VRChat <accounts@mail.vrchat.mock>', to: user.email, subject: 'VRChat: please verify your email', text: `Welcome to VRChat!\n\nVerify your email: ${link}\n\nDidn't sign up? Ignore this email.\n` },
    );
  }

  // Assumption VR-016 (specs/assumptions.yaml)
  // Assumption VR-018 (specs/assumptions.yaml)
  mailLoginPlaceCheck(user: VrchatUser, verifyUrl: (token: string) => string): void {
    user.loginPlaceToken = randomBytes(24).toString('base64url');
    recordIssued(user.loginPlaceToken);
    const link = verifyUrl(user.loginPlaceToken);
    this.#sendWithLink(
      choice('VR-018').mail === 'plain'
        ? { from: 'noreply@vrchat.mock', to: user.email, subject: 'New login location', text: `Hello ${user.displayName},\n\nsomeone is logging in from somewhere new. If it was you, confirm it here:\n${link}\n` }
        : { from: 'VRChat <accounts@mail.vrchat.mock>', to: user.email, subject: 'VRChat: was this you?', text: `A login to your VRChat account came from a new place.\n\nAllow it: ${link}\n` },
    );
  }

  /** A mail whose link the reader opens; the switch adds a help link after it (several links, VR-018). */
  // Assumption VR-018 (specs/assumptions.yaml)
  #sendWithLink(mail: { from: string; to: string; subject: string; text: string }): void {
    this.mailbox.send(choice('VR-018').helpLink ? { ...mail, text: `${mail.text}\nQuestions? https://help.vrchat.mock/hc/articles/email\n` } : mail);
  }

  // Assumption VR-005 (specs/assumptions.yaml)
  // Assumption VR-018 (specs/assumptions.yaml)
  private mailLoginCode(user: VrchatUser, session: Session): void {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const ttlMs = choice('VR-005').emailCodeTtlMs;
    session.emailCode = { code, expiresAt: this.clock.now() + ttlMs };
    user.currentEmailCode = session.emailCode;
    recordIssued(code);
    this.mailbox.send(
      choice('VR-018').mail === 'plain'
        ? { from: 'noreply@vrchat.mock', to: user.email, subject: 'Your One-Time Code', text: `Hello ${user.displayName},\n\nyour one-time login code is ${code}. It expires in 15 minutes.\n` }
        : { from: 'VRChat <accounts@mail.vrchat.mock>', to: user.email, subject: `${code} is your VRChat login code`, text: `Hi ${user.displayName},\n\n${code}\n\nEnter it within ${ttlMs / 60_000} minutes to finish logging in.\n` },
    );
  }
}

// Assumption VR-015 (specs/assumptions.yaml)
function newRecoveryCodes(): string[] {
  const { recoveryCodeCount, recoveryCodeAlphabet } = choice('VR-015');
  const part = () => (recoveryCodeAlphabet === 'hex' ? randomBytes(4).toString('hex').slice(0, 4) : String(randomInt(0, 10_000)).padStart(4, '0'));
  return Array.from({ length: recoveryCodeCount }, () => `${part()}-${part()}`);
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
