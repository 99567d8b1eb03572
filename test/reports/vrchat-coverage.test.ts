import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allureReportResults, attachmentsOf, label } from './outputs';

/** The 17 operations of the VRChat authentication seed list, as (method, path under /api/1). */
const OPERATIONS: Record<string, [string, RegExp]> = {
  getCurrentUser: ['GET', /^\/auth\/user$/],
  verifyAuthToken: ['GET', /^\/auth$/],
  logout: ['PUT', /^\/logout$/],
  verify2FA: ['POST', /^\/auth\/twofactorauth\/totp\/verify$/],
  verifyRecoveryCode: ['POST', /^\/auth\/twofactorauth\/otp\/verify$/],
  verify2FAEmailCode: ['POST', /^\/auth\/twofactorauth\/emailotp\/verify$/],
  checkUserExists: ['GET', /^\/auth\/exists$/],
  deleteUser: ['PUT', /^\/users\/[^/]+\/delete$/],
  disable2FA: ['DELETE', /^\/auth\/twofactorauth$/],
  enable2FA: ['POST', /^\/auth\/twofactorauth\/totp\/pending$/],
  cancelPending2FA: ['DELETE', /^\/auth\/twofactorauth\/totp\/pending$/],
  verifyPending2FA: ['POST', /^\/auth\/twofactorauth\/totp\/pending\/verify$/],
  getRecoveryCodes: ['GET', /^\/auth\/user\/twofactorauth\/otp$/],
  resendEmailConfirmation: ['POST', /^\/auth\/user\/resendEmail$/],
  confirmEmail: ['GET', /^\/auth\/confirmEmail$/],
  verifyLoginPlace: ['GET', /^\/auth\/verifyLoginPlace$/],
  registerUserAccount: ['POST', /^\/auth\/register$/],
};

describe('VRChat operation coverage', () => {
  it('exercises all 17 authentication operations', () => {
    const calls = allureReportResults()
      .filter((result) => label(result, 'epic') === 'VRChat')
      .flatMap((result) => attachmentsOf(result.steps))
      .map((attachment) => /^(\w+) \/api\/1(\S*) → (\d{3})$/.exec(attachment.name))
      .flatMap((match) => (match ? [{ method: match[1], path: match[2] ?? '', status: match[3] }] : []));
    const seen = Object.entries(OPERATIONS).map(([operation, [method, path]]) => {
      const statuses = [...new Set(calls.filter((call) => call.method === method && path.test(call.path)).map((call) => call.status))];
      return { operation, statuses };
    });
    const missing = seen.filter((entry) => entry.statuses.length === 0).map((entry) => entry.operation);
    assert.deepEqual(missing, [], `operations never called: ${missing.join(', ')}`);
    console.log(`17/17 VRChat operations exercised; (operation, status) pairs: ${seen.reduce((sum, entry) => sum + entry.statuses.length, 0)}`);
    for (const entry of seen) console.log(`  ${entry.operation}: ${entry.statuses.sort().join(', ')}`);
  });
});
