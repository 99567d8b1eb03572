import { unmetNeed } from '../core/requirements';
import type { Target } from '../core/target';

/** The tags by which a scenario says what it needs (support/core/requirements.ts reads them). */
export const NEED_TAGS = [
  '@mock-only', '@destructive', '@admin', '@email-account', '@mailbox',
  // What a better-auth deployment may turn off (support/core/requirements.ts, USES).
  '@uses:two-factor', '@uses:email-otp', '@uses:magic-link', '@uses:api-key', '@uses:change-email', '@uses:delete-user',
] as const;

export type NeedTag = (typeof NEED_TAGS)[number];

export interface Reach {
  /** The need tags of the least demanding scenarios that call the operation, one list per scenario: any one will do. */
  needs: NeedTag[][];
  /** Why the needs are stricter than the calling scenarios' tags say: the configuration, not a tag, decides. */
  why?: string;
  /** Why no configuration the harness runs reaches it at all (a social provider none of them configures). */
  never?: string;
  /** Reached only where the server is configured so (no tag can say): why, when a run leaves it uncalled. */
  onlyWhere?: string;
}

const ALWAYS: Reach = { needs: [[]] };
const ADMIN: Reach = { needs: [['@admin']] };
const MAILBOX: Reach = { needs: [['@mailbox']] };
const DESTRUCTIVE: Reach = { needs: [['@destructive']] };
const ENROLMENT: Reach = { needs: [['@destructive', '@email-account', '@mailbox']] };
const PASSWORD_RECOVERY: Reach = { needs: [['@destructive', '@mailbox']] };
const CONFIRMING_BY_MAIL: Reach = { needs: [['@mailbox', '@mock-only']] };

/**
 * Which configuration reaches each documented operation: what the scenarios that call it need. A real run that
 * leaves an operation uncalled is a failure only if its configuration meets these needs; otherwise the operation
 * is listed as out of reach, with the reason. test/reports/operation-coverage.test.ts checks this table against
 * the embedded run (which scenarios called what), so it cannot drift from the features.
 */
export const OPERATION_REACH: Record<string, Record<string, Reach>> = {
  VRChat: {
    getCurrentUser: ALWAYS,
    verifyAuthToken: ALWAYS,
    logout: ALWAYS,
    verify2FA: ALWAYS,
    verifyRecoveryCode: ALWAYS,
    verify2FAEmailCode: { needs: [['@email-account', '@mailbox'], ['@mock-only']] },
    checkUserExists: ALWAYS,
    deleteUser: { needs: [['@destructive'], ['@email-account', '@mailbox']] },
    disable2FA: { needs: [...ENROLMENT.needs, ['@mock-only']] },
    enable2FA: ALWAYS,
    // "Managing two-factor authentication needs a completed login" calls these with a pending session.
    cancelPending2FA: ALWAYS,
    verifyPending2FA: ALWAYS,
    getRecoveryCodes: ALWAYS,
    resendEmailConfirmation: MAILBOX,
    confirmEmail: CONFIRMING_BY_MAIL,
    verifyLoginPlace: CONFIRMING_BY_MAIL,
    registerUserAccount: ALWAYS,
  },
  Enhance: {
    createLogin: { ...ADMIN, why: 'without admin credentials the scenarios borrow the configured logins and create none' },
    getLogins: ADMIN,
    getSessions: ALWAYS,
    createSession: ALWAYS,
    deleteSessions: ALWAYS,
    deleteCurrentSession: ALWAYS,
    createOtpSession: { needs: [['@admin', '@mailbox']] },
    deleteSession: ALWAYS,
    verify2FA: ALWAYS,
    resendPin: MAILBOX,
    startPasswordRecovery: PASSWORD_RECOVERY,
    finishPasswordRecovery: PASSWORD_RECOVERY,
    validatePasswordRecovery: PASSWORD_RECOVERY,
    getLoginMemberships: ALWAYS,
    getLogin: ALWAYS,
    updateLoginInfo: ALWAYS,
    setLoginAvatar: DESTRUCTIVE,
    deleteLoginAvatar: DESTRUCTIVE,
    getOrgLogins: ADMIN,
    getCustomerLogins: ADMIN,
    setCustomerLoginPassword: ADMIN,
    createMember: { ...ADMIN, why: 'without admin credentials the scenarios borrow the configured logins, members already' },
    getOrgMemberLogin: { needs: [['@admin', '@mailbox']] },
  },
  Shoko: {
    login: ALWAYS,
    deleteKey: ALWAYS,
    changePassword: ALWAYS,
  },
  'better-auth': betterAuthReach(),
};

