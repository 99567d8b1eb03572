import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { REALM_QUERY } from './session-routes';
import type { EnhanceState } from './state';
import { fail, sessionCookie } from './wire';
import { choice } from '../shared/profile';

/**
 * The panel's own address, where the mailed link must lead: the address the request reached (the socket's), never
 * what a header claims. A Host or X-Forwarded-Host of an attacker's choosing would put the secret in a link to
 * the attacker's site (password reset poisoning).
 */
function panelOrigin(request: FastifyRequest, state: EnhanceState): string {
  const claimed = request.headers['x-forwarded-host'];
  if (typeof claimed === 'string' && state.defects.has('enhance-reset-link-from-forwarded-host')) return `${request.protocol}://${claimed}`;
  const { localAddress = '127.0.0.1', localPort } = request.socket;
  return `${request.protocol}://${localAddress.includes(':') ? `[${localAddress}]` : localAddress}:${localPort}`;
}

const SECRET_QUERY = { type: 'object', required: ['secret'], properties: { secret: { type: 'string', format: 'uuid' } } } as const;

/** Password recovery: start (never reveals whether the email is known), validate the mailed secret, finish. */
export function registerRecoveryRoutes(app: FastifyInstance, state: EnhanceState): void {
  app.put<{ Body: { email: string }; Querystring: { realmId?: string } }>(
    '/login/password-recovery',
    { schema: { body: { type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email' } } }, querystring: REALM_QUERY } },
    async (request, reply) => {
      // `realmId` chooses the realm (spec text); a login outside it starts nothing, answered alike (a silent 200).
      const found = state.loginByEmail(request.body.email);
      const login = found && (!request.query.realmId || state.inRealm(found, request.query.realmId)) ? found : undefined;
      const origin = panelOrigin(request, state);
      // Assumption EN-011 (specs/assumptions.yaml)
      // Assumption EN-021 (specs/assumptions.yaml)
      if (login) state.startRecovery(login, (secret) => choice('EN-011').recoveryLink(origin, secret));
      if (!login && state.defects.has('enhance-reset-reveals-unknown-email')) return fail(reply, 404, 'not_found', 'No login with that email address');
      // The defect: the mail goes out before the answer, through a slow mail server, so a known address takes longer.
      if (login && state.defects.has('enhance-reset-slow-for-known-address')) await sleep(150);
      return reply.code(200).send();
    },
  );

  app.post<{ Querystring: { secret: string } }>(
    '/login/password-recovery/validate',
    { schema: { querystring: SECRET_QUERY } },
    async (request, reply) => {
      const login = state.recoveringLogin(request.query.secret);
      // Assumption EN-011 (specs/assumptions.yaml)
      if (!login) return unknownSecret(reply);
      // Assumption EN-014 (specs/assumptions.yaml)
      const obfuscatedEmail = choice('EN-014').obfuscate(login.email);
      return reply.send(obfuscatedEmail === undefined ? {} : { obfuscatedEmail });
    },
  );

  app.post<{ Querystring: { secret: string }; Body: { newPassword: string } }>(
    '/login/password-recovery',
    {
      schema: {
        querystring: SECRET_QUERY,
        body: { type: 'object', required: ['newPassword'], properties: { newPassword: { type: 'string', minLength: 1 } } },
      },
    },
    async (request, reply) => {
      const login = state.recoveringLogin(request.query.secret);
      if (!login) {
        const used = state.loginOfUsedRecovery(request.query.secret);
        if (used) state.setPassword(used, request.body.newPassword);
        return unknownSecret(reply);
      }
      // The defect: a round trip (a database write) between checking the secret and spending it.
      if (state.defects.has('enhance-reset-link-race')) await sleep(50);
      state.consumeRecovery(request.query.secret);
      state.setPassword(login, request.body.newPassword);
      // Whoever held a session with the old password is signed out (the spec is silent; this is the safe choice).
      // Assumption EN-012 (specs/assumptions.yaml)
      if (choice('EN-012').recoveryEndsSessions) state.endSessions(login.id);
      if (choice('EN-012').recoveryForgetsDevices) state.forgetDevices(login.id);
      // A reset proves the mailbox, not the second factor: it neither signs the login in nor turns the factor off.
      if (state.defects.has('enhance-reset-turns-off-second-factor')) login.authMethod = 'basic';
      if (state.defects.has('enhance-reset-signs-in')) reply.header('set-cookie', sessionCookie(state.startSession(login, 'active', { userAgent: '', ipAddr: request.ip }).token, state.defects));
      return reply.code(200).send();
    },
  );
}

/** An unknown, used or expired recovery secret: 400 (the only error the operations declare), or 404. */
// Assumption EN-011 (specs/assumptions.yaml)
function unknownSecret(reply: FastifyReply): FastifyReply {
  const status = choice('EN-011').unknownSecretStatus;
  return fail(reply, status, status === 404 ? 'not_found' : 'invalid_argument', 'The recovery link is invalid or has expired');
}
