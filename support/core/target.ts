import type { RunningMocks } from '../../mocks/start-mocks';
import { describeProblems, loadDotEnv, readConfig, type Config } from './config';
import type { Family } from './families';

export interface FamilyTarget {
  baseUrl: string;
  userAgent: string;
  /** The family mock's own control API (accounts, organisations); only on the embedded mocks. */
  controlUrl?: string;
}

/**
 * Where a run's requests go. `mock` (the default) starts the embedded mocks inside this process on ephemeral
 * 127.0.0.1 ports (each parallel worker gets its own); `real` uses the servers and accounts named by the
 * environment, and only the families it configures.
 */
export interface Target {
  kind: 'mock' | 'real';
  families: Partial<Record<Family, FamilyTarget>>;
  /** The configuration read from the environment (real accounts live here). */
  config: Config;
  mailboxUrl: string | undefined;
  /** The mocks' shared control API (clock); undefined against real servers. */
  controlUrl: string | undefined;
  /** The embedded mocks' profile (MOCK_PROFILE, mocks/shared/profile.ts); undefined against real servers. */
  mockProfile?: string;
}

export const DEFAULT_USER_AGENT = 'authflow/0.1.0 (https://github.com/authflow/authflow; qa@authflow.test)';

let running: RunningMocks | undefined;
let current: Target | undefined;

export async function openTarget(): Promise<Target> {
  loadDotEnv();
  const { config, problems } = readConfig();
  if (problems.length > 0) throw new Error(describeProblems(problems));
  current = config.target === 'real' ? realTarget(config) : await embeddedMocks(config);
  return current;
}

async function embeddedMocks(config: Config): Promise<Target> {
  // Required here, not above: a run against real servers never loads the mocks (nor Fastify).
  const { startMocks } = require('../../mocks/start-mocks') as typeof import('../../mocks/start-mocks');
  const { Defects } = require('../../mocks/shared/defects') as typeof import('../../mocks/shared/defects');
  const { profileNamed } = require('../../mocks/shared/profile') as typeof import('../../mocks/shared/profile');
  // MOCK_DEFECTS plays known authentication bugs in the embedded mocks, for `npm run defects`; MOCK_PROFILE picks
  // the mocks' choice for every assumption register entry (mocks/shared/profile.ts).
  const mockProfile = profileNamed(process.env.MOCK_PROFILE);
  // MOCK_CHOICES: per-entry switches on top of the profile (`ID=NAME,…`).
  running = await startMocks({ clock: 'manual', defects: Defects.fromEnv(process.env.MOCK_DEFECTS), profile: mockProfile, switches: process.env.MOCK_CHOICES });
  const userAgent = process.env.VRCHAT_USER_AGENT ?? DEFAULT_USER_AGENT;
  const origin = (url: string) => new URL(url).origin;
  return {
    kind: 'mock',
    mockProfile,
    config,
    families: {
      VRChat: { baseUrl: running.urls.vrchat, userAgent, controlUrl: origin(running.urls.vrchat) },
      Enhance: { baseUrl: running.urls.enhance, userAgent: DEFAULT_USER_AGENT, controlUrl: origin(running.urls.enhance) },
      Shoko: { baseUrl: running.urls.shoko, userAgent: DEFAULT_USER_AGENT, controlUrl: running.urls.shoko },
    },
    mailboxUrl: running.urls.mailbox,
    controlUrl: running.urls.control,
  };
}

function realTarget(config: Config): Target {
  const families: Target['families'] = {};
  if (config.vrchat) families.VRChat = { baseUrl: config.vrchat.baseUrl, userAgent: config.vrchat.userAgent };
  if (config.enhance) families.Enhance = { baseUrl: config.enhance.baseUrl, userAgent: DEFAULT_USER_AGENT };
  if (config.shoko) families.Shoko = { baseUrl: config.shoko.baseUrl, userAgent: DEFAULT_USER_AGENT };
  return { kind: 'real', config, families, mailboxUrl: config.mailboxUrl, controlUrl: undefined };
}

export function currentTarget(): Target {
  if (!current) throw new Error('no target is open: the BeforeAll hook that opens it has not run');
  return current;
}

/** The family's servers in this run; a scenario of a family the run does not target is skipped before this. */
export function familyTarget(target: Target, family: Family): FamilyTarget {
  const found = target.families[family];
  if (!found) throw new Error(`this run does not target ${family}`);
  return found;
}

export async function closeTarget(): Promise<void> {
  await running?.close();
  running = undefined;
  current = undefined;
}
