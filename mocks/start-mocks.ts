import type { FastifyInstance } from 'fastify';
import { MockClock, type ClockMode } from './shared/clock';
import { buildControlServer } from './shared/control-server';
import type { Defects } from './shared/defects';
import { Mailbox } from './shared/mailbox';
import { answerWithDocumentsMinimum } from './shared/documents-minimum';
import { choice, useProfile, useSwitches, type ProfileName } from './shared/profile';
import { registerRequestLogRoutes, RequestLog } from './shared/request-log';
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
  /** The benchmark setting: VRChat accepts an authenticator code again within its 30-second step. */
  totpReuse?: boolean;
  /** Which choice the mocks make for every assumption register entry (mocks/shared/profile.ts); one per process. */
  profile?: ProfileName;
  /** Per-entry switches on top of the profile (`ID=NAME,…`, mocks/shared/profile.ts SWITCHES). */
  switches?: string;
}

/** Starts every family's mock plus the shared mailbox and clock control, all on 127.0.0.1. */
export async function startMocks(options: MockOptions = {}): Promise<RunningMocks> {
  const host = options.host ?? '127.0.0.1';
  useProfile(options.profile ?? 'default');
  useSwitches(options.switches);
  const clock = new MockClock(options.clock ?? 'manual');
  const mailbox = new Mailbox(clock);
  const servers: FastifyInstance[] = [];
  // Every API request is counted (the control server serves the counts): the benchmark checks them.
  const requests = new RequestLog();
  const listen = async (app: FastifyInstance, port = 0): Promise<string> => {
    servers.push(app);
    await app.listen({ host, port });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('mock server has no TCP address');
    return `http://${host}:${address.port}`;
  };
  try {
    const controlApp = buildControlServer(clock, mailbox);
    registerRequestLogRoutes(controlApp, requests);
    const control = await listen(controlApp, options.ports?.control);
    const vrchatMock = buildVrchatMock(clock, mailbox, options.defects);
    vrchatMock.state.totpReuseAllowed = options.totpReuse ?? false;
    requests.watch(vrchatMock.app, 'vrchat', VRCHAT_API_PREFIX);
    // Assumption VR-027 (specs/assumptions.yaml)
    if (choice('VR-027').emptyFields === 'documents-minimum') await answerWithDocumentsMinimum(vrchatMock.app, 'VRChat');
    const vrchat = await listen(vrchatMock.app, options.ports?.vrchat);
    const enhanceApp = buildEnhanceMock(clock, mailbox, options.defects).app;
    requests.watch(enhanceApp, 'enhance', ENHANCE_API_PREFIX);
    // Assumption EN-029 (specs/assumptions.yaml)
    if (choice('EN-029').emptyFields === 'documents-minimum') await answerWithDocumentsMinimum(enhanceApp, 'Enhance');
    const enhance = await listen(enhanceApp, options.ports?.enhance);
    const shokoApp = buildShokoMock(options.defects).app;
    requests.watch(shokoApp, 'shoko');
    // Assumption SH-010 (specs/assumptions.yaml)
    if (choice('SH-010').emptyFields === 'documents-minimum') await answerWithDocumentsMinimum(shokoApp, 'Shoko');
    const shoko = await listen(shokoApp, options.ports?.shoko);
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
