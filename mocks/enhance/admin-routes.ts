import type { FastifyInstance, FastifyReply } from 'fastify';
import { ADMIN_ROLES, callerOf, forbid, guard, mayActOn, SUPPORT_ROLES, type Caller } from './caller';
import { loginBody } from './login-routes';
import type { EnhanceState, Login, Role } from './state';
import { fail } from './wire';
import { choice } from '../shared/profile';

const PAGING = {
  type: 'object',
  properties: {
    offset: { type: 'integer', minimum: 0 },
    limit: { type: 'integer', minimum: 1, maximum: 1000 },
    sortOrder: { type: 'string', enum: ['asc', 'desc'] },
    sortBy: { type: 'string', enum: ['email', 'name', 'registrationDate'] },
    realmId: { type: 'string', format: 'uuid' },
  },
} as const;

interface Paging {
  offset?: number;
  limit?: number;
  sortOrder?: 'asc' | 'desc';
  sortBy?: 'email' | 'name' | 'registrationDate';
  realmId?: string;
}

const SORT_KEYS: Record<NonNullable<Paging['sortBy']>, (login: Login) => string> = {
  email: (login) => login.email.toLowerCase(),
  name: (login) => login.name.toLowerCase(),
  registrationDate: (login) => login.registeredAt.toISOString(),
};

/** `{"items":[…],"total":N}`: sorted (email by default), then the page. */
// Assumption EN-019 (specs/assumptions.yaml)
function listing(logins: Login[], paging: Paging) {
  const { defaultSortBy, defaultLimit } = choice('EN-019');
  const key = SORT_KEYS[paging.sortBy ?? defaultSortBy];
  const direction = paging.sortOrder === 'desc' ? -1 : 1;
  const sorted = [...logins].sort((a, b) => direction * key(a).localeCompare(key(b)) || a.id.localeCompare(b.id));
  const offset = paging.offset ?? 0;
  return { items: sorted.slice(offset, offset + (paging.limit ?? defaultLimit)).map(loginBody), total: sorted.length };
}

const ROLES: Role[] = ['Owner', 'SuperAdmin', 'Business', 'SiteAccess', 'Support', 'Sysadmin'];
const MEMBER_ADMIN_ROLES: Role[] = ['Owner', 'SuperAdmin'];

function unknownOrg(reply: FastifyReply): FastifyReply {
  return fail(reply, 404, 'not_found', 'Organisation not found');
}

