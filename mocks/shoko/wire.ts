import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { choice } from '../shared/profile';
import type { WireError } from '../shared/wire-errors';

/** ASP.NET Core's problem bodies as Shoko's `[ApiController]` sends them (`application/problem+json`). */
const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

function traceId(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
}

// Assumption SH-005 (specs/assumptions.yaml)
export function validationProblem(reply: FastifyReply, errors: Record<string, string[]>): FastifyReply {
  if (choice('SH-005').errorKeys === 'property-names') {
    errors = Object.fromEntries(Object.entries(errors).map(([key, messages]) => [key === '' ? '$' : key.charAt(0).toUpperCase() + key.slice(1), messages]));
  }
  return reply.code(400).header('content-type', PROBLEM_JSON).send(
    JSON.stringify({
      type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
      title: 'One or more validation errors occurred.',
      status: 400,
      traceId: traceId(),
      errors,
    }),
  );
}

export function problem(reply: FastifyReply, status: number, title: string, section: string): FastifyReply {
  return reply.code(status).header('content-type', PROBLEM_JSON).send(problemBody(status, title, section));
}

export function problemBody(status: number, title: string, section: string): string {
  return JSON.stringify({ type: `https://tools.ietf.org/html/rfc7231#section-${section}`, title, status, traceId: traceId() });
}

/** What Kestrel and ASP.NET answer before any controller runs: 400 for a malformed request, 431 for huge headers. */
export function wireProblem(status: number): WireError {
  return { contentType: PROBLEM_JSON, body: status === 431 ? problemBody(431, 'Request Header Fields Too Large', '6.5') : problemBody(400, 'Bad Request', '6.5.1') };
}

// Assumption SH-004 (specs/assumptions.yaml)
export function unauthorizedProblem(reply: FastifyReply): FastifyReply {
  if (choice('SH-004').wrongCredentialsBody === 'empty') return reply.code(401).send();
  if (choice('SH-004').wrongCredentialsBody === 'text') return reply.code(401).type('text/plain; charset=utf-8').send('Unauthorized');
  if (choice('SH-004').wrongCredentialsBody === 'rfc9110-plain') {
    return reply.code(401).header('content-type', PROBLEM_JSON).send(JSON.stringify({ type: 'https://tools.ietf.org/html/rfc9110#section-15.5.2', title: 'Unauthorized', status: 401 }));
  }
  return reply.code(401).header('content-type', PROBLEM_JSON).send(
    JSON.stringify({ type: 'https://tools.ietf.org/html/rfc7235#section-3.1', title: 'Unauthorized', status: 401, traceId: traceId() }),
  );
}

/** The authentication handler's default challenge: 401 with an empty body. */
// Assumption SH-006 (specs/assumptions.yaml)
export function challenge(reply: FastifyReply): FastifyReply {
  const { challengeBody, challengeStatus } = choice('SH-006');
  if (challengeBody === 'problem') return problem(reply, challengeStatus, challengeStatus === 401 ? 'Unauthorized' : 'Forbidden', challengeStatus === 401 ? '6.5.1' : '6.5.3');
  return reply.code(challengeStatus).send();
}
