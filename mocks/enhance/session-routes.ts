import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentLogin, guard } from './caller';
import type { EnhanceState, Login, Session } from './state';
import { clearedSessionCookie, fail, INVALID_CREDENTIALS, sessionCookie } from './wire';
import { choice } from '../shared/profile';

const LOGIN_CREDS = {
  type: 'object',
  required: ['email', 'password'],
  properties: { email: { type: 'string', format: 'email' }, password: { type: 'string' }, deviceId: { type: 'string' } },
} as const;

const AUTH_METHOD = { type: 'string', enum: ['basic', 'email', 'otp'] } as const;

export const REALM_QUERY = { type: 'object', properties: { realmId: { type: 'string', format: 'uuid' } } } as const;

const LOGIN_2FA = {
  type: 'object',
  required: ['authMethod', 'pin'],
  properties: {
    authMethod: AUTH_METHOD,
    pin: { type: 'string', minLength: 1 },
    rememberMe: {
      type: 'object',
      required: ['deviceId', 'ttl'],
      properties: {
        deviceId: { type: 'string', minLength: 32, maxLength: 32 },
        ttl: { type: 'integer', minimum: 3600, maximum: 7_776_000 },
      },
    },
  },
} as const;

interface Login2FA {
  authMethod: string;
  pin: string;
  rememberMe?: { deviceId: string; ttl: number };
}

/** `{"memberships":[…]}`: where the login is a member, with its roles. */
export function membershipsBody(state: EnhanceState, login: Login) {
  return {
    memberships: state.membershipsOf(login.id).map((membership) => ({
      memberId: membership.memberId,
      orgId: membership.orgId,
      orgName: state.orgs.get(membership.orgId)?.name ?? '',
      isMasterOrg: membership.orgId === state.masterOrg.id,
      roles: membership.roles,
      siteAccessCount: 0,
    })),
  };
}

function client(request: FastifyRequest) {
  return { userAgent: request.headers['user-agent'] ?? '', ipAddr: request.ip };
}

/** 2FA failures remove the session and answer 401 with an emptied cookie. */
function dropSession(state: EnhanceState, session: Session, reply: FastifyReply): FastifyReply {
  if (!state.defects.has('enhance-wrong-pin-keeps-session')) state.sessions.delete(session.id);
  reply.header('set-cookie', clearedSessionCookie());
  return fail(reply, 401, ...INVALID_CREDENTIALS);
}

/**
 * The PIN that confirms an active session's change of sign-in method (EN-022), sent where the spec's Login2FA goes:
 * the method whose PIN it is and the PIN. A wrong one is a failed verify2FA: 401, the session removed (spec text).
 */
// Assumption EN-022 (specs/assumptions.yaml)
function confirmMethodChange(state: EnhanceState, login: Login, session: Session, body: Login2FA, reply: FastifyReply): FastifyReply {
  const change = session.methodChange;
  if (!change || body.authMethod !== change.pinOf || !state.confirmMethodChange(login, session, body.pin)) return dropSession(state, session, reply);
  reply.header('set-cookie', sessionCookie(session.token, state.defects));
  return reply.code(200).send();
}

