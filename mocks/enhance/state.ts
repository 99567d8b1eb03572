import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateSecret, verifySync } from 'otplib';
import type { MockClock } from '../shared/clock';
import { NO_DEFECTS, type Defects } from '../shared/defects';
import { recordIssued } from '../shared/issued-secrets';
import type { Mailbox } from '../shared/mailbox';
import { choice } from '../shared/profile';

export type AuthMethod = 'basic' | 'email' | 'otp';
export type Role = 'Owner' | 'SuperAdmin' | 'Business' | 'SiteAccess' | 'Support' | 'Sysadmin';

export interface Org {
  id: string;
  name: string;
  parentId: string | undefined;
}

export interface Login {
  id: string;
  /** The realm the login was created in: it may become a member of that realm's organisations only. */
  realmId: string;
  email: string;
  name: string;
  password: string;
  authMethod: AuthMethod;
  otpSecret: string | undefined;
  lastOtpStep: number | undefined;
  colorCode: string;
  registeredAt: Date;
  passwordLastChangedAt: Date | undefined;
  avatar: { contentType: string; bytes: number } | undefined;
  /** The login's newest PIN (kept only to play the defect of one PIN per login that use does not spend). */
  currentPin?: { pin: string; expiresAt: number };
}

export interface Membership {
  memberId: string;
  orgId: string;
  loginId: string;
  roles: Role[];
}

export interface Session {
  id: string;
  loginId: string;
  state: 'pending' | 'active';
  /** The `id0` value in force; a new one is issued when the session changes (2FA passed, PIN resent). */
  token: string;
  pin: string | undefined;
  /** PINs sent before the current one (kept only to play the defect of a resend that leaves them valid). */
  earlierPins: string[];
  /** `id0` values from before the second factor (kept only to play the defect that lets them stay valid). */
  formerTokens: string[];
  pinExpiresAt: number;
  /**
   * A change of the login's sign-in method waiting for the PIN that confirms it (EN-022): turning the second factor
   * off needs the PIN of the enabled method; the `to` method's PIN confirms a method being switched on.
   */
  methodChange: { to: AuthMethod; pinOf: AuthMethod; otpSecret: string | undefined } | undefined;
  createdAt: Date;
  userAgent: string;
  ipAddr: string;
}

export interface AccessToken {
  token: string;
  orgId: string;
  roles: Role[];
}

// Lifetimes of the PIN (EN-003), the SSO OTP (EN-009) and the recovery secret (EN-011), and the sign-in lock
// (EN-002) are the profile's (mocks/shared/profile.ts).
const TOTP_STEP_SECONDS = 30;

/** Everything the Enhance mock remembers: organisations, logins and memberships, sessions, tokens and one-time secrets. */
export class EnhanceState {
  readonly orgs = new Map<string, Org>();
  readonly logins = new Map<string, Login>();
  readonly memberships: Membership[] = [];
  readonly sessions = new Map<string, Session>();
  readonly accessTokens = new Map<string, AccessToken>();
  /** deviceId → login and expiry, for `rememberMe`. */
  readonly #devices = new Map<string, { loginId: string; expiresAt: number }>();
  readonly #recoverySecrets = new Map<string, { loginId: string; expiresAt: number }>();
  readonly #ssoOtps = new Map<string, { loginId: string; expiresAt: number }>();
  /** loginId → wrong passwords in a row, and until when the login is locked. */
  readonly #signInFailures = new Map<string, { count: number; lockedUntil: number }>();
  /** Recovery secrets already used, and whose (kept only to play the defect that still sets a password through them). */
  readonly #usedRecoverySecrets = new Map<string, string>();
  /** loginId → wrong second factors (PINs or authenticator codes) in a row, over every sign-in, and until when they are refused. */
  readonly #secondFactorFailures = new Map<string, { count: number; lockedUntil: number }>();
  /** loginId → PINs already used (kept only to play the defect that leaves them valid). */
  readonly #usedPins = new Map<string, { pin: string; expiresAt: number }[]>();
  readonly #jwtKey = randomBytes(32);
  /** The master organisation (MO) every realm hangs from. */
  readonly masterOrg: Org;

