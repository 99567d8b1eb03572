import type { FastifyInstance } from 'fastify';
import type { NewUser, VrchatState } from './state';

const NEW_ACCOUNT = {
  type: 'object',
  required: ['username', 'email', 'password'],
  properties: {
    username: { type: 'string', minLength: 1 },
    displayName: { type: 'string' },
    email: { type: 'string', minLength: 3 },
    password: { type: 'string', minLength: 1 },
    totpSecret: { type: 'string' },
    recoveryCodes: { type: 'array', items: { type: 'string' } },
    requiresLoginPlaceCheck: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;

/**
 * Mock-only: the harness creates each scenario's accounts here, with secrets it generated, so that scenarios
 * never share an account (and so never share TOTP replay state, lockouts or sessions).
 */
export function registerControlRoutes(app: FastifyInstance, state: VrchatState): void {
  app.post<{ Body: NewUser }>('/_mock/accounts', { schema: { body: NEW_ACCOUNT } }, async (request, reply) => {
    const user = state.createUser(request.body);
    return reply.code(201).send({ id: user.id, recoveryCodes: user.recoveryCodes.map((entry) => entry.code) });
  });
}
