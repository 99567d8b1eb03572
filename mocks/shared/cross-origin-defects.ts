import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * What the mocks do only when told to play a cross-origin defect (mocks/shared/defects.ts). A correct mock sends no
 * CORS header that names a caller's origin (ASVS 3.4.2), and takes a JSON body only when it is declared as JSON, so
 * a form on another site cannot post one without a preflight (ASVS 3.5.2).
 */

/** CORS that trusts every site: the caller's Origin echoed back, with credentials allowed. */
export function reflectOrigin(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  if (!origin) return;
  reply.header('access-control-allow-origin', origin);
  reply.header('access-control-allow-credentials', 'true');
}

/** A text/plain body read as JSON, as a lenient parser would: what a form on another site can send without a preflight. */
export function parseJson(body: string, done: (error: Error | null, value?: unknown) => void): void {
  try {
    done(null, JSON.parse(body));
  } catch (error) {
    done(Object.assign(error as Error, { statusCode: 400 }));
  }
}
