import type { FastifyInstance } from 'fastify';
import { MockClock, type ClockMode } from './shared/clock';
import { buildControlServer } from './shared/control-server';
import type { Defects } from './shared/defects';
import { Mailbox } from './shared/mailbox';
import { buildEnhanceMock, ENHANCE_API_PREFIX } from './enhance/server';
import { buildShokoMock } from './shoko/server';
import { buildVrchatMock, VRCHAT_API_PREFIX } from './vrchat/server';

export interface RunningMocks {
  /** Base URLs as a real deployment would name them (the VRChat one ends in `/api/1`). */
  urls: { vrchat: string; enhance: string; shoko: string; mailbox: string; control: string };
  clock: MockClock;
  close(): Promise<void>;
}

export interface MockOptions {
  clock?: ClockMode;
  /** 0 (the default) picks free ephemeral ports. */
  ports?: Partial<Record<'vrchat' | 'enhance' | 'shoko' | 'control', number>>;
  host?: string;
  /** Authentication bugs to play (see mocks/shared/defects.ts); none by default. */
  defects?: Defects;
}

/** Starts every family's mock plus the shared mailbox and clock control, all on 127.0.0.1. */
export async function startMocks(options: MockOptions = {}): Promise<RunningMocks> {
  const host = options.host ?? '127.0.0.1';
  const clock = new MockClock(options.clock ?? 'manual');
  const mailbox = new Mailbox(clock);
  const servers: FastifyInstance[] = [];
  const listen = async (app: FastifyInstance, port = 0): Promise<string> => {
    servers.push(app);
    await app.listen({ host, port });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('mock server has no TCP address');
    return `http://${host}:${address.port}`;
  };
  try {
    const control = await listen(buildControlServer(clock, mailbox), options.ports?.control);
    const vrchat = await listen(buildVrchatMock(clock, mailbox, options.defects).app, options.ports?.vrchat);
    const enhance = await listen(buildEnhanceMock(clock, mailbox, options.defects).app, options.ports?.enhance);
    const shoko = await listen(buildShokoMock(options.defects).app, options.ports?.shoko);
    return {
      urls: { vrchat: `${vrchat}${VRCHAT_API_PREFIX}`, enhance: `${enhance}${ENHANCE_API_PREFIX}`, shoko, mailbox: control, control },
      clock,
      close: () => closeAll(servers),
    };
  } catch (error) {
    await closeAll(servers);
    throw error;
  }
}

async function closeAll(servers: FastifyInstance[]): Promise<void> {
  await Promise.allSettled(servers.map((server) => server.close()));
}
