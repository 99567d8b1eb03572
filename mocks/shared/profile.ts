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
  'VR-001': { wrongCode: 'verified-false-400' | 'envelope-401' | 'verified-false-200'; endsPendingSession: boolean };
  'VR-002': { codeLimit: number; codeWindowMs: number; perSession: boolean; lockStatus: 429 | 401 };
  'VR-003': { passwordLimit: number; passwordLockSeconds: number; lockStatus: 401 | 429 };
  'VR-004': { rightPasswordForgetsFailures: boolean };
  'VR-005': { emailCodeTtlMs: number; anySessionOfAccount: boolean; reusable: boolean };
  'VR-006': { cookieLifetime: 'expires-365d' | 'max-age-30d' };
  'VR-007': { sameSite: 'Lax' | 'Strict' | 'None' | 'unset'; secure: boolean };
  'VR-008': { clearing: 'max-age-httponly' | 'expires-only' | 'expires-2030' | 'no-httponly' };
  'VR-009': { logoutAcceptsPending: boolean };
  'VR-010': { credentialsIgnoredWithPendingCookie: boolean };
  'VR-011': { refreshDeviceOnRememberedLogin: boolean; newDeviceTokenOnVerify: boolean };
  'VR-012': { deviceTokenNamesUser: boolean; anyAccount: boolean };
  'VR-013': { methodNotOffered: 'as-wrong-code' | 'envelope-400'; authenticatedVerify: 'accepted' | 'refused' };
  'VR-014': { totpDriftSteps: number; replayProtection: boolean };
  'VR-015': { recoveryCodeCount: number; recoveryCodeAlphabet: 'hex' | 'digits'; consumed: boolean; keptOnReenrolment: boolean };
  'VR-016': { verifiedPage: string; failedPage: string; answer: 'redirect' | 'page' };
  'VR-017': { verifiedPage: string; failedPage: string; answer: 'redirect' | 'page'; badTokenStatus: 302 | 400 };
  'VR-018': { mail: 'plain' | 'branded'; helpLink: boolean };
  'VR-019': { enrolledBody: string };
  'VR-020': { deleteOtherStatus: Status; quoted: boolean };
  'VR-021': { nameOkWhenTaken: boolean };
  'VR-022': { takenStatus: Status };
  'VR-023': { validationMessage: 'framework' | 'generic'; validationStatus: 400 | 422; edgeBodies: boolean };
  'VR-024': { userAgent: 'name-version-contact' | 'name-version' | 'no-example-contact' };
  'VR-025': { usernameCaseSensitive: boolean; malformedAs: 'missing' | 'invalid' };
  'VR-026': { filler: 'offline' | 'active'; etag: boolean; varyOriginOnExists: boolean };
  'VR-027': { emptyFields: 'sent' | 'documents-minimum' };
  // Enhance
  'EN-001': { errorBody: 'code-message' | 'empty' | 'text' | 'detail' | 'other-codes' };
  'EN-002': { failuresBeforeLock: number; lockMs: number; lockStatus: 401 | 429 | 403 };
  'EN-003': { pinTtlMs: number; pinDigits: number };
  'EN-004': { resendForOtp: 'invalid-argument' | 'no-op'; oldPinValid: boolean };
  'EN-005': { methodMismatch: 'wrong-pin' | 'invalid-argument' | 'ignored' };
  'EN-006': { pendingSessionCleared: boolean; pendingStatus: 401 | 403; activeOnSecondFactor: 401 | 400 };
  'EN-007': { tokenExpiresInSeconds: number | undefined; renewedAfterSecondFactor: boolean };
  'EN-008': { cookieAttributes: string };
  'EN-009': { ssoTtlMs: number; reusable: boolean; badOtpStatus: 401 | 400 };
  'EN-010': { ssoLinkPath: string; bareOtp: boolean };
  'EN-011': { recoveryTtlMs: number; recoveryLink: (origin: string, secret: string) => string; unknownSecretStatus: 400 | 404 };
  'EN-012': { recoveryForgetsDevices: boolean; recoveryEndsSessions: boolean };
  'EN-013': { adminSetEndsSessions: boolean; patchEndsOtherSessions: boolean };
  'EN-014': { obfuscate: (email: string) => string | undefined };
  'EN-015': { listsLocation: boolean; listsPending: boolean };
  'EN-016': { bearerChallenge: boolean; tokenActsAsLogin: boolean; refusalStatus: 401 | 403 };
  'EN-017': { unknownSessionStatus: Status };
  'EN-018': { unknownLoginStatus: Status; duplicatesAllowed: boolean };
  'EN-019': { defaultSortBy: 'email' | 'registrationDate'; defaultLimit: number };
  'EN-020': { maxRememberSeconds: number | undefined; anyLogin: boolean };
  'EN-021': { emailMatch: 'ignore-case' | 'exact' };
  'EN-022': { turnOff: 'pin' | 'current-password'; turnOn: 'at-once' | 'pin' };
  'EN-023': { otpDriftSteps: number; replayProtection: boolean };
  'EN-024': { acceptsIco: boolean; sizeStatus: 400 | 413; trustsContentType: boolean; malformedStatus: 400 | 415 };
  'EN-025': { mail: 'plain' | 'branded' | 'pin-in-subject' };
  'EN-026': { locale: string; membershipWithLogin: boolean };
  'EN-027': { adminSetLiftsLock: boolean };
  'EN-028': { emailTakenStatus: Status };
  'EN-029': { emptyFields: 'sent' | 'documents-minimum' };
  'EN-030': { bodyNotDeclaredJson: 'schema-400' | 'unsupported-415' };
  'EN-031': { threshold: number; locks: 'sign-in' | 'second-factor'; lockMs: number };
  // Shoko
  'SH-001': { changePasswordWithoutKey: 'empty-401' | 'problem-500' | 'problem-401' };
  'SH-002': { emptyChangePasswordBody: 'validation-400' | 'problem-500' | 'unsupported-415' };
  'SH-003': { emptySignInBody: 'validation-400' | 'empty-500' };
  'SH-004': { wrongCredentialsBody: 'rfc7235-trace' | 'rfc9110-plain' | 'empty' | 'text' };
  'SH-005': { errorKeys: 'lower-case' | 'property-names' };
  'SH-006': { challengeBody: 'empty' | 'problem'; challengeStatus: 401 | 403 };
  'SH-007': { throttleAfter: number | undefined };
  'SH-008': { everyKeyValueTried: boolean; fullerUser: boolean };
  'SH-009': { bodyLimitBytes: number; alias: boolean };
  'SH-010': { emptyFields: 'sent' | 'documents-minimum' };
  // Shared mailbox
  'MB-001': { dateFilters: 'millisecond' | 'day' };
  'MB-002': { pageSize: number | undefined; readFlags: boolean };
  'MB-003': { parts: 'text' | 'html' };
  'MB-004': { deliveryDelayMs: number; stamps: 'mock-clock' | 'wall-clock' };
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
    'VR-001': { wrongCode: 'verified-false-400', endsPendingSession: false },
    'VR-002': { codeLimit: 5, codeWindowMs: 5 * MINUTE, perSession: false, lockStatus: 429 },
    'VR-003': { passwordLimit: 5, passwordLockSeconds: 300, lockStatus: 401 },
    'VR-004': { rightPasswordForgetsFailures: true },
    'VR-005': { emailCodeTtlMs: 15 * MINUTE, anySessionOfAccount: false, reusable: false },
    'VR-006': { cookieLifetime: 'expires-365d' },
    'VR-007': { sameSite: 'Lax', secure: false },
    'VR-008': { clearing: 'max-age-httponly' },
    'VR-009': { logoutAcceptsPending: true },
    'VR-010': { credentialsIgnoredWithPendingCookie: true },
    'VR-011': { refreshDeviceOnRememberedLogin: false, newDeviceTokenOnVerify: true },
    'VR-012': { deviceTokenNamesUser: true, anyAccount: false },
    'VR-013': { methodNotOffered: 'as-wrong-code', authenticatedVerify: 'accepted' },
    'VR-014': { totpDriftSteps: 1, replayProtection: true },
    'VR-015': { recoveryCodeCount: 6, recoveryCodeAlphabet: 'hex', consumed: true, keptOnReenrolment: false },
    'VR-016': { verifiedPage: '/home/loginPlaceVerified', failedPage: '/home/loginPlaceVerificationFailed', answer: 'redirect' },
    'VR-017': { verifiedPage: '/home/emailVerified', failedPage: '/home/emailVerificationFailed', answer: 'redirect', badTokenStatus: 302 },
    'VR-018': { mail: 'plain', helpLink: false },
    'VR-019': { enrolledBody: '{"verified":true,"enabled":true}' },
    'VR-020': { deleteOtherStatus: 401, quoted: false },
    'VR-021': { nameOkWhenTaken: true },
    'VR-022': { takenStatus: 400 },
    'VR-023': { validationMessage: 'framework', validationStatus: 400, edgeBodies: false },
    'VR-024': { userAgent: 'name-version-contact' },
    'VR-025': { usernameCaseSensitive: false, malformedAs: 'missing' },
    'VR-026': { filler: 'offline', etag: false, varyOriginOnExists: false },
    'VR-027': { emptyFields: 'sent' },
    'EN-001': { errorBody: 'code-message' },
    'EN-002': { failuresBeforeLock: 10, lockMs: 15 * MINUTE, lockStatus: 401 },
    'EN-003': { pinTtlMs: 10 * MINUTE, pinDigits: 6 },
    'EN-004': { resendForOtp: 'invalid-argument', oldPinValid: false },
    'EN-005': { methodMismatch: 'wrong-pin' },
    'EN-006': { pendingSessionCleared: false, pendingStatus: 401, activeOnSecondFactor: 401 },
    'EN-007': { tokenExpiresInSeconds: undefined, renewedAfterSecondFactor: true },
    'EN-008': { cookieAttributes: 'Path=/; HttpOnly; Secure; SameSite=Lax' },
    'EN-009': { ssoTtlMs: 2 * MINUTE, reusable: false, badOtpStatus: 401 },
    'EN-010': { ssoLinkPath: '/login/sessions/sso', bareOtp: false },
    'EN-011': { recoveryTtlMs: 60 * MINUTE, recoveryLink: (origin, secret) => `${origin}/password-recovery?secret=${secret}`, unknownSecretStatus: 400 },
    'EN-012': { recoveryForgetsDevices: false, recoveryEndsSessions: true },
    'EN-013': { adminSetEndsSessions: true, patchEndsOtherSessions: true },
    'EN-014': { obfuscate: firstCharacter },
    'EN-015': { listsLocation: false, listsPending: false },
    'EN-016': { bearerChallenge: false, tokenActsAsLogin: false, refusalStatus: 401 },
    'EN-017': { unknownSessionStatus: 404 },
    'EN-018': { unknownLoginStatus: 404, duplicatesAllowed: false },
    'EN-019': { defaultSortBy: 'email', defaultLimit: 10 },
    'EN-020': { maxRememberSeconds: undefined, anyLogin: false },
    'EN-021': { emailMatch: 'ignore-case' },
    'EN-022': { turnOff: 'pin', turnOn: 'at-once' },
    'EN-023': { otpDriftSteps: 1, replayProtection: true },
    'EN-024': { acceptsIco: true, sizeStatus: 400, trustsContentType: false, malformedStatus: 400 },
    'EN-025': { mail: 'plain' },
    'EN-026': { locale: 'en', membershipWithLogin: false },
    'EN-027': { adminSetLiftsLock: true },
    'EN-028': { emailTakenStatus: 409 },
    'EN-029': { emptyFields: 'sent' },
    'EN-030': { bodyNotDeclaredJson: 'schema-400' },
    'EN-031': { threshold: 10, locks: 'sign-in', lockMs: 15 * MINUTE },
    'SH-001': { changePasswordWithoutKey: 'empty-401' },
    'SH-002': { emptyChangePasswordBody: 'validation-400' },
    'SH-003': { emptySignInBody: 'validation-400' },
    'SH-004': { wrongCredentialsBody: 'rfc7235-trace' },
    'SH-005': { errorKeys: 'lower-case' },
    'SH-006': { challengeBody: 'empty', challengeStatus: 401 },
    'SH-007': { throttleAfter: undefined },
    'SH-008': { everyKeyValueTried: true, fullerUser: false },
    'SH-009': { bodyLimitBytes: 64 * 1024, alias: true },
    'SH-010': { emptyFields: 'sent' },
    'MB-001': { dateFilters: 'millisecond' },
    'MB-002': { pageSize: undefined, readFlags: false },
    'MB-003': { parts: 'text' },
    'MB-004': { deliveryDelayMs: 0, stamps: 'mock-clock' },
  },
  alternate: {
    'VR-001': { wrongCode: 'envelope-401', endsPendingSession: false },
    // Same 429 answer ([wire]); a looser count in a shorter window.
    'VR-002': { codeLimit: 8, codeWindowMs: 1 * MINUTE, perSession: false, lockStatus: 429 },
    // Same 401 + retry-after answer ([wire]); a higher threshold, a longer hold.
    'VR-003': { passwordLimit: 10, passwordLockSeconds: 600, lockStatus: 401 },
    'VR-004': { rightPasswordForgetsFailures: false },
    'VR-005': { emailCodeTtlMs: 10 * MINUTE, anySessionOfAccount: false, reusable: false },
    'VR-006': { cookieLifetime: 'max-age-30d' },
    'VR-007': { sameSite: 'Strict', secure: false },
    'VR-008': { clearing: 'expires-only' },
    'VR-009': { logoutAcceptsPending: false },
    'VR-010': { credentialsIgnoredWithPendingCookie: false },
    'VR-011': { refreshDeviceOnRememberedLogin: true, newDeviceTokenOnVerify: true },
    // Still three dot-separated parts ([spec]/[wire]), but opaque: the payload names no account.
    'VR-012': { deviceTokenNamesUser: false, anyAccount: false },
    'VR-013': { methodNotOffered: 'envelope-400', authenticatedVerify: 'accepted' },
    'VR-014': { totpDriftSteps: 2, replayProtection: true },
    'VR-015': { recoveryCodeCount: 8, recoveryCodeAlphabet: 'digits', consumed: true, keptOnReenrolment: false },
    // Only a 302 is documented ([spec]); its Location is not.
    'VR-016': { verifiedPage: '/home/login-allowed', failedPage: '/home/link-expired', answer: 'redirect' },
    'VR-017': { verifiedPage: '/home/email-confirmed', failedPage: '/home/link-expired', answer: 'redirect', badTokenStatus: 302 },
    'VR-018': { mail: 'branded', helpLink: false },
    // `enabled` is optional in the spec's Verify2FAResult (default true).
    'VR-019': { enrolledBody: '{"verified":true}' },
    'VR-020': { deleteOtherStatus: 403, quoted: false },
    'VR-021': { nameOkWhenTaken: false },
    'VR-022': { takenStatus: 409 },
    'VR-023': { validationMessage: 'generic', validationStatus: 400, edgeBodies: false },
    'VR-024': { userAgent: 'name-version' },
    'VR-025': { usernameCaseSensitive: true, malformedAs: 'missing' },
    'VR-026': { filler: 'active', etag: false, varyOriginOnExists: false },
    // The descriptions' minimum: nothing to carry is null where nullable, left out where not required.
    'VR-027': { emptyFields: 'documents-minimum' },
    'EN-001': { errorBody: 'empty' },
    // A lower threshold, a longer lock; still answered as a wrong password (no 429 is documented, and another
    // answer would tell a guesser that the address has a login).
    'EN-002': { failuresBeforeLock: 5, lockMs: 30 * MINUTE, lockStatus: 401 },
    'EN-003': { pinTtlMs: 5 * MINUTE, pinDigits: 6 },
    'EN-004': { resendForOtp: 'no-op', oldPinValid: false },
    'EN-005': { methodMismatch: 'invalid-argument' },
    // 401 either way (the operations document no 403); the alternate also clears the pending cookie.
    'EN-006': { pendingSessionCleared: true, pendingStatus: 401, activeOnSecondFactor: 401 },
    'EN-007': { tokenExpiresInSeconds: 30 * 24 * 3600, renewedAfterSecondFactor: true },
    'EN-008': { cookieAttributes: 'Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=2592000' },
    'EN-009': { ssoTtlMs: 90_000, reusable: false, badOtpStatus: 401 },
    'EN-010': { ssoLinkPath: '/api/login/sessions/sso', bareOtp: false },
    'EN-011': { recoveryTtlMs: 30 * MINUTE, recoveryLink: (origin, secret) => `${origin}/reset-password/${secret}`, unknownSecretStatus: 400 },
    'EN-012': { recoveryForgetsDevices: true, recoveryEndsSessions: true },
    'EN-013': { adminSetEndsSessions: false, patchEndsOtherSessions: true },
    'EN-014': { obfuscate: firstAndLast },
    'EN-015': { listsLocation: true, listsPending: false },
    // Still 401 (getSessions documents 200 and 401 only), with an RFC 6750 challenge naming the token's limits.
    'EN-016': { bearerChallenge: true, tokenActsAsLogin: false, refusalStatus: 401 },
    'EN-017': { unknownSessionStatus: 401 },
    'EN-018': { unknownLoginStatus: 400, duplicatesAllowed: false },
    'EN-019': { defaultSortBy: 'registrationDate', defaultLimit: 50 },
    'EN-020': { maxRememberSeconds: 7 * 24 * 3600, anyLogin: false },
    'EN-021': { emailMatch: 'exact' },
    // Turning off still needs the PIN (spec text); switching a second factor on waits for its PIN too.
    'EN-022': { turnOff: 'pin', turnOn: 'pin' },
    'EN-023': { otpDriftSteps: 2, replayProtection: true },
    // The request's encoding lists png and jpeg only (the text adds ico); 413 is not documented, so size stays 400.
    'EN-024': { acceptsIco: false, sizeStatus: 400, trustsContentType: false, malformedStatus: 400 },
    'EN-025': { mail: 'branded' },
    'EN-026': { locale: 'en-GB', membershipWithLogin: false },
    'EN-027': { adminSetLiftsLock: false },
    'EN-028': { emailTakenStatus: 400 },
    'EN-029': { emptyFields: 'documents-minimum' },
    'EN-030': { bodyNotDeclaredJson: 'unsupported-415' },
    // Sign-ins still wait for a second factor, which is refused until the lock lifts.
    'EN-031': { threshold: 8, locks: 'second-factor', lockMs: 30 * MINUTE },
    'SH-001': { changePasswordWithoutKey: 'problem-500' },
    'SH-002': { emptyChangePasswordBody: 'problem-500' },
    'SH-003': { emptySignInBody: 'empty-500' },
    // The 401 must stay application/problem+json (the reconstructed spec); newer ASP.NET's type, no traceId.
    'SH-004': { wrongCredentialsBody: 'rfc9110-plain' },
    'SH-005': { errorKeys: 'property-names' },
    'SH-006': { challengeBody: 'problem', challengeStatus: 401 },
    // A proxy in front of the server (fail2ban-like) refuses a user after many wrong passwords in a row.
    'SH-007': { throttleAfter: 50 },
    'SH-008': { everyKeyValueTried: false, fullerUser: false },
    'SH-009': { bodyLimitBytes: 28 * 1024 * 1024, alias: true },
    'SH-010': { emptyFields: 'documents-minimum' },
    'MB-001': { dateFilters: 'day' },
    'MB-002': { pageSize: 50, readFlags: false },
    'MB-003': { parts: 'html' },
    'MB-004': { deliveryDelayMs: 300, stamps: 'mock-clock' },
  },
};

