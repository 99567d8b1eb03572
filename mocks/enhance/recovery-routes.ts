import type { FastifyInstance, FastifyReply } from 'fastify';
import { REALM_QUERY } from './session-routes';
import type { EnhanceState } from './state';
import { fail } from './wire';
import { choice } from '../shared/profile';

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
      const origin = `${request.protocol}://${request.host}`;
      // Assumption EN-011 (specs/assumptions.yaml)
      // Assumption EN-021 (specs/assumptions.yaml)
      if (login) state.startRecovery(login, (secret) => choice('EN-011').recoveryLink(origin, secret));
      if (!login && state.defects.has('enhance-reset-reveals-unknown-email')) return fail(reply, 404, 'not_found', 'No login with that email address');
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
      if (!login) return unknownSecret(reply);
      state.consumeRecovery(request.query.secret);
      state.setPassword(login, request.body.newPassword);
      // Whoever held a session with the old password is signed out (the spec is silent; this is the safe choice).
      // Assumption EN-012 (specs/assumptions.yaml)
      if (choice('EN-012').recoveryEndsSessions) state.endSessions(login.id);
      if (choice('EN-012').recoveryForgetsDevices) state.forgetDevices(login.id);
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
