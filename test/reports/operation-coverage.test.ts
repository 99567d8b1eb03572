import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allureReportResults, attachmentsOf, label } from './outputs';

/** Each family's operations as (method, path pattern); exchange attachments are titled `METHOD /path → status`. */
const OPERATIONS: Record<string, Record<string, [string, RegExp]>> = {
  VRChat: {
    getCurrentUser: ['GET', /^\/api\/1\/auth\/user$/],
    verifyAuthToken: ['GET', /^\/api\/1\/auth$/],
    logout: ['PUT', /^\/api\/1\/logout$/],
    verify2FA: ['POST', /^\/api\/1\/auth\/twofactorauth\/totp\/verify$/],
    verifyRecoveryCode: ['POST', /^\/api\/1\/auth\/twofactorauth\/otp\/verify$/],
    verify2FAEmailCode: ['POST', /^\/api\/1\/auth\/twofactorauth\/emailotp\/verify$/],
    checkUserExists: ['GET', /^\/api\/1\/auth\/exists$/],
    deleteUser: ['PUT', /^\/api\/1\/users\/[^/]+\/delete$/],
    disable2FA: ['DELETE', /^\/api\/1\/auth\/twofactorauth$/],
    enable2FA: ['POST', /^\/api\/1\/auth\/twofactorauth\/totp\/pending$/],
    cancelPending2FA: ['DELETE', /^\/api\/1\/auth\/twofactorauth\/totp\/pending$/],
    verifyPending2FA: ['POST', /^\/api\/1\/auth\/twofactorauth\/totp\/pending\/verify$/],
    getRecoveryCodes: ['GET', /^\/api\/1\/auth\/user\/twofactorauth\/otp$/],
    resendEmailConfirmation: ['POST', /^\/api\/1\/auth\/user\/resendEmail$/],
    confirmEmail: ['GET', /^\/api\/1\/auth\/confirmEmail$/],
    verifyLoginPlace: ['GET', /^\/api\/1\/auth\/verifyLoginPlace$/],
    registerUserAccount: ['POST', /^\/api\/1\/auth\/register$/],
  },
  Enhance: {
    createLogin: ['POST', /^\/api\/logins$/],
    getLogins: ['GET', /^\/api\/logins$/],
    getSessions: ['GET', /^\/api\/login\/sessions$/],
    createSession: ['POST', /^\/api\/login\/sessions$/],
    deleteSessions: ['DELETE', /^\/api\/login\/sessions$/],
    deleteCurrentSession: ['DELETE', /^\/api\/login\/sessions\/current$/],
    createOtpSession: ['GET', /^\/api\/login\/sessions\/sso$/],
    deleteSession: ['DELETE', /^\/api\/login\/sessions\/(?!current$)[^/]+$/],
    verify2FA: ['POST', /^\/api\/login\/2fa$/],
    resendPin: ['POST', /^\/api\/login\/2fa\/resend-pin$/],
    startPasswordRecovery: ['PUT', /^\/api\/login\/password-recovery$/],
    finishPasswordRecovery: ['POST', /^\/api\/login\/password-recovery$/],
    validatePasswordRecovery: ['POST', /^\/api\/login\/password-recovery\/validate$/],
    getLoginMemberships: ['GET', /^\/api\/login\/memberships$/],
    getLogin: ['GET', /^\/api\/login$/],
    updateLoginInfo: ['PATCH', /^\/api\/login$/],
    setLoginAvatar: ['PUT', /^\/api\/login\/avatar$/],
    deleteLoginAvatar: ['DELETE', /^\/api\/login\/avatar$/],
    getOrgLogins: ['GET', /^\/api\/orgs\/[^/]+\/logins$/],
    getCustomerLogins: ['GET', /^\/api\/v2\/orgs\/[^/]+\/customers\/logins$/],
    setCustomerLoginPassword: ['PUT', /^\/api\/v2\/logins\/[^/]+\/password$/],
    createMember: ['POST', /^\/api\/orgs\/[^/]+\/members$/],
    getOrgMemberLogin: ['GET', /^\/api\/orgs\/[^/]+\/members\/[^/]+\/sso$/],
  },
  Shoko: {
    login: ['POST', /^\/api\/auth$/],
    deleteKey: ['DELETE', /^\/api\/auth$/],
    changePassword: ['POST', /^\/api\/auth\/ChangePassword$/],
  },
};

describe('operation coverage', () => {
  const results = allureReportResults();

  for (const [family, operations] of Object.entries(OPERATIONS)) {
    it(`exercises every ${family} operation`, () => {
      const calls = results
        .filter((result) => label(result, 'epic') === family)
        .flatMap((result) => attachmentsOf(result.steps))
        .map((attachment) => /^(\w+) (\S*) → (\d{3})$/.exec(attachment.name))
        .flatMap((match) => (match ? [{ method: match[1], path: match[2] ?? '', status: match[3] }] : []));
      const seen = Object.entries(operations).map(([operation, [method, path]]) => {
        const statuses = [...new Set(calls.filter((call) => call.method === method && path.test(call.path)).map((call) => call.status))];
        return { operation, statuses };
      });
      const missing = seen.filter((entry) => entry.statuses.length === 0).map((entry) => entry.operation);
      assert.deepEqual(missing, [], `${family} operations never called: ${missing.join(', ')}`);
      const pairs = seen.reduce((sum, entry) => sum + entry.statuses.length, 0);
      console.log(`${family}: ${seen.length}/${seen.length} operations exercised, ${pairs} (operation, status) pairs`);
      for (const entry of seen) console.log(`  ${entry.operation}: ${entry.statuses.sort().join(', ')}`);
    });
  }
});