/**
 * Per-entry switches: further alternatives of one register entry, by name, on top of either profile
 * (`MOCK_CHOICES=VR-002=no-lock,EN-022=turn-off-with-password`, or `npm run mocks -- --choices …`). The register
 * tags each alternative with what plays it: `[alternate]`, `[switch NAME]` (this entry's) or `[switch ID=NAME]`
 * (another entry's), or `[not played: why]`; test/unit/mock-profiles.test.ts holds the tags to this table.
 */
export const SWITCHES: { [Id in AssumptionId]?: Record<string, Partial<Choices[Id]>> } = {
  'VR-001': { 'verified-false-200': { wrongCode: 'verified-false-200' }, 'ends-pending': { endsPendingSession: true } },
  'VR-002': { 'per-session': { perSession: true }, 'lock-401': { lockStatus: 401 }, 'no-lock': { codeLimit: Number.POSITIVE_INFINITY }, 'long-window': { codeWindowMs: 60 * MINUTE } },
  'VR-003': { 'lock-429': { lockStatus: 429 }, 'no-throttle': { passwordLimit: Number.POSITIVE_INFINITY } },
  'VR-005': { 'any-session': { anySessionOfAccount: true }, reusable: { reusable: true } },
  'VR-007': { 'no-samesite': { sameSite: 'unset' }, 'none-secure': { sameSite: 'None', secure: true }, secure: { secure: true } },
  'VR-008': { 'placeholder-2030': { clearing: 'expires-2030' }, 'no-httponly': { clearing: 'no-httponly' } },
  'VR-011': { 'same-device-token': { newDeviceTokenOnVerify: false } },
  'VR-012': { 'any-account': { anyAccount: true } },
  'VR-013': { 'authenticated-refused': { authenticatedVerify: 'refused' } },
  'VR-014': { 'no-replay': { replayProtection: false } },
  'VR-015': { 'not-consumed': { consumed: false }, 'kept-on-reenrolment': { keptOnReenrolment: true } },
  'VR-016': { page: { answer: 'page' } },
  'VR-017': { 'bad-token-400': { badTokenStatus: 400 }, page: { answer: 'page' } },
  'VR-018': { 'help-link': { helpLink: true } },
  'VR-020': { 'not-found': { deleteOtherStatus: 404 }, quoted: { quoted: true } },
  'VR-023': { 'status-422': { validationStatus: 422 }, edge: { edgeBodies: true } },
  'VR-024': { stricter: { userAgent: 'no-example-contact' } },
  'VR-025': { 'malformed-invalid': { malformedAs: 'invalid' } },
  'VR-026': { etag: { etag: true }, 'vary-origin': { varyOriginOnExists: true } },
  'EN-001': { text: { errorBody: 'text' }, detail: { errorBody: 'detail' }, 'other-codes': { errorBody: 'other-codes' } },
  'EN-002': { 'lock-429': { lockStatus: 429 }, 'lock-403': { lockStatus: 403 }, 'no-lock': { failuresBeforeLock: Number.POSITIVE_INFINITY } },
  'EN-003': { fifteen: { pinTtlMs: 15 * MINUTE }, 'eight-digits': { pinDigits: 8 } },
  'EN-004': { 'old-pin-valid': { oldPinValid: true } },
  'EN-005': { ignored: { methodMismatch: 'ignored' } },
  'EN-006': { 'pending-403': { pendingStatus: 403 }, 'active-400': { activeOnSecondFactor: 400 } },
  'EN-007': { 'same-value': { renewedAfterSecondFactor: false } },
  'EN-008': { 'no-samesite': { cookieAttributes: 'Path=/; HttpOnly; Secure' }, 'no-secure': { cookieAttributes: 'Path=/; HttpOnly; SameSite=Lax' }, expires: { cookieAttributes: 'Path=/; HttpOnly; Secure; SameSite=Lax; Expires=Fri, 01 Jan 2100 00:00:00 GMT' } },
  'EN-009': { 'ten-minutes': { ssoTtlMs: 10 * MINUTE }, reusable: { reusable: true }, 'bad-400': { badOtpStatus: 400 } },
  'EN-010': { 'bare-otp': { bareOtp: true } },
  'EN-011': { day: { recoveryTtlMs: 24 * 60 * MINUTE }, 'unknown-404': { unknownSecretStatus: 404 } },
  'EN-012': { 'sessions-kept': { recoveryEndsSessions: false } },
  'EN-013': { 'sessions-kept': { patchEndsOtherSessions: false, adminSetEndsSessions: false } },
  'EN-014': { 'domain-obscured': { obfuscate: (email) => `${email.slice(0, 1)}***@***` }, omitted: { obfuscate: () => undefined } },
  'EN-015': { 'pending-listed': { listsPending: true } },
  'EN-016': { 'token-as-login': { tokenActsAsLogin: true }, 'status-403': { refusalStatus: 403 } },
  'EN-017': { 'no-op': { unknownSessionStatus: 200 } },
  'EN-018': { forbidden: { unknownLoginStatus: 403 }, duplicates: { duplicatesAllowed: true } },
  'EN-020': { 'any-login': { anyLogin: true } },
  'EN-022': { 'turn-off-with-password': { turnOff: 'current-password' } },
  'EN-023': { 'no-replay': { replayProtection: false } },
  'EN-024': { 'size-413': { sizeStatus: 413 }, 'content-type-trusted': { trustsContentType: true }, 'malformed-415': { malformedStatus: 415 } },
  'EN-025': { 'pin-in-subject': { mail: 'pin-in-subject' } },
  'EN-026': { 'membership-with-login': { membershipWithLogin: true } },
  'SH-001': { 'problem-401': { changePasswordWithoutKey: 'problem-401' } },
  'SH-002': { 'unsupported-415': { emptyChangePasswordBody: 'unsupported-415' } },
  'SH-004': { empty: { wrongCredentialsBody: 'empty' }, text: { wrongCredentialsBody: 'text' } },
  'SH-006': { 'status-403': { challengeStatus: 403 } },
  'SH-008': { 'fuller-user': { fullerUser: true } },
  'SH-009': { 'no-alias': { alias: false } },
  'MB-002': { 'read-flags': { readFlags: true } },
  'MB-004': { 'wall-clock': { stamps: 'wall-clock' } },
};

let active: ProfileName = 'default';
let switched: Partial<Record<AssumptionId, object>> = {};

/**
 * `MOCK_CHOICES` (or `--choices`): `ID=NAME[,ID=NAME…]`, checked: an unknown entry or switch must not silently play
 * the profile's choice. Several switches of one entry combine.
 */
export function useSwitches(spec: string | undefined): void {
  switched = {};
  for (const item of (spec ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const [id, name] = item.split('=') as [AssumptionId, string | undefined];
    const knob = name !== undefined ? (SWITCHES[id] as Record<string, object> | undefined)?.[name] : undefined;
    if (!knob) throw new Error(`unknown mock switch "${item}" (ID=NAME; see SWITCHES in mocks/shared/profile.ts)`);
    switched[id] = { ...switched[id], ...knob };
  }
}

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
  const knob = switched[id];
  return knob ? { ...PROFILES[active][id], ...knob } : PROFILES[active][id];
}
