import type { FastifyInstance } from 'fastify';
import type { AuthMethod, EnhanceState, Role } from './state';

const ROLES = { type: 'array', items: { type: 'string', enum: ['Owner', 'SuperAdmin', 'Business', 'SiteAccess', 'Support', 'Sysadmin'] } } as const;

/**
 * Mock-only: each scenario builds its own organisations (a reseller realm and its customers), tokens and
 * logins here, so that listings, sessions and one-time secrets never mix between scenarios.
 */
export function registerControlRoutes(app: FastifyInstance, state: EnhanceState): void {
  app.post<{ Body: { name: string; parentId?: string } }>(
    '/_mock/orgs',
    { schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, parentId: { type: 'string' } } } } },
    async (request, reply) => {
      const parentId = request.body.parentId ?? state.masterOrg.id;
      if (!state.orgs.has(parentId)) return reply.code(404).send({ code: 'not_found', message: 'parent organisation not found' });
      return reply.code(201).send({ id: state.createOrg(request.body.name, parentId).id });
    },
  );

  app.post<{ Params: { orgId: string }; Body: { roles: Role[] } }>(
    '/_mock/orgs/:orgId/access-tokens',
    { schema: { body: { type: 'object', required: ['roles'], properties: { roles: ROLES } } } },
    async (request, reply) => {
      if (!state.orgs.has(request.params.orgId)) return reply.code(404).send({ code: 'not_found', message: 'organisation not found' });
      return reply.code(201).send({ token: state.issueAccessToken(request.params.orgId, request.body.roles).token });
    },
  );

  app.post<{ Body: { email: string; name: string; password: string; authMethod?: AuthMethod; orgId: string; roles: Role[] } }>(
    '/_mock/logins',
    {
      schema: {
        body: {
          type: 'object',
          required: ['email', 'name', 'password', 'orgId', 'roles'],
          properties: {
            email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' },
            authMethod: { type: 'string', enum: ['basic', 'email', 'otp'] }, orgId: { type: 'string' }, roles: ROLES,
          },
        },
      },
    },
    async (request, reply) => {
      const { orgId, roles, ...input } = request.body;
      if (!state.orgs.has(orgId)) return reply.code(404).send({ code: 'not_found', message: 'organisation not found' });
      const login = state.createLogin(orgId, input);
      const membership = state.addMembership(login.id, orgId, roles);
      return reply.code(201).send({ id: login.id, memberId: membership.memberId, otpSecret: login.otpSecret ?? null });
    },
  );
}