  constructor(
    readonly clock: MockClock,
    readonly mailbox: Mailbox,
    readonly defects: Defects = NO_DEFECTS,
  ) {
    this.masterOrg = this.createOrg('Authflow Hosting', undefined);
  }

  createOrg(name: string, parentId: string | undefined): Org {
    const org = { id: randomUUID(), name, parentId };
    this.orgs.set(org.id, org);
    return org;
  }

  /** The organisation and its ancestors, nearest first. */
  lineage(orgId: string): Org[] {
    const chain: Org[] = [];
    for (let org = this.orgs.get(orgId); org; org = org.parentId ? this.orgs.get(org.parentId) : undefined) chain.push(org);
    return chain;
  }

  /** The realm an organisation is in: the hosting company (a child of the MO) above it, or the MO itself. */
  realmOf(orgId: string): string {
    const lineage = this.lineage(orgId);
    return (lineage.find((org) => org.parentId === this.masterOrg.id) ?? this.masterOrg).id;
  }

  /** A login in the realm of `orgId`, a member of nothing yet (createMember makes it one). */
  createLogin(orgId: string, input: { email: string; name: string; password: string; authMethod?: AuthMethod }): Login {
    const login: Login = {
      id: randomUUID(),
      realmId: this.realmOf(orgId),
      email: input.email,
      name: input.name,
      password: input.password,
      authMethod: input.authMethod ?? 'basic',
      otpSecret: input.authMethod === 'otp' ? generateSecret() : undefined,
      lastOtpStep: undefined,
      colorCode: `#${randomBytes(3).toString('hex')}`,
      registeredAt: this.clock.date(),
      passwordLastChangedAt: undefined,
      avatar: undefined,
    };
    this.logins.set(login.id, login);
    return login;
  }

  /** The password exactly as set: no case folding, no trimming (ASVS 6.2.8). */
  passwordMatches(login: Login, password: string): boolean {
    if (this.defects.has('enhance-password-ignores-case')) return login.password.toLowerCase() === password.toLowerCase();
    return login.password === password;
  }

  // Assumption EN-021 (specs/assumptions.yaml)
  loginByEmail(email: string): Login | undefined {
    if (choice('EN-021').emailMatch === 'exact') return [...this.logins.values()].find((login) => login.email === email);
    const wanted = email.trim().toLowerCase();
    return [...this.logins.values()].find((login) => login.email.toLowerCase() === wanted);
  }

  /**
   * Whether a login is within a realm, as createSession's and startPasswordRecovery's `realmId` choose one (spec
   * text): created in it, or a member of it or of an organisation beneath it.
   */
  // Assumption EN-021 (specs/assumptions.yaml)
  inRealm(login: Login, realmId: string): boolean {
    if (login.realmId === realmId) return true;
    return this.membershipsOf(login.id).some((membership) => this.lineage(membership.orgId).some((org) => org.id === realmId));
  }

  addMembership(loginId: string, orgId: string, roles: Role[]): Membership {
    const membership = { memberId: randomUUID(), orgId, loginId, roles };
    this.memberships.push(membership);
    return membership;
  }

  membershipOf(loginId: string, orgId: string): Membership | undefined {
    return this.memberships.find((membership) => membership.loginId === loginId && membership.orgId === orgId);
  }

  membershipsOf(loginId: string): Membership[] {
    return this.memberships.filter((membership) => membership.loginId === loginId);
  }

  membersOf(orgId: string): Login[] {
    const ids = new Set(this.memberships.filter((membership) => membership.orgId === orgId).map((membership) => membership.loginId));
    return [...ids].flatMap((id) => this.logins.get(id) ?? []);
  }

  issueAccessToken(orgId: string, roles: Role[]): AccessToken {
    const token = { token: randomBytes(24).toString('base64url'), orgId, roles };
    this.accessTokens.set(token.token, token);
    recordIssued(token.token);
    return token;
  }

  // Sessions.

  startSession(login: Login, state: Session['state'], client: { userAgent: string; ipAddr: string }): Session {
    const session: Session = {
      id: randomUUID(),
      loginId: login.id,
      state,
      token: '',
      pin: undefined,
      earlierPins: [],
      formerTokens: [],
      pinExpiresAt: 0,
      methodChange: undefined,
      createdAt: this.clock.date(),
      ...client,
    };
    session.token = this.#sign(session);
    this.sessions.set(session.id, session);
    if (state === 'pending' && login.authMethod === 'email') this.mailPin(login, session);
    return session;
  }

