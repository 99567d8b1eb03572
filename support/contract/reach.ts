import { unmetNeed } from '../core/requirements';
import type { Target } from '../core/target';

/** The tags by which a scenario says what it needs (support/core/requirements.ts reads them). */
export const NEED_TAGS = ['@mock-only', '@destructive', '@admin', '@email-account', '@mailbox'] as const;

export type NeedTag = (typeof NEED_TAGS)[number];

export interface Reach {
  /** The need tags of the least demanding scenarios that call the operation, one list per scenario: any one will do. */
  needs: NeedTag[][];
  /** Why the needs are stricter than the calling scenarios' tags say: the configuration, not a tag, decides. */
  why?: string;
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
};

/**
 * Why this run's configuration cannot reach an operation, or undefined when it can (an operation the table does
 * not know counts as reachable, so leaving it uncalled fails the check).
 */
export function outOfReach(family: string, operation: string, target: Target): string | undefined {
  const reach = OPERATION_REACH[family]?.[operation];
  if (!reach) return undefined;
  const reasons: string[] = [];
  for (const needs of reach.needs) {
    if (needs.includes('@mock-only') && target.kind === 'real') {
      reasons.push('only @mock-only scenarios call it');
      continue;
    }
    const unmet = needs.flatMap((tag) => unmetNeed([tag], target) ?? []);
    if (unmet.length === 0) return undefined;
    reasons.push(unmet.join('; '));
  }
  return [...new Set(reasons)].join(', or ');
}
