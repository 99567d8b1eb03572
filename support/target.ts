import { startMocks, type RunningMocks } from '../mocks/start-mocks';

/**
 * Where a run's requests go. `mock` (the default) starts the embedded mocks inside this process on ephemeral
 * 127.0.0.1 ports (each parallel worker gets its own); real servers are named by environment variables.
 */
export interface Target {
  kind: 'mock' | 'real';
  /** `controlUrl` is the VRChat mock's own control API (account provisioning); mocks only. */
  vrchat: { baseUrl: string; userAgent: string; controlUrl: string | undefined };
  /** `controlUrl` is the Enhance mock's own control API (organisations, tokens, logins); mocks only. */
  enhance: { baseUrl: string; controlUrl: string | undefined };
  /** `controlUrl` is the Shoko mock's own control API (user provisioning); mocks only. */
  shoko: { baseUrl: string; controlUrl: string | undefined };
  mailboxUrl: string | undefined;
  /** The mocks' control API (clock, account provisioning); undefined against real servers. */
  controlUrl: string | undefined;
}

export const DEFAULT_USER_AGENT = 'authflow/0.1.0 (https://github.com/authflow/authflow; qa@authflow.test)';

let running: RunningMocks | undefined;
let current: Target | undefined;

export async function openTarget(env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  const kind = (env.TARGET ?? 'mock').toLowerCase();
  if (kind !== 'mock') {
    throw new Error(`TARGET=${env.TARGET} is not supported yet: only the embedded mocks (TARGET unset or "mock") can be targeted`);
  }
  running = await startMocks({ clock: 'manual' });
  current = {
    kind: 'mock',
    vrchat: {
      baseUrl: running.urls.vrchat,
      userAgent: env.VRCHAT_USER_AGENT ?? DEFAULT_USER_AGENT,
      controlUrl: new URL(running.urls.vrchat).origin,
    },
    enhance: { baseUrl: running.urls.enhance, controlUrl: new URL(running.urls.enhance).origin },
    shoko: { baseUrl: running.urls.shoko, controlUrl: running.urls.shoko },
    mailboxUrl: running.urls.mailbox,
    controlUrl: running.urls.control,
  };
  return current;
}

export function currentTarget(): Target {
  if (!current) throw new Error('no target is open: the BeforeAll hook that opens it has not run');
  return current;
}

export async function closeTarget(): Promise<void> {
  await running?.close();
  running = undefined;
  current = undefined;
}
