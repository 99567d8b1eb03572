import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseBasicAuthorization } from '../shared/basic-auth';
import { currentUser } from './current-user';
import { callerOf, cookiesOf, guard, sessionOf } from './session-guard';
import { type Session, type TwoFactorMethod, type VrchatState, type VrchatUser } from './state';
import {
  challenge, clearingCookie, INVALID_CREDENTIALS, LOGOUT_OK, MISSING_CREDENTIALS, NEW_LOGIN_PLACE, quotedError,
  REQUIRES_TWO_FACTOR, send, sessionCookie, TOO_MANY_REQUESTS, VERIFIED, wrongCode,
} from './wire';
import { choice } from '../shared/profile';

export const CODE_BODY = {
  type: 'object',
  required: ['code'],
  properties: { code: { type: 'string' } },
} as const;

/** Login (`GET /auth/user`), the three ways to pass the second factor, the auth token, and logout. */
export function registerLoginRoutes(app: FastifyInstance, state: VrchatState): void {
  app.get('/auth/user', async (request, reply) => {
    // A valid session cookie wins over any Authorization header (SDKs send both).
    // Assumption VR-010 (specs/assumptions.yaml)
    const session = sessionOf(state, request);
    const withCredentials = request.headers.authorization !== undefined;
    const credentialsFirst =
      withCredentials && (state.defects.has('vrchat-credentials-beat-session') || (session?.state === 'pending' && !choice('VR-010').credentialsIgnoredWithPendingCookie));
    if (session && !credentialsFirst) {
      if (session.state === 'pending') return send(reply, 200, challenge(session.methods));
      const user = state.userOf(session);
      state.cancelDeletion(user);
      return reply.send(currentUser(user));
    }
    const credentials = parseBasicAuthorization(request.headers.authorization);
    // Assumption VR-025 (specs/assumptions.yaml)
    if (!credentials) return send(reply, 401, withCredentials && choice('VR-025').malformedAs === 'invalid' ? INVALID_CREDENTIALS : MISSING_CREDENTIALS);
    const user = state.findByLogin(credentials.username);
    if (!user) return send(reply, 401, INVALID_CREDENTIALS);
    // Password guessing: once locked, even the right password is held back, with the answer seen on the wire.
    // Assumption VR-003 (specs/assumptions.yaml)
    if (state.isPasswordLocked(user)) {
      reply.header('retry-after', String(choice('VR-003').passwordLockSeconds));
      return choice('VR-003').lockStatus === 429 ? send(reply, 429, TOO_MANY_REQUESTS) : send(reply, 401, INVALID_CREDENTIALS);
    }
    if (!state.passwordMatches(user, credentials.password)) {
      state.recordWrongPassword(user);
      return send(reply, 401, INVALID_CREDENTIALS);
    }
    state.forgetWrongPasswords(user);
    if (user.requiresLoginPlaceCheck) {
      state.mailLoginPlaceCheck(user, (token) => `${origin(request)}/api/1/auth/verifyLoginPlace?userId=${user.id}&token=${token}`);
      return send(reply, 401, NEW_LOGIN_PLACE);
    }
    if (state.defects.has('vrchat-totp-replay-slow-login')) state.clock.advance(90_000);
    const cookies = cookiesOf(request);
    const remembered = state.remembersDevice(user, cookies.twoFactorAuth);
    // A session cookie the server does not know is never adopted: the login gets a token of the server's choosing.
    const unknownCookie = cookies.auth && !state.sessions.has(cookies.auth) ? cookies.auth : undefined;
    const planted = state.defects.has('vrchat-session-fixation') ? unknownCookie : undefined;
    const earlier = remembered && state.defects.has('vrchat-remembered-login-reuses-session') ? state.deviceSessions.get(cookies.twoFactorAuth ?? '') : undefined;
    // Assumption VR-011 (specs/assumptions.yaml)
    const started = state.startSession(user, remembered ? 'authenticated' : 'pending', planted ?? earlier);
    if (state.defects.has('vrchat-fixation-on-second-factor') && unknownCookie) started.adoptOnCompletion = unknownCookie;
    const auth = sessionCookie('auth', started.token, state.clock.now(), { httpOnly: !state.defects.has('vrchat-auth-cookie-readable'), sameSite: !state.defects.has('vrchat-auth-cookie-cross-site') });
    const refreshed = remembered && choice('VR-011').refreshDeviceOnRememberedLogin;
    const cookiesSet = refreshed ? [auth, sessionCookie('twoFactorAuth', state.rememberDevice(user), state.clock.now())] : [auth];
    // The defect sets no session cookie over one the device already sends.
    const kept = state.defects.has('vrchat-login-sets-no-cookie-over-one') && cookies.auth ? cookiesSet.slice(1) : cookiesSet;
    if (kept.length > 0) reply.header('set-cookie', kept);
    if (!remembered) return send(reply, 200, challenge(started.methods));
    state.cancelDeletion(user);
    return reply.send(currentUser(user));
  });

  app.get('/auth', { onRequest: guard(state, 'authenticated') }, async (request, reply) =>
    send(reply, 200, JSON.stringify({ ok: true, token: callerOf(request).session.token })),
  );

  registerVerifyRoute(app, state, '/auth/twofactorauth/totp/verify', 'totp', (user) => (code) => state.redeemTotp(user, code));
  registerVerifyRoute(app, state, '/auth/twofactorauth/otp/verify', 'otp', (user) => (code) => state.useRecoveryCode(user, code));
  registerVerifyRoute(app, state, '/auth/twofactorauth/emailotp/verify', 'emailOtp', (_user, session) => (code) =>
    state.checkEmailCode(session, code),
  );

  // Logging out changes state: never on a GET, which a link on another site can make a browser send with its cookies.
  if (state.defects.has('vrchat-logout-by-get')) {
    app.get('/logout', { onRequest: guard(state, 'pendingOrAuthenticated') }, async (request, reply) => {
      state.sessions.delete(callerOf(request).session.token);
      return send(reply, 200, LOGOUT_OK);
    });
  }

  // Assumption VR-009 (specs/assumptions.yaml)
  app.put('/logout', { onRequest: guard(state, 'pendingOrAuthenticated') }, async (request, reply) => {
    if (callerOf(request).session.state === 'pending' && !choice('VR-009').logoutAcceptsPending) return send(reply, 401, REQUIRES_TWO_FACTOR);
    if (!state.defects.has('vrchat-logout-keeps-session')) state.sessions.delete(callerOf(request).session.token);
    // twoFactorAuth stays: the device remains remembered, so the next login on it skips the second factor.
    reply.header('set-cookie', ['auth', 'age', 'tos'].map(clearingCookie));
    return send(reply, 200, LOGOUT_OK);
  });
}

