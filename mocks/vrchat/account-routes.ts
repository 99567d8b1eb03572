import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentUser } from './current-user';
import { origin } from './login-routes';
import { callerOf, guard } from './session-guard';
import type { VrchatState } from './state';
import { EMAIL_SENT, EXISTS_NEEDS_A_NAME, notAuthorized, quotedError, send, sessionCookie } from './wire';
import { choice } from '../shared/profile';

/** The deprecated `POST /auth/register` body, as RegisterUserAccountRequest in the spec: every field required. */
const REGISTER_BODY = {
  type: 'object',
  required: ['acceptedTOSVersion', 'captchaCode', 'day', 'email', 'month', 'password', 'subscribe', 'username', 'year'],
  properties: {
    acceptedTOSVersion: { type: 'integer' },
    captchaCode: { type: 'string' },
    day: { type: 'string' },
    email: { type: 'string' },
    month: { type: 'string' },
    password: { type: 'string', minLength: 8 },
    subscribe: { type: 'boolean' },
    username: { type: 'string', minLength: 4, maxLength: 15 },
    year: { type: 'string' },
  },
} as const;

interface RegisterBody {
  email: string;
  password: string;
  username: string;
}

/** Account operations around authentication: existence checks, deletion, email confirmation, login places. */
export function registerAccountRoutes(app: FastifyInstance, state: VrchatState): void {
  app.get<{ Querystring: Record<string, string | undefined> }>('/auth/exists', async (request, reply) => {
    const { username, email, displayName, excludeUserId } = request.query;
    if (!username && !email && !displayName) return send(reply, 400, EXISTS_NEEDS_A_NAME);
    const userExists = [
      username && state.findByName('username', username, excludeUserId),
      email && state.findByName('email', email, excludeUserId),
      displayName && state.findByName('displayName', displayName, excludeUserId),
    ].some(Boolean);
    if (!username) return send(reply, 200, JSON.stringify({ userExists }));
    // Assumption VR-021 (specs/assumptions.yaml)
    const nameOk = username.length >= 4 && username.length <= 15 && (choice('VR-021').nameOkWhenTaken || !userExists);
    return send(reply, 200, JSON.stringify({ nameOk, userExists }));
  });

  app.put<{ Params: { userId: string } }>(
    '/users/:userId/delete',
    { onRequest: guard(state, 'authenticated', true) },
    async (request, reply) => {
      const { user } = callerOf(request);
      // Assumption VR-020 (specs/assumptions.yaml)
      if (request.params.userId !== user.id) {
        const refusal = notAuthorized();
        return send(reply, refusal.status, refusal.body);
      }
      state.scheduleDeletion(user);
      return reply.send(currentUser(user));
    },
  );

  app.post('/auth/user/resendEmail', { onRequest: guard(state, 'authenticated') }, async (request, reply) => {
    const { user } = callerOf(request);
    state.mailEmailConfirmation(user, confirmationLink(request, user.id));
    return send(reply, 200, EMAIL_SENT);
  });

  app.get<{ Querystring: { id?: string; verify_email?: string } }>('/auth/confirmEmail', async (request, reply) => {
    const { id, verify_email: token } = request.query;
    if (!id || !token) return send(reply, 400, quotedError(400, 'id and verify_email are required'));
    const user = state.users.get(id);
    // Assumption VR-017 (specs/assumptions.yaml)
    const { answer, badTokenStatus, failedPage, verifiedPage } = choice('VR-017');
    if (!user || !user.emailConfirmationToken || user.emailConfirmationToken !== token) {
      if (badTokenStatus === 400) return send(reply, 400, quotedError(400, 'Invalid email verification token'));
      return answer === 'page' ? page(reply, failedPage) : reply.redirect(failedPage, 302);
    }
    user.emailVerified = true;
    user.emailConfirmationToken = undefined;
    return answer === 'page' ? page(reply, verifiedPage) : reply.redirect(verifiedPage, 302);
  });

  app.get<{ Querystring: { userId?: string; token?: string } }>('/auth/verifyLoginPlace', async (request, reply) => {
    const { userId, token } = request.query;
    if (!token) return send(reply, 400, quotedError(400, 'token is required'));
    const user = [...state.users.values()].find(
      (candidate) => candidate.loginPlaceToken === token && (!userId || candidate.id === userId),
    );
    // Assumption VR-016 (specs/assumptions.yaml)
    const { answer, failedPage, verifiedPage } = choice('VR-016');
    if (!user) return answer === 'page' ? page(reply, failedPage) : reply.redirect(failedPage, 302);
    user.requiresLoginPlaceCheck = false;
    user.loginPlaceToken = undefined;
    return answer === 'page' ? page(reply, verifiedPage) : reply.redirect(verifiedPage, 302);
  });

  app.post<{ Body: RegisterBody }>('/auth/register', { schema: { body: REGISTER_BODY } }, async (request, reply) => {
    const { email, password, username } = request.body;
    if (state.findByName('username', username) || state.findByName('email', email)) {
      // Assumption VR-022 (specs/assumptions.yaml)
      const status = choice('VR-022').takenStatus;
      return send(reply, status, quotedError(status, 'Username or email is already taken'));
    }
    const user = state.createUser({ username, email, password });
    const session = state.startSession(user, 'authenticated');
    state.mailEmailConfirmation(user, confirmationLink(request, user.id));
    reply.header('set-cookie', sessionCookie('auth', session.token, state.clock.now()));
    return reply.send(currentUser(user, { authToken: session.token }));
  });
}

/** The link a confirmation mail carries, on the host the request came in on. */
function confirmationLink(request: FastifyRequest, userId: string): (token: string) => string {
  return (token) => `${origin(request)}/api/1/auth/confirmEmail?id=${userId}&verify_email=${token}`;
}

/** A mail link answered with a page of its own instead of a redirect (a switch of VR-016 and VR-017). */
function page(reply: FastifyReply, path: string): FastifyReply {
  return reply.code(200).type('text/html; charset=utf-8').send(`<!doctype html><title>VRChat</title><p>${path.replace(/\W/g, ' ').trim()}</p>`);
}