  /** The session an `id0` value names, if its signature holds and it is still the session's current value. */
  sessionOfToken(token: string): Session | undefined {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload) return undefined;
    if (!signature) return this.defects.has('enhance-session-token-unsigned-accepted') && algOf(header) === 'none' ? sessionNamedBy(this, payload) : undefined;
    if (this.defects.has('enhance-session-token-signature-unchecked')) return sessionNamedBy(this, payload);
    const ownKey = this.defects.has('enhance-session-token-embedded-key') ? embeddedKeyOf(header) : undefined;
    if (ownKey) return createHmac('sha256', ownKey).update(`${header}.${payload}`).digest('base64url') === signature ? sessionNamedBy(this, payload) : undefined;
    const expected = createHmac('sha256', this.#jwtKey).update(`${header}.${payload}`).digest('base64url');
    if (expected !== signature) return undefined;
    // Assumption EN-007 (specs/assumptions.yaml)
    if (expiredToken(payload, this.clock.now())) return undefined;
    const session = sessionNamedBy(this, payload);
    if (session?.token === token) return session;
    return session?.formerTokens.includes(token) ? session : undefined;
  }

  /** Whether a sign-in of this login (or of this address no login has) is refused whatever the password (too many wrong ones in a row). */
  isLocked(loginId: string): boolean {
    if (this.defects.has('enhance-password-guessing-unlimited')) return false;
    return (this.#signInFailures.get(loginId)?.lockedUntil ?? 0) > this.clock.now();
  }

  /** Counts a wrong password; the tenth in a row (default profile) locks the login for a quarter of an hour. */
  // Assumption EN-002 (specs/assumptions.yaml)
  signInFailed(loginId: string): void {
    const { failuresBeforeLock, lockMs } = choice('EN-002');
    const entry = this.#signInFailures.get(loginId) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    const lockedFor = this.defects.has('enhance-password-lock-never-lifts') ? Number.POSITIVE_INFINITY : lockMs;
    if (entry.count >= failuresBeforeLock) Object.assign(entry, { count: 0, lockedUntil: this.clock.now() + lockedFor });
    this.#signInFailures.set(loginId, entry);
  }

  signInSucceeded(loginId: string): void {
    this.#signInFailures.delete(loginId);
  }

  /** Forgets the wrong passwords and second factors, and the locks they caused. */
  liftSignInLock(loginId: string): void {
    this.#signInFailures.delete(loginId);
    this.#secondFactorFailures.delete(loginId);
  }

  /**
   * Counts a wrong second factor. Each one ends its own sign-in; counted over every sign-in, so that a guesser who
   * knows the password cannot open sign-in after sign-in and guess on. At the profile's threshold the login is locked:
   * its sign-ins (default, the lock of EN-002) or its second factors (alternate) are refused for a while.
   */
  // Assumption EN-031 (specs/assumptions.yaml)
  secondFactorFailed(loginId: string): void {
    if (this.defects.has('enhance-pin-guessing-unlimited')) return;
    const { threshold, locks, lockMs } = choice('EN-031');
    const entry = this.#secondFactorFailures.get(loginId) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    if (entry.count >= threshold) {
      entry.count = 0;
      if (locks === 'second-factor') entry.lockedUntil = this.clock.now() + lockMs;
      else this.#signInFailures.set(loginId, { count: 0, lockedUntil: this.clock.now() + choice('EN-002').lockMs });
    }
    this.#secondFactorFailures.set(loginId, entry);
  }

  secondFactorPassed(loginId: string): void {
    this.#secondFactorFailures.delete(loginId);
  }