/**
 * One second-factor endpoint. A wrong code answers 400 `{"verified":false}` and leaves the session pending;
 * repeated wrong codes lock every verification of the account with 429; a right one completes the session
 * and remembers the device with a `twoFactorAuth` cookie.
 */
function registerVerifyRoute(
  app: FastifyInstance,
  state: VrchatState,
  path: string,
  method: TwoFactorMethod,
  checker: (user: VrchatUser, session: Session) => (code: string) => boolean | Promise<boolean>,
): void {
  app.post<{ Body: { code: string } }>(
    path,
    { onRequest: guard(state, 'pendingOrAuthenticated'), schema: { body: CODE_BODY } },
    async (request, reply) => {
      const { session, user } = callerOf(request);
      // Assumption VR-002 (specs/assumptions.yaml)
      if (state.isLockedOut(user, session)) return choice('VR-002').lockStatus === 429 ? send(reply, 429, TOO_MANY_REQUESTS) : send(reply, 401, quotedError(401, 'Too many attempts'));
      // Assumption VR-013 (specs/assumptions.yaml)
      if (session.state === 'authenticated' && choice('VR-013').authenticatedVerify === 'refused') return send(reply, 400, quotedError(400, 'Two-Factor Authentication is already verified'));
      const offered = session.state === 'authenticated' || session.methods.includes(method);
      const accepted = offered && (await checker(user, session)(request.body.code));
      // The defect spends an emailed code in a second step (a store round trip): a request that checked it meanwhile goes on too.
      if (accepted && method === 'emailOtp' && state.defects.has('vrchat-email-code-race')) await new Promise((resolve) => setTimeout(resolve, 25));
      if (!accepted) {
        const uncounted = (method === 'otp' && state.defects.has('vrchat-recovery-guessing-unlimited')) || (method === 'emailOtp' && state.defects.has('vrchat-email-code-guessing-unlimited'));
        if (!uncounted) state.recordWrongCode(user, session);
        // Assumption VR-001 (specs/assumptions.yaml)
        // Assumption VR-013 (specs/assumptions.yaml)
        if (!offered && choice('VR-013').methodNotOffered === 'envelope-400') return send(reply, 400, quotedError(400, 'This Two-Factor Authentication method is not available'));
        // Assumption VR-001 (specs/assumptions.yaml)
        if (choice('VR-001').endsPendingSession && session.state === 'pending') state.sessions.delete(session.token);
        const refusal = wrongCode();
        return send(reply, refusal.status, refusal.body);
      }
      if (session.state === 'pending') state.completeSession(session);
      // Assumption VR-011 (specs/assumptions.yaml)
      const known = cookiesOf(request).twoFactorAuth;
      const device = !choice('VR-011').newDeviceTokenOnVerify && known && state.remembersDevice(user, known) ? known : state.rememberDevice(user);
      state.deviceSessions.set(device, session.token);
      reply.header('set-cookie', sessionCookie('twoFactorAuth', device, state.clock.now()));
      return send(reply, 200, VERIFIED);
    },
  );
}

export function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