export function registerSessionRoutes(app: FastifyInstance, state: EnhanceState): void {
  app.post<{ Body: { email: string; password: string; deviceId?: string }; Querystring: { realmId?: string } }>(
    '/login/sessions',
    { schema: { body: LOGIN_CREDS, querystring: REALM_QUERY } },
    async (request, reply) => {
      // "realmId … overrides the domain-derived realm" (spec text): a login outside it is not found. Without it the
      // realm is the host's, and the mock's one host is the master organisation's panel: every realm beneath it.
      // Assumption EN-021 (specs/assumptions.yaml)
      const found = state.loginByEmail(request.body.email);
      const login = found && (!request.query.realmId || state.inRealm(found, request.query.realmId)) ? found : undefined;
      if (!login && state.defects.has('enhance-sign-in-reveals-unknown-email')) return fail(reply, 401, 'unauthorized', 'No login with this email address');
      // Wrong passwords are counted per address, an address no login has included: after as many, it is locked and
      // answered exactly as a locked login is, so the lock tells nobody which addresses have a login (ASVS 6.3.8).
      // Assumption EN-002 (specs/assumptions.yaml)
      const counted = login?.id ?? `unknown address ${request.body.email.trim().toLowerCase()}`;
      if (state.isLocked(counted)) {
        if (login && state.defects.has('enhance-lock-reveals-login')) return fail(reply, 429, 'too_many_requests', 'Too many attempts');
        const { lockStatus } = choice('EN-002');
        return lockStatus === 401 ? fail(reply, 401, ...INVALID_CREDENTIALS) : fail(reply, lockStatus, lockStatus === 429 ? 'too_many_requests' : 'forbidden', 'Too many failed sign-ins');
      }
      const rightPassword = login !== undefined && state.passwordMatches(login, request.body.password);
      if (!rightPassword) state.signInFailed(counted);
      if (!login || !rightPassword) return fail(reply, 401, ...INVALID_CREDENTIALS);
      state.signInSucceeded(login.id);
      const needsPin = login.authMethod !== 'basic' && !state.isRemembered(login.id, request.body.deviceId);
      const session = state.startSession(login, needsPin ? 'pending' : 'active', client(request));
      reply.header('set-cookie', sessionCookie(session.token, state.defects));
      if (needsPin) return reply.code(201).send({ authMethod: login.authMethod });
      return reply.code(200).send(membershipsBody(state, login));
    },
  );

  app.post<{ Body: Login2FA }>(
    '/login/2fa',
    { onRequest: guard(state, 'pendingSession'), schema: { body: LOGIN_2FA } },
    async (request, reply) => {
      const session = request.pendingSession as Session;
      const login = state.logins.get(session.loginId);
      if (login && session.state === 'active') return confirmMethodChange(state, login, session, request.body, reply);
      // Assumption EN-005 (specs/assumptions.yaml)
      const mismatch = choice('EN-005').methodMismatch;
      if (login && request.body.authMethod !== login.authMethod && mismatch === 'invalid-argument') {
        return fail(reply, 400, 'invalid_argument', 'The authentication method does not match the login');
      }
      const locked = login !== undefined && state.isSecondFactorLocked(login.id);
      if (!login || locked || (request.body.authMethod !== login.authMethod && mismatch !== 'ignored') || !state.checkPin(login, session, request.body.pin)) {
        if (login && !locked) state.secondFactorFailed(login.id);
        return dropSession(state, session, reply);
      }
      state.secondFactorPassed(login.id);
      if (state.defects.has('enhance-pin-race')) {
        // The PIN is spent in a second step (a store round trip): a request that checked it meanwhile goes on too.
        await new Promise((resolve) => setTimeout(resolve, 25));
        if (session.state === 'active') {
          const another = state.startSession(login, 'active', client(request));
          reply.header('set-cookie', sessionCookie(another.token, state.defects));
          return reply.code(200).send();
        }
      }
      state.activate(session);
      if (request.body.rememberMe) state.rememberDevice(login.id, request.body.rememberMe.deviceId, request.body.rememberMe.ttl);
      reply.header('set-cookie', sessionCookie(session.token, state.defects));
      return reply.code(200).send();
    },
  );

  app.post<{ Body: { authMethod: string } }>(
    '/login/2fa/resend-pin',
    { onRequest: guard(state, 'pendingSession'), schema: { body: { type: 'object', required: ['authMethod'], properties: { authMethod: AUTH_METHOD } } } },
    async (request, reply) => {
      const session = request.pendingSession as Session;
      const login = state.logins.get(session.loginId);
      if (!login) return dropSession(state, session, reply);
      // A change of sign-in method waiting for an emailed PIN gets a new one (EN-022); the session stays as it is.
      if (session.state === 'active') {
        if (session.methodChange?.pinOf !== 'email' || request.body.authMethod !== 'email') return fail(reply, 400, 'invalid_argument', 'Only PINs sent by email can be resent');
        state.awaitMethodChange(login, session, session.methodChange.to, 'email', session.methodChange.otpSecret);
        return reply.code(200).send();
      }
      if (login.authMethod !== 'email' || request.body.authMethod !== 'email') {
        // Assumption EN-004 (specs/assumptions.yaml)
        if (choice('EN-004').resendForOtp === 'no-op') return reply.code(200).send();
        return fail(reply, 400, 'invalid_argument', 'Only PINs sent by email can be resent');
      }
      state.mailPin(login, session);
      reply.header('set-cookie', sessionCookie(session.token, state.defects));
      return reply.code(200).send();
    },
  );

  app.get<{ Querystring: { otp?: string } }>(
    '/login/sessions/sso',
    { schema: { querystring: { type: 'object', required: ['otp'], properties: { otp: { type: 'string', format: 'uuid' } } } } },
    async (request, reply) => {
      const login = await state.redeemSsoOtp(request.query.otp ?? '');
      // Assumption EN-009 (specs/assumptions.yaml)
      if (!login) {
        const { badOtpStatus } = choice('EN-009');
        return badOtpStatus === 401 ? fail(reply, 401, ...INVALID_CREDENTIALS) : fail(reply, 400, 'invalid_argument', 'The one-time link is invalid or has expired');
      }
      const session = state.startSession(login, 'active', client(request));
      reply.header('set-cookie', sessionCookie(session.token, state.defects));
      return reply.code(200).send(membershipsBody(state, login));
    },
  );

  const asLogin = { onRequest: guard(state, 'login') };

  // Assumption EN-015 (specs/assumptions.yaml)
  app.get('/login/sessions', asLogin, async (request) => {
    const { login } = currentLogin(request);
    const items = [...state.sessions.values()]
      .filter((session) => session.loginId === login.id && (session.state === 'active' || choice('EN-015').listsPending))
      .map((session) => ({
        id: session.id,
        createdAt: session.createdAt.toISOString(),
        userAgent: session.userAgent,
        ipAddr: session.ipAddr,
        ...(choice('EN-015').listsLocation ? { location: 'Unknown' } : {}),
      }));
    return { items };
  });

  app.delete('/login/sessions/current', asLogin, async (request, reply) => {
    if (!state.defects.has('enhance-signed-out-session-valid')) state.sessions.delete(currentLogin(request).session.id);
    reply.header('set-cookie', clearedSessionCookie());
    return reply.code(200).send();
  });

  app.delete<{ Params: { sessionId: string } }>('/login/sessions/:sessionId', asLogin, async (request, reply) => {
    const { login, session: current } = currentLogin(request);
    const target = state.sessions.get(request.params.sessionId);
    // Assumption EN-017 (specs/assumptions.yaml)
    if (!target || (target.loginId !== login.id && !state.defects.has('enhance-session-delete-any-login'))) {
      const status = choice('EN-017').unknownSessionStatus;
      if (status === 200) return reply.code(200).send();
      return fail(reply, status, status === 404 ? 'not_found' : 'unauthorized', 'Session not found');
    }
    state.sessions.delete(target.id);
    if (target.id === current.id) reply.header('set-cookie', clearedSessionCookie());
    return reply.code(200).send();
  });

  app.delete('/login/sessions', asLogin, async (request, reply) => {
    state.endSessions(currentLogin(request).login.id);
    reply.header('set-cookie', clearedSessionCookie());
    return reply.code(200).send();
  });
}