  /** Whether the login's second factors are refused whatever is entered (the alternate profile's lock, EN-031). */
  isSecondFactorLocked(loginId: string): boolean {
    return (this.#secondFactorFailures.get(loginId)?.lockedUntil ?? 0) > this.clock.now();
  }

  // Assumption EN-007 (specs/assumptions.yaml)
  activate(session: Session): void {
    if (session.pin && this.defects.has('enhance-used-pin-reusable')) {
      this.#usedPins.set(session.loginId, [...(this.#usedPins.get(session.loginId) ?? []), { pin: session.pin, expiresAt: session.pinExpiresAt }]);
    }
    session.state = 'active';
    session.pin = undefined;
    if (this.defects.has('enhance-session-fixation') || !choice('EN-007').renewedAfterSecondFactor) return;
    if (this.defects.has('enhance-pre-pin-cookie-upgraded')) session.formerTokens.push(session.token);
    session.token = this.#sign(session);
  }

  /** Removes sessions of a login, all of them or all but one. */
  endSessions(loginId: string, except?: string): void {
    for (const session of [...this.sessions.values()]) {
      if (session.loginId === loginId && session.id !== except) this.sessions.delete(session.id);
    }
  }

  /** A fresh PIN by mail; the previous one stops working. */
  // Assumption EN-003 (specs/assumptions.yaml)
  // Assumption EN-004 (specs/assumptions.yaml)
  // Assumption EN-025 (specs/assumptions.yaml)
  mailPin(login: Login, session: Session): void {
    if (session.pin && (this.defects.has('enhance-old-pin-valid-after-resend') || choice('EN-004').oldPinValid)) session.earlierPins.push(session.pin);
    session.pin = newPin();
    recordIssued(session.pin);
    session.token = this.#sign(session);
    session.pinExpiresAt = this.clock.now() + choice('EN-003').pinTtlMs;
    login.currentPin = { pin: session.pin, expiresAt: session.pinExpiresAt };
    this.mailbox.send(
      choice('EN-025').mail === 'pin-in-subject'
        ? { from: 'noreply@panel.mock', to: login.email, subject: `${session.pin} is your login PIN`, text: `Hello ${login.name},\n\nuse the PIN in this mail's subject to finish logging in.\n` }
        : choice('EN-025').mail === 'plain'
        ? { from: 'noreply@panel.mock', to: login.email, subject: 'Your login PIN', text: `Hello ${login.name},\n\nyour PIN to finish logging in is ${session.pin}. It is valid for 10 minutes.\n` }
        : { from: 'Control Panel <panel@hosting.mock>', to: login.email, subject: 'Sign-in verification', text: `${login.name},\n\nUse ${session.pin} to verify your sign-in.\n\nIf this wasn't you, change your password.\n` },
    );
  }

  /**
   * A change of sign-in method that waits for a PIN (EN-022): the PIN of `pinOf` (mailed now for email, the
   * authenticator's code for otp: the login's own secret, or the new one being switched on) confirms it.
   */
  // Assumption EN-022 (specs/assumptions.yaml)
  awaitMethodChange(login: Login, session: Session, to: AuthMethod, pinOf: AuthMethod, otpSecret: string | undefined): void {
    session.methodChange = { to, pinOf, otpSecret };
    if (pinOf !== 'email') return;
    session.pin = newPin();
    recordIssued(session.pin);
    session.pinExpiresAt = this.clock.now() + choice('EN-003').pinTtlMs;
    // Assumption EN-025 (specs/assumptions.yaml)
    this.mailbox.send(
      choice('EN-025').mail === 'plain'
        ? { from: 'noreply@panel.mock', to: login.email, subject: 'Your PIN', text: `Hello ${login.name},\n\nyour PIN to confirm the change of your sign-in method is ${session.pin}. It is valid for 10 minutes.\n` }
        : { from: 'Control Panel <panel@hosting.mock>', to: login.email, subject: 'Confirm your security settings', text: `${login.name},\n\nUse ${session.pin} to confirm the change.\n` },
    );
  }

  /** Confirms the session's waiting change of sign-in method with its PIN; false for a wrong one. */
  confirmMethodChange(login: Login, session: Session, pin: string): boolean {
    const change = session.methodChange;
    if (!change) return false;
    const right =
      change.pinOf === 'email'
        ? session.pin === pin.trim() && session.pinExpiresAt > this.clock.now()
        : this.checkOtp(change.to === 'otp' ? { ...login, otpSecret: change.otpSecret } : login, pin);
    if (!right) return false;
    login.authMethod = change.to;
    login.otpSecret = change.to === 'otp' ? change.otpSecret : undefined;
    login.lastOtpStep = undefined;
    session.methodChange = undefined;
    session.pin = undefined;
    return true;
  }

  checkPin(login: Login, session: Session, pin: string): boolean {
    if (login.authMethod === 'otp') return this.checkOtp(login, pin);
    const now = this.clock.now();
    if (this.defects.has('enhance-pin-replaced-not-spent')) return login.currentPin?.pin === pin.trim() && login.currentPin.expiresAt > now;
    const ofLogin = (other: Session) => other.loginId === login.id && other.state === 'pending' && other.pin === pin.trim() && other.pinExpiresAt > now;
    if (this.defects.has('enhance-pin-any-sign-in-of-login') && [...this.sessions.values()].some(ofLogin)) return true;
    const known = session.pin === pin.trim() || session.earlierPins.includes(pin.trim());
    if (session.pin !== undefined && known && session.pinExpiresAt > now) return true;
    if (this.defects.has('enhance-used-pin-reusable') && (this.#usedPins.get(login.id) ?? []).some((used) => used.pin === pin.trim() && used.expiresAt > now)) return true;
    if (!this.defects.has('enhance-pin-not-bound-to-login')) return false;
    return [...this.sessions.values()].some((other) => other.state === 'pending' && other.pin === pin.trim() && other.pinExpiresAt > now);
  }

  /** Authenticator codes: ±1 step of drift, a step already used is refused. */
  // Assumption EN-023 (specs/assumptions.yaml)
  checkOtp(login: Login, code: string): boolean {
    if (!login.otpSecret || !/^\d{6}$/.test(code.trim())) return false;
    const epoch = Math.floor(this.clock.now() / 1000);
    const tolerance = this.defects.has('enhance-authenticator-window-too-wide') ? 600 : choice('EN-023').otpDriftSteps * TOTP_STEP_SECONDS;
    const result = verifySync({ secret: login.otpSecret, token: code.trim(), epoch, epochTolerance: tolerance });
    if (!result.valid) return false;
    const step = Math.floor(epoch / TOTP_STEP_SECONDS) + result.delta;
    if (login.lastOtpStep !== undefined && step <= login.lastOtpStep && !this.defects.has('enhance-totp-replay') && choice('EN-023').replayProtection) return false;
    login.lastOtpStep = step;
    return true;
  }

  // Assumption EN-020 (specs/assumptions.yaml)
  rememberDevice(loginId: string, deviceId: string, ttlSeconds: number): void {
    const seconds = Math.min(ttlSeconds, choice('EN-020').maxRememberSeconds ?? ttlSeconds);
    this.#devices.set(deviceId, { loginId, expiresAt: this.clock.now() + seconds * 1000 });
  }

  // Assumption EN-012 (specs/assumptions.yaml)
  forgetDevices(loginId: string): void {
    for (const [deviceId, device] of this.#devices) if (device.loginId === loginId) this.#devices.delete(deviceId);
  }

  isRemembered(loginId: string, deviceId: string | undefined): boolean {
    const device = deviceId ? this.#devices.get(deviceId) : undefined;
    const ofThisLogin = device?.loginId === loginId || this.defects.has('enhance-remembered-device-any-login') || choice('EN-020').anyLogin;
    return !!device && ofThisLogin && device.expiresAt > this.clock.now();
  }

  // One-time secrets.

  mintSsoOtp(loginId: string): string {
    const otp = randomUUID();
    this.#ssoOtps.set(otp, { loginId, expiresAt: this.clock.now() + choice('EN-009').ssoTtlMs });
    recordIssued(otp);
    return otp;
  }

  /** Single use: the OTP is gone once tried, whether or not it had expired. */
  // Assumption EN-009 (specs/assumptions.yaml)
  async redeemSsoOtp(otp: string): Promise<Login | undefined> {
    const entry = this.#ssoOtps.get(otp);
    // The defect: a round trip (a database read) between finding the OTP and spending it.
    if (entry && this.defects.has('enhance-sso-link-race')) await sleep(50);
    if (!this.defects.has('enhance-sso-link-reusable') && !choice('EN-009').reusable) this.#ssoOtps.delete(otp);
    return entry && entry.expiresAt > this.clock.now() ? this.logins.get(entry.loginId) : undefined;
  }

  // Assumption EN-011 (specs/assumptions.yaml)
  // Assumption EN-025 (specs/assumptions.yaml)
  startRecovery(login: Login, link: (secret: string) => string): void {
    const secret = randomUUID();
    this.#recoverySecrets.set(secret, { loginId: login.id, expiresAt: this.clock.now() + choice('EN-011').recoveryTtlMs });
    recordIssued(secret);
    this.mailbox.send(
      choice('EN-025').mail === 'plain'
        ? { from: 'noreply@panel.mock', to: login.email, subject: 'Reset your password', text: `Hello ${login.name},\n\nto choose a new password, open this link within an hour:\n${link(secret)}\n` }
        : { from: 'Control Panel <panel@hosting.mock>', to: login.email, subject: 'Password reset requested', text: `${login.name},\n\nReset your password: ${link(secret)}\n\nThe link expires soon.\n` },
    );
  }

  recoveringLogin(secret: string): Login | undefined {
    const entry = this.#recoverySecrets.get(secret);
    return entry && entry.expiresAt > this.clock.now() ? this.logins.get(entry.loginId) : undefined;
  }

  consumeRecovery(secret: string): void {
    if (this.defects.has('enhance-reset-secret-reusable')) return;
    const entry = this.#recoverySecrets.get(secret);
    if (entry && this.defects.has('enhance-reset-link-reuse-sets-password')) this.#usedRecoverySecrets.set(secret, entry.loginId);
    this.#recoverySecrets.delete(secret);
  }

  /** The login a used recovery secret was for: only the defect that still sets a password through it asks. */
  loginOfUsedRecovery(secret: string): Login | undefined {
    const loginId = this.#usedRecoverySecrets.get(secret);
    return loginId ? this.logins.get(loginId) : undefined;
  }

  setPassword(login: Login, password: string): void {
    login.password = password;
    login.passwordLastChangedAt = this.clock.date();
  }

  // Assumption EN-007 (specs/assumptions.yaml)
  #sign(session: Session): string {
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const iat = Math.floor(this.clock.now() / 1000);
    const lifetime = choice('EN-007').tokenExpiresInSeconds;
    const payload = Buffer.from(
      JSON.stringify({ sid: session.id, sub: session.loginId, st: session.state, iat, ...(lifetime ? { exp: iat + lifetime } : {}), n: randomUUID() }),
    ).toString('base64url');
    const signature = createHmac('sha256', this.#jwtKey).update(`${header}.${payload}`).digest('base64url');
    recordIssued(`${header}.${payload}.${signature}`);
    return `${header}.${payload}.${signature}`;
  }
}

/** The `alg` of a JWT header, lower-cased ('' when it cannot be read). */
function algOf(header: string): string {
  try {
    return String((JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg ?? '').toLowerCase();
  } catch {
    return '';
  }
}

/** The symmetric key a JWT header carries itself (`jwk` of kty oct), which only a defective verifier would use. */
function embeddedKeyOf(header: string): Buffer | undefined {
  try {
    const { jwk } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { jwk?: { kty?: unknown; k?: unknown } };
    return jwk?.kty === 'oct' && typeof jwk.k === 'string' ? Buffer.from(jwk.k, 'base64url') : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a JWT payload carries an `exp` that has passed (mock clock). */
function expiredToken(payload: string, now: number): boolean {
  try {
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof exp === 'number' && exp * 1000 <= now;
  } catch {
    return true;
  }
}

/** The session whose id a JWT payload names, whatever vouches for it. */
function sessionNamedBy(state: EnhanceState, payload: string): Session | undefined {
  try {
    const { sid } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sid?: unknown };
    return typeof sid === 'string' ? state.sessions.get(sid) : undefined;
  } catch {
    return undefined;
  }
}

/** A PIN of the profile's length (six digits; a switch of EN-003 sends eight). */
// Assumption EN-003 (specs/assumptions.yaml)
function newPin(): string {
  const digits = choice('EN-003').pinDigits;
  return String(randomInt(0, 10 ** digits)).padStart(digits, '0');
}
