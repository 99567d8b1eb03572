import type { FastifyInstance } from 'fastify';
import type { MockClock } from './clock';

/** Mock-only control of time: read it, or move it forward instead of sleeping. */
export function registerClockRoutes(app: FastifyInstance, clock: MockClock): void {
  app.get('/_mock/clock', async () => ({ now: clock.now(), mode: clock.mode }));

  app.post<{ Body: { seconds?: unknown } }>('/_mock/clock/advance', async (request, reply) => {
    const seconds = request.body?.seconds;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
      return reply.code(400).send({ error: 'seconds must be a non-negative number' });
    }
    clock.advance(seconds * 1000);
    return { now: clock.now(), mode: clock.mode };
  });
}
