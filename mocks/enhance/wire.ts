import type { FastifyReply } from 'fastify';
import { NO_DEFECTS, type Defects } from '../shared/defects';
import { choice } from '../shared/profile';

/**
 * The spec declares no body for Enhance's 4xx; the mock answers them all in its one error shape,
 * `{"code":…,"message":…}` (the spec's `HttpError`), with the spec's descriptions as messages.
 */
// Assumption EN-001 (specs/assumptions.yaml)
export function fail(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  const { errorBody } = choice('EN-001');
  if (errorBody === 'empty') return reply.code(status).send();
  if (errorBody === 'text') return reply.code(status).type('text/plain; charset=utf-8').send(message);
  if (errorBody === 'detail') return reply.code(status).send({ code, message, detail: message });
  if (errorBody === 'other-codes') return reply.code(status).send({ code: `E_${code.toUpperCase()}`, message });
  return reply.code(status).send({ code, message });
}

export const INVALID_SESSION = ['unauthorized', 'Invalid session'] as const;
export const INVALID_CREDENTIALS = ['unauthorized', 'Invalid credentials'] as const;
export const INSUFFICIENT_PRIVILEGES = ['forbidden', 'Insufficient privileges'] as const;

/** `id0` carries the session JWT; the attributes are the mock's choice (the spec documents none). */
// Assumption EN-008 (specs/assumptions.yaml)
export function sessionCookie(token: string, defects: Defects = NO_DEFECTS): string {
  if (defects.has('enhance-cookie-cross-site-insecure')) return `id0=${token}; Path=/; HttpOnly; SameSite=None`;
  return `id0=${token}; ${choice('EN-008').cookieAttributes}`;
}

// Assumption EN-008 (specs/assumptions.yaml)
export function clearedSessionCookie(): string {
  return `id0=; ${choice('EN-008').cookieAttributes.replace(/; Max-Age=\d+/, '')}; Max-Age=0`;
}
