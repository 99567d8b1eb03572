import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { MockClock } from '../shared/clock';
import type { Defects } from '../shared/defects';
import type { Mailbox } from '../shared/mailbox';
import { registerAdminRoutes } from './admin-routes';
import { registerControlRoutes } from './control-routes';
import { registerLoginRoutes } from './login-routes';
import { registerRecoveryRoutes } from './recovery-routes';
import { registerSessionRoutes } from './session-routes';
import { EnhanceState } from './state';
import { wireErrorOptions } from '../shared/wire-errors';
import { fail } from './wire';
import { choice } from '../shared/profile';
import { parseJson, reflectOrigin } from '../shared/cross-origin-defects';

export const ENHANCE_API_PREFIX = '/api';

/** The Enhance control panel's LoginsApi (orchd) under `/api`, plus `/_mock` control. */
export function buildEnhanceMock(clock: MockClock, mailbox: Mailbox, defects?: Defects): { app: FastifyInstance; state: EnhanceState } {
  const state = new EnhanceState(clock, mailbox, defects);
  const app = Fastify({
    logger: false,
    bodyLimit: 256 * 1024,
    ...wireErrorOptions((status, message) => ({
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ code: status === 431 ? 'header_too_large' : 'invalid_argument', message }),
    })),
  });

  // Correct by default: no CORS header, and JSON only when declared as JSON (mocks/shared/cross-origin-defects.ts).
  if (state.defects.has('enhance-cors-any-origin')) app.addHook('onSend', async (request, reply) => reflectOrigin(request, reply));
  if (state.defects.has('enhance-json-in-any-content-type')) app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => parseJson(String(body), done));
  // Assumption EN-030 (specs/assumptions.yaml)
  else if (choice('EN-030').bodyNotDeclaredJson === 'unsupported-415') app.removeContentTypeParser('text/plain');

  app.setNotFoundHandler(async (_request, reply) => fail(reply, 404, 'not_found', 'Not found'));
  // Bad input gets the one error shape, never a crash or a framework-shaped body.
  // Assumption EN-001 (specs/assumptions.yaml)
  app.setErrorHandler(async (error: FastifyError, _request, reply) => {
    if (error.validation) return fail(reply, 400, 'invalid_argument', error.message);
    if (error.statusCode === 413) return fail(reply, 413, 'payload_too_large', 'The request body is too large');
    if (error.statusCode && error.statusCode < 500) return fail(reply, error.statusCode === 415 ? 415 : 400, 'invalid_argument', error.message);
    return fail(reply, 500, 'internal', 'Internal server error');
  });

  app.register(
    async (api) => {
      registerSessionRoutes(api, state);
      registerRecoveryRoutes(api, state);
      registerLoginRoutes(api, state);
      registerAdminRoutes(api, state);
    },
    { prefix: ENHANCE_API_PREFIX },
  );
  registerControlRoutes(app, state);
  return { app, state };
}
