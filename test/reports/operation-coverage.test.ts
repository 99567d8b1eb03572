import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NEED_TAGS, OPERATION_REACH, type NeedTag } from '../../support/contract/reach';
import { templatePattern } from '../../support/contract/spec';
import { allureReportResults, attachmentsOf, attachmentText, callsIn, isTranscript, label, ROOT, type AllureTestResult, type Call } from './outputs';

/** Each family's operations as (method, path pattern), matched against the request lines of the steps' transcripts. */
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
  // better-auth's, from its own generated description, under the embedded servers' base path; those no configuration
  // of the harness reaches (social sign-in) are left out: the reach table says why.
  'better-auth': betterAuthOperations(),
};

function betterAuthOperations(): Record<string, [string, RegExp]> {
  const description = JSON.parse(readFileSync(join(ROOT, 'specs/better-auth/openapi.json'), 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> };
  return Object.fromEntries(
    Object.entries(description.paths).flatMap(([template, item]) =>
      Object.entries(item).flatMap(([method, operation]) => {
        const name = operation.operationId ?? `${method.toUpperCase()} ${template}`;
        if (OPERATION_REACH['better-auth']?.[name]?.never) return [];
        return [[name, [method.toUpperCase(), templatePattern(`/api/auth${template}`)] as [string, RegExp]]];
      }),
    ),
  );
}

/** The family of a result's epic ("better-auth (hardened)" is better-auth). */
function epicOf(result: AllureTestResult): string | undefined {
  return label(result, 'epic')?.replace(/ \(.*\)$/, '');
}

/** The requests of a scenario's steps, from their transcript attachments. */
function callsOf(result: AllureTestResult): Call[] {
  return attachmentsOf(result.steps).filter(isTranscript).flatMap((link) => callsIn(attachmentText(link)));
}

/** Need tag sets, minimal (a set that contains another is dropped), each sorted, in a stable order. */
function minimal(sets: NeedTag[][]): string[] {
  const keys = sets.map((set) => [...new Set(set)].sort());
  return [...new Set(keys.filter((set) => !keys.some((other) => other.length < set.length && other.every((tag) => set.includes(tag)))).map((set) => set.join(' ')))].sort();
}

describe('operation coverage', () => {
  const results = allureReportResults();

  for (const [family, operations] of Object.entries(OPERATIONS)) {
    it(`exercises every ${family} operation`, () => {
      const calls = results.filter((result) => epicOf(result) === family).flatMap(callsOf);
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

describe('which configuration reaches each operation (support/contract/reach.ts)', () => {
  const results = allureReportResults();

  for (const [family, operations] of Object.entries(OPERATIONS)) {
    it(`says what the ${family} scenarios that call each operation need`, () => {
      const scenarios = results
        .filter((result) => epicOf(result) === family)
        .map((result) => ({ calls: callsOf(result), needs: result.labels.filter((entry) => entry.name === 'tag' && (NEED_TAGS as readonly string[]).includes(entry.value)).map((entry) => entry.value as NeedTag) }));
      const wrong = Object.entries(operations).flatMap(([operation, [method, path]]) => {
        const callers = minimal(scenarios.filter((scenario) => scenario.calls.some((call) => call.method === method && path.test(call.path))).map((scenario) => scenario.needs));
        const reach = OPERATION_REACH[family]?.[operation];
        const declared = minimal(reach?.needs ?? []);
        // With a reason (the configuration decides, not a tag), the table may ask more than the callers' tags, never less.
        const fits = reach?.why
          ? declared.every((needs) => callers.some((caller) => caller.split(' ').filter(Boolean).every((tag) => needs.split(' ').includes(tag))))
          : JSON.stringify(declared) === JSON.stringify(callers);
        return fits ? [] : [`${operation}: the table says [${declared.map((set) => `[${set}]`).join(', ')}], its callers need [${callers.map((set) => `[${set}]`).join(', ')}]`];
      });
      assert.deepEqual(wrong, [], `update OPERATION_REACH.${family}`);
    });
  }
});
