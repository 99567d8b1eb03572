import type { FastifyReply, FastifyRequest } from 'fastify';
import { parse as parseCookies } from 'cookie';
import type { Session, VrchatState, VrchatUser } from './state';
import { MISSING_CREDENTIALS, REQUIRES_TWO_FACTOR, send } from './wire';

export interface Caller {
  session: Session;
  user: VrchatUser;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
}

export function cookiesOf(request: FastifyRequest): Record<string, string | undefined> {
  return parseCookies(request.headers.cookie ?? '');
}

export function sessionOf(state: VrchatState, request: FastifyRequest): Session | undefined {
  const token = cookiesOf(request).auth;
  return token ? state.sessions.get(token) : undefined;
}

/**
 * `onRequest` guards, so that a missing cookie is answered 401 before the body is even parsed (VRChat answers
 * "Missing Credentials" to a verify request without a cookie, whatever its body).
 *
 * - `pendingOrAuthenticated`: the 2FA verify endpoints and logout.
 * - `authenticated`: everything else; a pending session gets 401 "Requires Two-Factor Authentication", and any
 *   authenticated request cancels a scheduled deletion (except `keepDeletion`, the deletion request itself).
 */
export function guard(state: VrchatState, need: 'pendingOrAuthenticated' | 'authenticated', keepDeletion = false) {
  // A hook that answers returns the reply: Fastify then runs no handler, whatever the onSend hooks await.
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const session = sessionOf(state, request);
    if (!session) return send(reply, 401, MISSING_CREDENTIALS);
    if (need === 'authenticated' && session.state !== 'authenticated' && !state.defects.has('vrchat-pending-session-accepted')) {
      return send(reply, 401, REQUIRES_TWO_FACTOR);
    }
    const user = state.userOf(session);
    if (session.state === 'authenticated' && !keepDeletion) state.cancelDeletion(user);
    request.caller = { session, user };
    return undefined;
  };
}

/** The caller a guard put on the request (a route without a guard has none). */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new Error(`route ${request.url} has no session guard`);
  return request.caller;
}
