import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Defects } from '../shared/defects';
import { ShokoState, type ShokoUser } from './state';
import { wireErrorOptions } from '../shared/wire-errors';
import { choice } from '../shared/profile';
import { challenge, problem, unauthorizedProblem, validationProblem, wireProblem } from './wire';

/** Marks a body that is not JSON, so the error handler answers with a validation problem, not a crash. */
class BodyNotJsonError extends Error {
  readonly statusCode = 400;
}

/** Shoko's JSON input formatter also takes text/plain (still parsed as JSON); an empty body binds to null. */
const JSON_TYPES = /^(application\/(json|[\w.-]+\+json)|text\/(json|plain))\s*(;|$)/i;

// Assumption SH-009 (specs/assumptions.yaml)
const AUTH_PREFIXES = ['/api/auth', '/api/v3/api/auth']; // the second is the path the generated client calls

interface NewUserBody {
  username: string;
  password: string;
  isAdmin?: boolean;
}

/** Shoko Server's AuthApi as in v4.2 (`/api/auth`), plus `GET /api/v3/User/Current` to observe a key. */
export function buildShokoMock(defects?: Defects): { app: FastifyInstance; state: ShokoState } {
  const state = new ShokoState(defects);
  // ASP.NET routes are case-insensitive (`/api/auth/changepassword` works too).
  const app = Fastify({ logger: false, bodyLimit: choice('SH-009').bodyLimitBytes, routerOptions: { caseSensitive: false }, ...wireErrorOptions(wireProblem) });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(JSON_TYPES, { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, null);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(new BodyNotJsonError(`'${text.trim()[0]}' is an invalid start of a value. ${(error as Error).message}`), undefined);
    }
  });

  app.setNotFoundHandler(async (_request, reply) => reply.code(404).send());
  // Assumption SH-009 (specs/assumptions.yaml)
  app.setErrorHandler(async (error: FastifyError, _request, reply) => {
    if (error instanceof BodyNotJsonError) return validationProblem(reply, { '': [error.message] });
    if (error.statusCode === 415) return problem(reply, 415, 'Unsupported Media Type', '6.5.13');
    if (error.statusCode === 413) return problem(reply, 413, 'Payload Too Large', '6.5.11');
    if (error.statusCode && error.statusCode < 500) return problem(reply, 400, 'Bad Request', '6.5.1');
    return problem(reply, 500, 'An error occurred while processing your request.', '6.6.1');
  });

  // Assumption SH-009 (specs/assumptions.yaml)
  for (const prefix of choice('SH-009').alias ? AUTH_PREFIXES : AUTH_PREFIXES.slice(0, 1)) {
    app.post<{ Body: unknown }>(prefix, async (request, reply) => {
      // Assumption SH-003 (specs/assumptions.yaml)
      if (request.body === null && choice('SH-003').emptySignInBody === 'empty-500') return reply.code(500).send();
      const parsed = readAuthUser(request.body);
      if ('errors' in parsed) return validationProblem(reply, parsed.errors);
      if (state.defects.has('shoko-device-key-without-password')) {
        const named = state.userNamed(parsed.user);
        const existing = named && state.existingKey(named, parsed.device);
        if (existing) return reply.send({ apikey: existing });
      }
      if (state.defects.has('shoko-sign-in-reveals-unknown-user') && !state.userNamed(parsed.user)) {
        return reply.code(401).header('content-type', 'application/problem+json; charset=utf-8').send(
          JSON.stringify({ type: 'https://tools.ietf.org/html/rfc7235#section-3.1', title: 'Unauthorized', status: 401, detail: 'No user with this username', traceId: '00-0-0-00' }),
        );
      }
      const user = state.authenticate(parsed.user, parsed.pass);
      if (!user) return unauthorizedProblem(reply);
      return reply.send({ apikey: state.keyFor(user, parsed.device) });
    });

    // Anyone who knows a key can revoke it; always 200, even for an unknown or missing key.
    app.delete<{ Querystring: { apikey?: string | string[] } }>(prefix, async (request, reply) => {
      const keys = [request.query.apikey ?? []].flat();
      keys.forEach((key) => state.deleteKey(key));
      return reply.code(200).send();
    });

    app.post<{ Body: unknown }>(`${prefix}/ChangePassword`, async (request, reply) => {
      const user = caller(state, request, 'password-change');
      if (!user && state.defects.has('shoko-password-change-without-key')) return reply.code(200).send();
      // Assumption SH-001 (specs/assumptions.yaml)
      // Assumption SH-002 (specs/assumptions.yaml)
      const withoutKey = choice('SH-001').changePasswordWithoutKey;
      if (!user && withoutKey === 'problem-401') return problem(reply, 401, 'Unauthorized', '6.5.1');
      if (!user) return withoutKey === 'empty-401' ? challenge(reply) : problem(reply, 500, 'An error occurred while processing your request.', '6.6.1');
      if (request.body === null && choice('SH-002').emptyChangePasswordBody === 'problem-500') return problem(reply, 500, 'An error occurred while processing your request.', '6.6.1');
      if (request.body === null && choice('SH-002').emptyChangePasswordBody === 'unsupported-415') return problem(reply, 415, 'Unsupported Media Type', '6.5.13');
      if (typeof request.body !== 'string') {
        return validationProblem(reply, { '': ['The new password must be a JSON string, such as "n3wSecret".'] });
      }
      state.changePassword(user, request.body);
      return reply.code(200).send();
    });
  }

  // Assumption SH-008 (specs/assumptions.yaml)
  app.get('/api/v3/User/Current', async (request, reply) => {
    const user = caller(state, request);
    if (!user) return challenge(reply);
    const fuller = choice('SH-008').fullerUser ? { RestrictedTags: [], IsAniDBUser: false, IsTraktUser: false, Plex: null } : {};
    return reply.send({ ID: user.id, Username: user.username, IsAdmin: user.isAdmin, CommunitySites: {}, Avatar: '', Tags: [], ...fuller });
  });

  // Mock-only: the harness creates each scenario's users with passwords it generated.
  app.post<{ Body: NewUserBody }>(
    '/_mock/users',
    { schema: { body: { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string', minLength: 1 }, password: { type: 'string' }, isAdmin: { type: 'boolean' } } } } },
    async (request, reply) => {
      const user = state.createUser(request.body.username, request.body.password, request.body.isAdmin ?? false);
      return reply.code(201).send({ id: user.id });
    },
  );

  return { app, state };
}

/** Every `apikey` header value, then every `apikey` query value: the first that resolves to a user wins. */
// Assumption SH-008 (specs/assumptions.yaml)
function caller(state: ShokoState, request: FastifyRequest, purpose: 'use' | 'password-change' = 'use'): ShokoUser | undefined {
  const header = request.headers.apikey;
  const query = (request.query as { apikey?: string | string[] } | undefined)?.apikey;
  const every = choice('SH-008').everyKeyValueTried;
  const values = [header ?? [], query ?? []].flat().flatMap((value) => value.split(','));
  const candidates = every ? values : values.slice(0, 1);
  for (const candidate of candidates) {
    const user = state.userOfKey(candidate, purpose);
    if (user) return user;
  }
  return undefined;
}

/** `{user, pass, device}` with `[Required]` semantics; property names match case-insensitively (Newtonsoft). */
function readAuthUser(body: unknown): { user: string; pass: string; device: string } | { errors: Record<string, string[]> } {
  // Assumption SH-003 (specs/assumptions.yaml)
  // Assumption SH-005 (specs/assumptions.yaml)
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { errors: { '': ['A non-empty request body is required.'] } };
  }
  const field = (name: string): unknown => Object.entries(body).find(([key]) => key.toLowerCase() === name)?.[1];
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  const [user, pass, device] = [text(field('user')), text(field('pass')), text(field('device'))];
  const errors: Record<string, string[]> = {};
  if (!user?.trim()) errors.user = ['Username is required'];
  if (pass === undefined) errors.pass = ['Password is required'];
  if (!device?.trim()) errors.device = ['Device is required'];
  if (Object.keys(errors).length > 0 || user === undefined || pass === undefined || device === undefined) return { errors };
  return { user, pass, device };
}