/** Organisation-level operations: a login's session with the right roles, or the organisation's access token. */
export function registerAdminRoutes(app: FastifyInstance, state: EnhanceState): void {
  const either = { onRequest: guard(state, 'loginOrToken') };

  app.post<{ Querystring: { orgId: string }; Body: { email: string; password: string; name: string } }>(
    '/logins',
    {
      ...either,
      schema: {
        querystring: { type: 'object', required: ['orgId'], properties: { orgId: { type: 'string', format: 'uuid' } } },
        body: {
          type: 'object',
          required: ['email', 'password', 'name'],
          properties: { email: { type: 'string', format: 'email' }, password: { type: 'string', minLength: 1 }, name: { type: 'string', minLength: 1 } },
        },
      },
    },
    async (request, reply) => {
      const { orgId } = request.query;
      if (!state.orgs.has(orgId)) return unknownOrg(reply);
      if (!mayActOn(state, callerOf(request), orgId, SUPPORT_ROLES)) return forbid(reply);
      if (state.loginByEmail(request.body.email)) return fail(reply, 409, 'already_exists', 'Already exists');
      // A login in the realm only: membership of an organisation is createMember's work, as the spec says.
      // Assumption EN-026 (specs/assumptions.yaml)
      const login = state.createLogin(orgId, request.body);
      // Assumption EN-026 (specs/assumptions.yaml): a switch makes the new login a member at once.
      if (choice('EN-026').membershipWithLogin) state.addMembership(login.id, orgId, ['SiteAccess']);
      return reply.code(201).send({ id: login.id });
    },
  );

  app.post<{ Params: { orgId: string }; Body: { loginId: string; roles: Role[] } }>(
    '/orgs/:orgId/members',
    {
      ...either,
      schema: {
        params: { type: 'object', properties: { orgId: { type: 'string', format: 'uuid' } } },
        body: {
          type: 'object',
          required: ['loginId', 'roles'],
          properties: { loginId: { type: 'string', format: 'uuid' }, roles: { type: 'array', items: { type: 'string', enum: ROLES } } },
        },
      },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      if (!state.orgs.has(orgId)) return unknownOrg(reply);
      // "a logged in superadmin or owner of the organization or its parent organization(s)".
      if (!mayActOn(state, callerOf(request), orgId, MEMBER_ADMIN_ROLES)) return forbid(reply);
      const login = state.logins.get(request.body.loginId);
      // "A login for the member needs to exist before establishing membership": in this organisation's realm.
      // Assumption EN-018 (specs/assumptions.yaml)
      if (!login || login.realmId !== state.realmOf(orgId)) {
        const status = choice('EN-018').unknownLoginStatus;
        return fail(reply, status, status === 404 ? 'not_found' : status === 403 ? 'forbidden' : 'invalid_argument', 'Login not found');
      }
      if (state.membershipOf(login.id, orgId) && !state.defects.has('enhance-duplicate-membership') && !choice('EN-018').duplicatesAllowed) return fail(reply, 409, 'already_exists', 'Already exists');
      const membership = state.addMembership(login.id, orgId, [...new Set(request.body.roles)]);
      return reply.code(201).send({ id: membership.memberId });
    },
  );

  app.get<{ Querystring: Paging }>('/logins', { ...either, schema: { querystring: PAGING } }, async (request, reply) => {
    // Assumption EN-019 (specs/assumptions.yaml)
    const realmId = request.query.realmId ?? state.masterOrg.id;
    if (!state.orgs.has(realmId)) return unknownOrg(reply);
    if (!mayActOn(state, callerOf(request), realmId, ADMIN_ROLES)) return forbid(reply);
    const inRealm = [...state.logins.values()].filter((login) =>
      login.realmId === realmId ||
      state.membershipsOf(login.id).some((membership) => state.lineage(membership.orgId).some((org) => org.id === realmId)),
    );
    return listing(inRealm, request.query);
  });

  app.get<{ Params: { orgId: string }; Querystring: Paging }>('/orgs/:orgId/logins', { ...either, schema: { querystring: PAGING } }, async (request, reply) => {
    const { orgId } = request.params;
    if (!state.orgs.has(orgId)) return unknownOrg(reply);
    if (!mayActOn(state, callerOf(request), orgId, ADMIN_ROLES)) return forbid(reply);
    return listing(state.membersOf(orgId), request.query);
  });

  app.get<{ Params: { orgId: string }; Querystring: Paging }>(
    '/v2/orgs/:orgId/customers/logins',
    { ...either, schema: { querystring: PAGING } },
    async (request, reply) => {
      const { orgId } = request.params;
      if (!state.orgs.has(orgId)) return unknownOrg(reply);
      if (!mayActOn(state, callerOf(request), orgId, ADMIN_ROLES)) return forbid(reply);
      const customers = [...state.orgs.values()].filter((org) => org.parentId === orgId);
      const logins = [...new Map(customers.flatMap((org) => state.membersOf(org.id)).map((login) => [login.id, login])).values()];
      return listing(logins, request.query);
    },
  );

  app.put<{ Params: { loginId: string }; Body: { newPassword: string } }>(
    '/v2/logins/:loginId/password',
    { ...either, schema: { body: { type: 'object', required: ['newPassword'], properties: { newPassword: { type: 'string', minLength: 1 } } } } },
    async (request, reply) => {
      const login = state.logins.get(request.params.loginId);
      if (!login) return fail(reply, 404, 'not_found', 'Not found');
      // An administrator of a parent organisation of one of the login's organisations.
      const caller = callerOf(request);
      const allowed = state.membershipsOf(login.id).some((membership) => {
        const parentId = state.orgs.get(membership.orgId)?.parentId;
        return parentId !== undefined && mayActOn(state, caller, parentId, ADMIN_ROLES);
      });
      if (!allowed && !(state.defects.has('enhance-admin-password-any-org') && adminAnywhere(state, caller))) return forbid(reply);
      state.setPassword(login, request.body.newPassword);
      // Assumption EN-013 (specs/assumptions.yaml)
      if (choice('EN-013').adminSetEndsSessions) state.endSessions(login.id);
      // An administrator's new password lets a locked-out customer in again.
      // Assumption EN-027 (specs/assumptions.yaml)
      if (choice('EN-027').adminSetLiftsLock) state.liftSignInLock(login.id);
      return reply.code(200).send();
    },
  );

  app.get<{ Params: { orgId: string; memberId: string } }>('/orgs/:orgId/members/:memberId/sso', either, async (request, reply) => {
    const { orgId, memberId } = request.params;
    const org = state.orgs.get(orgId);
    if (!org) return unknownOrg(reply);
    // Assumption EN-010 (specs/assumptions.yaml)
    if (!org.parentId || !mayActOn(state, callerOf(request), org.parentId, ADMIN_ROLES)) return forbid(reply);
    // The membership must be one of this organisation's: a member id alone names a login of any organisation.
    const ofAnyOrg = state.defects.has('enhance-sso-link-any-member');
    const membership = state.memberships.find((entry) => entry.memberId === memberId && (ofAnyOrg || entry.orgId === orgId));
    if (!membership) return fail(reply, 404, 'not_found', 'Member not found');
    const otp = state.mintSsoOtp(membership.loginId);
    // The body is a JSON string: the link a panel shows (the OTP is what the API needs).
    const link = choice('EN-010').bareOtp ? otp : `${request.protocol}://${request.host}${choice('EN-010').ssoLinkPath}?otp=${otp}`;
    return reply.code(201).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(link));
  });
}

/** Whether the caller is an administrator of some organisation, whichever (what a defective check asks instead of whose). */
function adminAnywhere(state: EnhanceState, caller: Caller): boolean {
  if (caller.kind === 'token') return caller.token.roles.some((role) => ADMIN_ROLES.includes(role));
  return state.membershipsOf(caller.login.id).some((membership) => membership.roles.some((role) => ADMIN_ROLES.includes(role)));
}