/** better-auth's operations, named as its generated description names them (operationId, or `METHOD /path`). */
function betterAuthReach(): Record<string, Reach> {
  const uses = (...tags: NeedTag[]): Reach => ({ needs: [tags] });
  const SOCIAL: Reach = { needs: [], never: 'needs a social sign-in provider, and no configuration the harness runs names one' };
  const always = ['signUpWithEmailAndPassword', 'signInEmail', 'getSession', 'signOut', 'listUserSessions', 'POST /revoke-session', 'POST /revoke-sessions',
    'POST /revoke-other-sessions', 'updateSession', 'changePassword', 'verifyPassword', 'requestPasswordReset', 'resetPasswordCallback', 'resetPassword',
    'sendVerificationEmail', 'GET /verify-email', 'updateUser', 'listUserAccounts', 'GET /ok', 'GET /error'];
  const twoFactor = ['POST /two-factor/get-totp-uri', 'POST /two-factor/verify-totp', 'POST /two-factor/send-otp', 'POST /two-factor/verify-otp',
    'POST /two-factor/verify-backup-code', 'POST /two-factor/generate-backup-codes', 'POST /two-factor/enable', 'POST /two-factor/disable'];
  const emailOtp = ['sendEmailVerificationOTP', 'verifyEmailWithOTP', 'POST /email-otp/verify-email', 'signInWithEmailOTP', 'requestPasswordResetWithEmailOTP',
    'forgetPasswordWithEmailOTP', 'resetPasswordWithEmailOTP'];
  return {
    ...Object.fromEntries(always.map((operation) => [operation, ALWAYS])),
    ...Object.fromEntries(twoFactor.map((operation) => [operation, uses('@uses:two-factor')])),
    ...Object.fromEntries(emailOtp.map((operation) => [operation, uses('@uses:email-otp')])),
    requestEmailChangeWithEmailOTP: uses('@uses:email-otp', '@uses:change-email'),
    changeEmailWithEmailOTP: uses('@uses:email-otp', '@uses:change-email'),
    signInWithMagicLink: uses('@uses:magic-link'),
    verifyMagicLink: uses('@uses:magic-link'),
    ...Object.fromEntries(['POST /api-key/create', 'GET /api-key/get', 'POST /api-key/update', 'POST /api-key/delete', 'GET /api-key/list'].map((operation) => [operation, uses('@uses:api-key')])),
    changeEmail: uses('@uses:change-email'),
    deleteUser: uses('@uses:delete-user'),
    'GET /delete-user/callback': {
      needs: [['@uses:delete-user']],
      onlyWhere: 'only a deployment that confirms deletions by mail (user.deleteUser.sendDeleteAccountVerification, as the hardened configuration does) sends the link',
    },
    getSessionPost: { needs: [], never: 'answers 405 unless session.deferSessionRefresh is set, which neither configuration sets (it is off by default)' },
    socialSignIn: SOCIAL,
    'GET /callback/{id}': SOCIAL,
    'POST /callback/{id}': SOCIAL,
    linkSocialAccount: SOCIAL,
    'POST /unlink-account': { needs: [], never: 'unlinks a second sign-in method, which only a social provider (none configured) adds' },
    'POST /refresh-token': SOCIAL,
    'POST /get-access-token': SOCIAL,
    'GET /account-info': SOCIAL,
  };
}

/**
 * Why this run's configuration cannot reach an operation, or undefined when it can (an operation the table does
 * not know counts as reachable, so leaving it uncalled fails the check).
 */
export function outOfReach(family: string, operation: string, target: Target): string | undefined {
  const reach = OPERATION_REACH[family]?.[operation];
  if (!reach) return undefined;
  if (reach.never) return reach.never;
  if (reach.onlyWhere) return reach.onlyWhere;
  const reasons: string[] = [];
  for (const needs of reach.needs) {
    if (needs.includes('@mock-only') && target.kind === 'real') {
      reasons.push('only @mock-only scenarios call it');
      continue;
    }
    // A `@uses:` need is judged for the family's own server (what it turned off).
    const unmet = needs.flatMap((tag) => unmetNeed(tag.startsWith('@uses:') ? [`@${family}`, tag] : [tag], target) ?? []);
    if (unmet.length === 0) return undefined;
    reasons.push(unmet.join('; '));
  }
  return [...new Set(reasons)].join(', or ');
}
