/**
 * The mocks' profiles (issue 9, item 2). Every choice the documents do not make is an entry of the assumption
 * register (specs/assumptions.yaml); its knob here is keyed by the entry's id and read at the choice site, next to
 * its `// Assumption <id>` comment. `default` is what the mocks always did; `alternate` makes another plausible
 * choice for every entry (one of its `alternatives`, or consistent with them), never against a [wire]/[spec] fact,
 * so that a feature that passes against both does not rest on our own choices.
 *
 * One profile per process: `MOCK_PROFILE=alternate` (embedded mocks and `npm run mocks`), or startMocks' `profile`.
 */
export const PROFILE_NAMES = ['default', 'alternate'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

type Status = number;

export interface Choices {
  // VRChat
  'VR-001': { wrongCode: 'verified-false-400' | 'envelope-401' };
  'VR-002': { codeLimit: number; codeWindowMs: number };
  'VR-003': { passwordLimit: number; passwordLockSeconds: number };
  'VR-004': { rightPasswordForgetsFailures: boolean };
  'VR-005': { emailCodeTtlMs: number };
  'VR-006': { cookieLifetime: 'expires-365d' | 'max-age-30d' };
  'VR-007': { sameSite: 'Lax' | 'Strict' };
  'VR-008': { clearing: 'max-age-httponly' | 'expires-only' };
  'VR-009': { logoutAcceptsPending: boolean };
  'VR-010': { credentialsIgnoredWithPendingCookie: boolean };
  'VR-011': { refreshDeviceOnRememberedLogin: boolean };
  'VR-012': { deviceTokenNamesUser: boolean };
  'VR-013': { methodNotOffered: 'as-wrong-code' | 'envelope-400' };
  'VR-014': { totpDriftSteps: number };
  'VR-015': { recoveryCodeCount: number; recoveryCodeAlphabet: 'hex' | 'digits' };
  'VR-016': { verifiedPage: string; failedPage: string };
  'VR-017': { verifiedPage: string; failedPage: string };
  'VR-018': { mail: 'plain' | 'branded' };
  'VR-019': { enrolledBody: string };
  'VR-020': { deleteOtherStatus: Status };
  'VR-021': { nameOkWhenTaken: boolean };
  'VR-022': { takenStatus: Status };
  'VR-023': { validationMessage: 'framework' | 'generic' };
  'VR-024': { userAgent: 'name-version-contact' | 'name-version' };
  'VR-025': { usernameCaseSensitive: boolean };
  'VR-026': { filler: 'offline' | 'active' };
  'VR-027': { emptyFields: 'sent' | 'documents-minimum' };
  // Enhance
  'EN-001': { errorBody: 'code-message' | 'empty' };
  'EN-002': { failuresBeforeLock: number; lockMs: number };
  'EN-003': { pinTtlMs: number };
  'EN-004': { resendForOtp: 'invalid-argument' | 'no-op' };
  'EN-005': { methodMismatch: 'wrong-pin' | 'invalid-argument' };
  'EN-006': { pendingSessionCleared: boolean };
  'EN-007': { tokenExpiresInSeconds: number | undefined };
  'EN-008': { cookieAttributes: string };
  'EN-009': { ssoTtlMs: number };
  'EN-010': { ssoLinkPath: string };
  'EN-011': { recoveryTtlMs: number; recoveryLink: (origin: string, secret: string) => string };
  'EN-012': { recoveryForgetsDevices: boolean };
  'EN-013': { adminSetEndsSessions: boolean };
  'EN-014': { obfuscate: (email: string) => string };
  'EN-015': { listsLocation: boolean };
  'EN-016': { bearerChallenge: boolean };
  'EN-017': { unknownSessionStatus: Status };
  'EN-018': { unknownLoginStatus: Status };
  'EN-019': { defaultSortBy: 'email' | 'registrationDate'; defaultLimit: number };
  'EN-020': { maxRememberSeconds: number | undefined };
  'EN-021': { emailMatch: 'ignore-case' | 'exact' };
  'EN-022': { turnOff: 'pin' | 'current-password'; turnOn: 'at-once' | 'pin' };
  'EN-023': { otpDriftSteps: number };
  'EN-024': { acceptsIco: boolean };
  'EN-025': { mail: 'plain' | 'branded' };
  'EN-026': { locale: string };
  'EN-027': { adminSetLiftsLock: boolean };
  'EN-028': { emailTakenStatus: Status };
  'EN-029': { emptyFields: 'sent' | 'documents-minimum' };
  // Shoko
  'SH-001': { changePasswordWithoutKey: 'empty-401' | 'problem-500' };
  'SH-002': { emptyChangePasswordBody: 'validation-400' | 'problem-500' };
  'SH-003': { emptySignInBody: 'validation-400' | 'empty-500' };
  'SH-004': { wrongCredentialsBody: 'rfc7235-trace' | 'rfc9110-plain' };
  'SH-005': { errorKeys: 'lower-case' | 'property-names' };
  'SH-006': { challengeBody: 'empty' | 'problem' };
  'SH-007': { throttleAfter: number | undefined };
  'SH-008': { everyKeyValueTried: boolean };
  'SH-009': { bodyLimitBytes: number };
  'SH-010': { emptyFields: 'sent' | 'documents-minimum' };
  // Shared mailbox
  'MB-001': { dateFilters: 'millisecond' | 'day' };
  'MB-002': { pageSize: number | undefined };
  'MB-003': { parts: 'text' | 'html' };
  'MB-004': { deliveryDelayMs: number };
}

export type AssumptionId = keyof Choices;

const MINUTE = 60_000;

function firstCharacter(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

function firstAndLast(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***${local.slice(-1)}@${domain}`;
}

export const PROFILES: Record<ProfileName, Choices> = {
  default: {
    'VR-001': { wrongCode: 'verified-false-400' },
    'VR-002': { codeLimit: 5, codeWindowMs: 5 * MINUTE },
    'VR-003': { passwordLimit: 5, passwordLockSeconds: 300 },
    'VR-004': { rightPasswordForgetsFailures: true },
    'VR-005': { emailCodeTtlMs: 15 * MINUTE },
    'VR-006': { cookieLifetime: 'expires-365d' },
    'VR-007': { sameSite: 'Lax' },
    'VR-008': { clearing: 'max-age-httponly' },
    'VR-009': { logoutAcceptsPending: true },
    'VR-010': { credentialsIgnoredWithPendingCookie: true },
    'VR-011': { refreshDeviceOnRememberedLogin: false },
    'VR-012': { deviceTokenNamesUser: true },
    'VR-013': { methodNotOffered: 'as-wrong-code' },
    'VR-014': { totpDriftSteps: 1 },
    'VR-015': { recoveryCodeCount: 6, recoveryCodeAlphabet: 'hex' },
    'VR-016': { verifiedPage: '/home/loginPlaceVerified', failedPage: '/home/loginPlaceVerificationFailed' },
    'VR-017': { verifiedPage: '/home/emailVerified', failedPage: '/home/emailVerificationFailed' },
    'VR-018': { mail: 'plain' },
    'VR-019': { enrolledBody: '{"verified":true,"enabled":true}' },
    'VR-020': { deleteOtherStatus: 401 },
    'VR-021': { nameOkWhenTaken: true },
    'VR-022': { takenStatus: 400 },
    'VR-023': { validationMessage: 'framework' },
    'VR-024': { userAgent: 'name-version-contact' },
    'VR-025': { usernameCaseSensitive: false },
    'VR-026': { filler: 'offline' },
    'VR-027': { emptyFields: 'sent' },
    'EN-001': { errorBody: 'code-message' },
    'EN-002': { failuresBeforeLock: 10, lockMs: 15 * MINUTE },
    'EN-003': { pinTtlMs: 10 * MINUTE },
    'EN-004': { resendForOtp: 'invalid-argument' },
    'EN-005': { methodMismatch: 'wrong-pin' },
    'EN-006': { pendingSessionCleared: false },
    'EN-007': { tokenExpiresInSeconds: undefined },
    'EN-008': { cookieAttributes: 'Path=/; HttpOnly; Secure; SameSite=Lax' },
    'EN-009': { ssoTtlMs: 2 * MINUTE },
    'EN-010': { ssoLinkPath: '/login/sessions/sso' },
    'EN-011': { recoveryTtlMs: 60 * MINUTE, recoveryLink: (origin, secret) => `${origin}/password-recovery?secret=${secret}` },
    'EN-012': { recoveryForgetsDevices: false },
    'EN-013': { adminSetEndsSessions: true },
    'EN-014': { obfuscate: firstCharacter },
    'EN-015': { listsLocation: false },
    'EN-016': { bearerChallenge: false },
    'EN-017': { unknownSessionStatus: 404 },
    'EN-018': { unknownLoginStatus: 404 },
    'EN-019': { defaultSortBy: 'email', defaultLimit: 10 },
    'EN-020': { maxRememberSeconds: undefined },
    'EN-021': { emailMatch: 'ignore-case' },
    'EN-022': { turnOff: 'pin', turnOn: 'at-once' },
    'EN-023': { otpDriftSteps: 1 },
    'EN-024': { acceptsIco: true },
    'EN-025': { mail: 'plain' },
    'EN-026': { locale: 'en' },
    'EN-027': { adminSetLiftsLock: true },
    'EN-028': { emailTakenStatus: 409 },
    'EN-029': { emptyFields: 'sent' },
    'SH-001': { changePasswordWithoutKey: 'empty-401' },
    'SH-002': { emptyChangePasswordBody: 'validation-400' },
    'SH-003': { emptySignInBody: 'validation-400' },
    'SH-004': { wrongCredentialsBody: 'rfc7235-trace' },
    'SH-005': { errorKeys: 'lower-case' },
    'SH-006': { challengeBody: 'empty' },
    'SH-007': { throttleAfter: undefined },
    'SH-008': { everyKeyValueTried: true },
    'SH-009': { bodyLimitBytes: 64 * 1024 },
    'SH-010': { emptyFields: 'sent' },
    'MB-001': { dateFilters: 'millisecond' },
    'MB-002': { pageSize: undefined },
    'MB-003': { parts: 'text' },
    'MB-004': { deliveryDelayMs: 0 },
  },
  alternate: {
    'VR-001': { wrongCode: 'envelope-401' },
    // Same 429 answer ([wire]); a looser count in a shorter window.
    'VR-002': { codeLimit: 8, codeWindowMs: 1 * MINUTE },
    // Same 401 + retry-after answer ([wire]); a higher threshold, a longer hold.
    'VR-003': { passwordLimit: 10, passwordLockSeconds: 600 },
    'VR-004': { rightPasswordForgetsFailures: false },
    'VR-005': { emailCodeTtlMs: 10 * MINUTE },
    'VR-006': { cookieLifetime: 'max-age-30d' },
    'VR-007': { sameSite: 'Strict' },
    'VR-008': { clearing: 'expires-only' },
    'VR-009': { logoutAcceptsPending: false },
    'VR-010': { credentialsIgnoredWithPendingCookie: false },
    'VR-011': { refreshDeviceOnRememberedLogin: true },
    // Still three dot-separated parts ([spec]/[wire]), but opaque: the payload names no account.
    'VR-012': { deviceTokenNamesUser: false },
    'VR-013': { methodNotOffered: 'envelope-400' },
    'VR-014': { totpDriftSteps: 2 },
    'VR-015': { recoveryCodeCount: 8, recoveryCodeAlphabet: 'digits' },
    // Only a 302 is documented ([spec]); its Location is not.
    'VR-016': { verifiedPage: '/home/login-allowed', failedPage: '/home/link-expired' },
    'VR-017': { verifiedPage: '/home/email-confirmed', failedPage: '/home/link-expired' },
    'VR-018': { mail: 'branded' },
    // `enabled` is optional in the spec's Verify2FAResult (default true).
    'VR-019': { enrolledBody: '{"verified":true}' },
    'VR-020': { deleteOtherStatus: 403 },
    'VR-021': { nameOkWhenTaken: false },
    'VR-022': { takenStatus: 409 },
    'VR-023': { validationMessage: 'generic' },
    'VR-024': { userAgent: 'name-version' },
    'VR-025': { usernameCaseSensitive: true },
    'VR-026': { filler: 'active' },
    // The descriptions' minimum: nothing to carry is null where nullable, left out where not required.
    'VR-027': { emptyFields: 'documents-minimum' },
    'EN-001': { errorBody: 'empty' },
    // A lower threshold, a longer lock; still answered as a wrong password (no 429 is documented, and another
    // answer would tell a guesser that the address has a login).
    'EN-002': { failuresBeforeLock: 5, lockMs: 30 * MINUTE },
    'EN-003': { pinTtlMs: 5 * MINUTE },
    'EN-004': { resendForOtp: 'no-op' },
    'EN-005': { methodMismatch: 'invalid-argument' },
    // 401 either way (the operations document no 403); the alternate also clears the pending cookie.
    'EN-006': { pendingSessionCleared: true },
    'EN-007': { tokenExpiresInSeconds: 30 * 24 * 3600 },
    'EN-008': { cookieAttributes: 'Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=2592000' },
    'EN-009': { ssoTtlMs: 90_000 },
    'EN-010': { ssoLinkPath: '/api/login/sessions/sso' },
    'EN-011': { recoveryTtlMs: 30 * MINUTE, recoveryLink: (origin, secret) => `${origin}/reset-password/${secret}` },
    'EN-012': { recoveryForgetsDevices: true },
    'EN-013': { adminSetEndsSessions: false },
    'EN-014': { obfuscate: firstAndLast },
    'EN-015': { listsLocation: true },
    // Still 401 (getSessions documents 200 and 401 only), with an RFC 6750 challenge naming the token's limits.
    'EN-016': { bearerChallenge: true },
    'EN-017': { unknownSessionStatus: 401 },
    'EN-018': { unknownLoginStatus: 400 },
    'EN-019': { defaultSortBy: 'registrationDate', defaultLimit: 50 },
    'EN-020': { maxRememberSeconds: 7 * 24 * 3600 },
    'EN-021': { emailMatch: 'exact' },
    // Turning off still needs the PIN (spec text); switching a second factor on waits for its PIN too.
    'EN-022': { turnOff: 'pin', turnOn: 'pin' },
    'EN-023': { otpDriftSteps: 2 },
    // The request's encoding lists png and jpeg only (the text adds ico); 413 is not documented, so size stays 400.
    'EN-024': { acceptsIco: false },
    'EN-025': { mail: 'branded' },
    'EN-026': { locale: 'en-GB' },
    'EN-027': { adminSetLiftsLock: false },
    'EN-028': { emailTakenStatus: 400 },
    'EN-029': { emptyFields: 'documents-minimum' },
    'SH-001': { changePasswordWithoutKey: 'problem-500' },
    'SH-002': { emptyChangePasswordBody: 'problem-500' },
    'SH-003': { emptySignInBody: 'empty-500' },
    // The 401 must stay application/problem+json (the reconstructed spec); newer ASP.NET's type, no traceId.
    'SH-004': { wrongCredentialsBody: 'rfc9110-plain' },
    'SH-005': { errorKeys: 'property-names' },
    'SH-006': { challengeBody: 'problem' },
    // A proxy in front of the server (fail2ban-like) refuses a user after many wrong passwords in a row.
    'SH-007': { throttleAfter: 50 },
    'SH-008': { everyKeyValueTried: false },
    'SH-009': { bodyLimitBytes: 28 * 1024 * 1024 },
    'SH-010': { emptyFields: 'documents-minimum' },
    'MB-001': { dateFilters: 'day' },
    'MB-002': { pageSize: 50 },
    'MB-003': { parts: 'html' },
    'MB-004': { deliveryDelayMs: 300 },
  },
};

let active: ProfileName = 'default';

export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}

/** `MOCK_PROFILE` (or `--profile NAME`), checked: a misspelt profile must not silently run the default. */
export function profileNamed(name: string | undefined): ProfileName {
  const wanted = name?.trim() || 'default';
  if (!isProfileName(wanted)) throw new Error(`unknown mock profile "${wanted}" (choose ${PROFILE_NAMES.join(' or ')}; see mocks/shared/profile.ts)`);
  return wanted;
}

/** Sets the process's profile (startMocks does, before it builds the mocks). */
export function useProfile(name: ProfileName): void {
  active = name;
}

/** The active profile's choice for one register entry. */
export function choice<Id extends AssumptionId>(id: Id): Choices[Id] {
  return PROFILES[active][id];
}
