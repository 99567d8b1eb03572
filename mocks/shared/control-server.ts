import Fastify, { type FastifyInstance } from 'fastify';
import type { MockClock } from './clock';
import { registerClockRoutes } from './clock-routes';
import type { Mailbox } from './mailbox';
import { registerMailboxRoutes } from './mailbox-routes';

/** What every family's mock shares: the mailbox (served as Mailpit's API) and the clock control. */
export function buildControlServer(clock: MockClock, mailbox: Mailbox): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024 });
  registerMailboxRoutes(app, mailbox);
  registerClockRoutes(app, clock);
  return app;
}
