import type { FastifyReply, FastifyRequest } from 'fastify';
import { parse as parseCookies } from 'cookie';
import type { AccessToken, EnhanceState, Login, Role, Session } from './state';
import { clearedSessionCookie, fail, INSUFFICIENT_PRIVILEGES, INVALID_SESSION } from './wire';
import { choice } from '../shared/profile';

/** Who is calling: a login through its session cookie, or an organisation through its access token. */
export type Caller = { kind: 'login'; login: Login; session: Session } | { kind: 'token'; token: AccessToken };

declare module 'fastify' {
  interface FastifyRequest {
    enhanceCaller?: Caller;
    pendingSession?: Session;
  }
}

function bearerOf(request: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

function sessionOf(state: EnhanceState, request: FastifyRequest): Session | undefined {
  const token = parseCookies(request.headers.cookie ?? '').id0;
  return token ? state.sessionOfToken(token) : undefined;
}

/**
 * `onRequest` guards (before the body is read):
 * - `login`: operations on "the current login" need an active session; a bearer token is an organisation's,
 *   not a login's, and is refused.
 * - `loginOrToken`: organisation-level operations take either.
 * - `pendingSession`: the 2FA endpoints take the session cookie only, of a session waiting for its second factor
 *   or for the PIN that confirms a change of sign-in method; a bad one is cleared.
 */
export function guard(state: EnhanceState, need: 'login' | 'loginOrToken' | 'pendingSession') {
  // A hook that answers returns the reply: Fastify then runs no handler, whatever the onSend hooks await.
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const session = sessionOf(state, request);
    const pendingAccepted =
      session?.state === 'pending' &&
      (state.defects.has('enhance-pending-session-accepted') ||
        (state.defects.has('enhance-pending-session-reads-settings') && !(request.method === 'GET' && request.routeOptions.url?.endsWith('/login'))));
    // Assumption EN-006 (specs/assumptions.yaml)
    if (need === 'pendingSession') {
      // An active session whose change of sign-in method waits for its PIN confirms it here too (EN-022).
      if (!session || (session.state !== 'pending' && !session.methodChange)) {
        // Assumption EN-006 (specs/assumptions.yaml)
        if (session?.state === 'active' && choice('EN-006').activeOnSecondFactor === 400) {
          return fail(reply, 400, 'invalid_argument', 'The session is not waiting for a second factor');
        }
        reply.header('set-cookie', clearedSessionCookie());
        return fail(reply, 401, ...INVALID_SESSION);
      }
      request.pendingSession = session;
      return undefined;
    }
    if (session?.state === 'active' || pendingAccepted) {
      const login = state.logins.get(session.loginId);
      if (login) {
        request.enhanceCaller = { kind: 'login', login, session };
        return undefined;
      }
    }
    const bearer = bearerOf(request);
    const token = bearer ? state.accessTokens.get(bearer) : undefined;
    // Assumption EN-016 (specs/assumptions.yaml)
    if (need === 'loginOrToken' && token) {
      request.enhanceCaller = { kind: 'token', token };
      return undefined;
    }
    // Assumption EN-016 (specs/assumptions.yaml)
    const impersonated = token && (state.defects.has('enhance-token-acts-as-login') || choice('EN-016').tokenActsAsLogin) ? memberUnder(state, token.orgId) : undefined;
    if (impersonated) {
      request.enhanceCaller = { kind: 'login', login: impersonated, session: state.startSession(impersonated, 'active', { userAgent: '', ipAddr: '' }) };
      return undefined;
    }
    // Assumption EN-006 (specs/assumptions.yaml)
    if (session?.state === 'pending' && choice('EN-006').pendingSessionCleared) reply.header('set-cookie', clearedSessionCookie());
    if (session?.state === 'pending' && choice('EN-006').pendingStatus === 403) {
      return fail(reply, 403, 'forbidden', 'The sign-in is waiting for its second factor');
    }
    // Assumption EN-016 (specs/assumptions.yaml)
    if (token && choice('EN-016').bearerChallenge) reply.header('www-authenticate', 'Bearer error="insufficient_scope", error_description="needs a login session"');
    if (token && choice('EN-016').refusalStatus === 403) {
      return fail(reply, 403, ...INSUFFICIENT_PRIVILEGES);
    }
    return fail(reply, 401, ...INVALID_SESSION);
  };
}

/** A login that is a member of the organisation or one below it (what a token is wrongly taken for). */
function memberUnder(state: EnhanceState, orgId: string): Login | undefined {
  const membership = state.memberships.find((entry) => state.lineage(entry.orgId).some((org) => org.id === orgId));
  return membership ? state.logins.get(membership.loginId) : undefined;
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.enhanceCaller) throw new Error(`route ${request.url} has no caller guard`);
  return request.enhanceCaller;
}

/** The login of a `login` guard's caller. */
export function currentLogin(request: FastifyRequest): { login: Login; session: Session } {
  const caller = callerOf(request);
  if (caller.kind !== 'login') throw new Error(`route ${request.url} needs the login guard`);
  return caller;
}

export const ADMIN_ROLES: Role[] = ['Owner', 'SuperAdmin', 'Sysadmin'];
export const SUPPORT_ROLES: Role[] = ['Owner', 'SuperAdmin', 'Sysadmin', 'Support'];

/** True when the caller holds one of `roles` in the organisation or one of its parents. */
export function mayActOn(state: EnhanceState, caller: Caller, orgId: string, roles: Role[]): boolean {
  const lineage = new Set(state.lineage(orgId).map((org) => org.id));
  if (caller.kind === 'token') return lineage.has(caller.token.orgId) && caller.token.roles.some((role) => roles.includes(role));
  return state
    .membershipsOf(caller.login.id)
    .some((membership) => lineage.has(membership.orgId) && membership.roles.some((role) => roles.includes(role)));
}

export function forbid(reply: FastifyReply): FastifyReply {
  return fail(reply, 403, ...INSUFFICIENT_PRIVILEGES);
}
