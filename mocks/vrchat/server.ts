import { createHash } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { MockClock } from '../shared/clock';
import type { Defects } from '../shared/defects';
import type { Mailbox } from '../shared/mailbox';
import { choice } from '../shared/profile';
import { registerAccountRoutes } from './account-routes';
import { registerControlRoutes } from './control-routes';
import { registerLoginRoutes } from './login-routes';
import { VrchatState } from './state';
import { registerTwoFactorRoutes } from './two-factor-routes';
import { wireErrorOptions } from '../shared/wire-errors';
import { reflectOrigin } from '../shared/cross-origin-defects';
import { JSON_UTF8, NOT_IMPLEMENTED, quotedError, send, WAF_USER_AGENT } from './wire';

export const VRCHAT_API_PREFIX = '/api/1';

/** `Name/Version contact`: VRChat's WAF refuses anonymous or library-default agents. */
// Assumption VR-024 (specs/assumptions.yaml)
const IDENTIFYING_USER_AGENT = {
  'name-version-contact': /^[\w.-]+\/[\w.-]+\s+\S/,
  'name-version': /^[\w.-]+\/[\w.-]+/,
  // Stricter: the example contact of the guidelines is refused too (vrchatapi-javascript#7).
  'no-example-contact': /^(?!.*@example\.com)[\w.-]+\/[\w.-]+\s+\S/,
} as const;

/** The VRChat authentication API on a Fastify server: the 17 operations under `/api/1`, plus `/_mock` control. */
export function buildVrchatMock(clock: MockClock, mailbox: Mailbox, defects?: Defects): { app: FastifyInstance; state: VrchatState } {
  const state = new VrchatState(clock, mailbox, defects);
  const app = Fastify({
    logger: false,
    bodyLimit: 64 * 1024,
    ...wireErrorOptions((status, message) => ({ contentType: JSON_UTF8, body: quotedError(status, message) })),
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/_mock/')) return;
    if (!IDENTIFYING_USER_AGENT[choice('VR-024').userAgent].test(request.headers['user-agent'] ?? '')) {
      return send(reply, 403, WAF_USER_AGENT, 'application/json');
    }
  });

  // Assumption VR-026 (specs/assumptions.yaml)
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith(VRCHAT_API_PREFIX)) {
      reply.header('cache-control', 'private, no-cache');
      reply.header('pragma', 'no-cache');
      reply.header('x-frame-options', 'deny');
      reply.header('access-control-allow-credentials', 'true');
      reply.header('vary', choice('VR-026').varyOriginOnExists && request.url.startsWith(`${VRCHAT_API_PREFIX}/auth/exists`) ? 'Origin, Accept-Encoding' : 'Authorization, Accept-Encoding');
    }
  });

  // Assumption VR-026 (specs/assumptions.yaml): captures show an etag on 200 answers to GET; the default sends none.
  app.addHook('onSend', async (request, reply, payload) => {
    if (choice('VR-026').etag && request.method === 'GET' && reply.statusCode === 200 && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      reply.header('etag', `W/"${createHash('sha1').update(payload).digest('base64url').slice(0, 27)}"`);
    }
    return payload;
  });
  // Correct by default: CORS never names a caller's origin (mocks/shared/cross-origin-defects.ts).
  if (state.defects.has('vrchat-cors-any-origin')) app.addHook('onSend', async (request, reply) => reflectOrigin(request, reply));

  app.setNotFoundHandler(async (_request, reply) => send(reply, 404, NOT_IMPLEMENTED));

  // Bad input gets VRChat's own error envelope, never a crash or a framework-shaped body.
  // Assumption VR-023 (specs/assumptions.yaml)
  app.setErrorHandler(async (error: FastifyError, _request, reply) => {
    const status = error.validation ? choice('VR-023').validationStatus : error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    const message = status === 500 ? 'Internal Server Error' : choice('VR-023').validationMessage === 'generic' ? 'Bad request' : error.message;
    // The edge's answers carry no charset (vrchat-auth.md §1): a switch answers validation errors so.
    return send(reply, status, quotedError(status, message), status !== 500 && choice('VR-023').edgeBodies ? 'application/json' : undefined);
  });

  app.register(
    async (api) => {
      registerLoginRoutes(api, state);
      registerTwoFactorRoutes(api, state);
      registerAccountRoutes(api, state);
    },
    { prefix: VRCHAT_API_PREFIX },
  );

  // Where the 302s of the confirmation and login-place links land: the website, served here as stubs.
  app.get<{ Params: { page: string } }>('/home/:page', async (request, reply) =>
    reply.type('text/html; charset=utf-8').send(`<!doctype html><title>VRChat</title><p>${request.params.page.replace(/\W/g, '')}</p>`),
  );

  registerControlRoutes(app, state);
  return { app, state };
}
