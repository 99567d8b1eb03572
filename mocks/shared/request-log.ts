import type { FastifyInstance } from 'fastify';

/**
 * Counts the API requests the mocks answered, per `api method route status` (the route as the API documents it,
 * without the base path): the benchmark reads it to prove that an implementation made exactly the workload's
 * requests. Control routes (`/_mock/…`) are not counted.
 */
export class RequestLog {
  readonly #counts = new Map<string, number>();

  /** Counts every answered request of `app`; `prefix` is the API's base path (`/api/1`), left out of the route. */
  watch(app: FastifyInstance, api: string, prefix = ''): void {
    app.addHook('onResponse', async (request, reply) => {
      if (request.url.startsWith('/_mock/')) return;
      const pattern = request.routeOptions.url;
      const route = pattern === undefined ? '(no route)' : pattern.startsWith(prefix) ? pattern.slice(prefix.length) || '/' : pattern;
      const key = `${api} ${request.method} ${route} ${reply.statusCode}`;
      this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    });
  }

  counts(): Record<string, number> {
    return Object.fromEntries([...this.#counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.#counts.clear();
  }
}

/** `GET /_mock/requests` reads the counts, `DELETE /_mock/requests` starts them again from zero. */
export function registerRequestLogRoutes(app: FastifyInstance, log: RequestLog): void {
  app.get('/_mock/requests', async () => log.counts());
  app.delete('/_mock/requests', async (_request, reply) => {
    log.reset();
    return reply.code(204).send();
  });
}
