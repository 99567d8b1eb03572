import type { RunningMocks } from '../../mocks/start-mocks';
import { HARDENED_TURNS_OFF } from '../../servers/better-auth/turned-off';
import { describeProblems, loadDotEnv, readConfig, type Config } from './config';
import type { Family } from './families';

export interface FamilyTarget {
  baseUrl: string;
  userAgent: string;
  /** The family mock's own control API (accounts, organisations); only on the embedded mocks. */
  controlUrl?: string;
  /**
   * Which configuration of the family's server the run measures, when the run knows it (the embedded better-auth's
   * `defaults` or `hardened`): the report names the family with it, "better-auth (hardened)".
   */
  variant?: string;
  /** The origin the server trusts, sent as `Origin` on every POST (better-auth refuses cookie-bearing POSTs without it). */
  origin?: string;
  /**
   * Each device of a scenario comes from an address of its own (X-Forwarded-For), as clients behind the reverse proxy
   * of a production deployment would: only for a server the run starts itself, never towards a real deployment.
   */
  ownClientAddresses?: boolean;
  /** What the server turns off that scenarios use (`@uses:<what>` tags), with why: those scenarios skip. */
  turnedOff?: Readonly<Record<string, string>>;
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
  /**
   * Families whose embedded server starts when the first scenario of the family does (better-auth): a run of other
   * families never loads it. `openFamily` starts it and moves it into `families`.
   */
  pending?: Partial<Record<Family, () => Promise<FamilyTarget>>>;
  /** What a pending family's server will turn off once started (its configuration says), with why. */
  embeddedTurnedOff?: Partial<Record<Family, Readonly<Record<string, string>>>>;
}

export const DEFAULT_USER_AGENT = 'authflow/0.1.0 (https://github.com/authflow/authflow; qa@authflow.test)';

let running: RunningMocks | undefined;
let current: Target | undefined;
/** What the embedded target started besides the mocks (the better-auth server), to stop at the end. */
const started: { close(): Promise<void> }[] = [];

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
    pending: { 'better-auth': () => embeddedBetterAuth(running?.urls.mailbox ?? '') },
    embeddedTurnedOff: { 'better-auth': process.env.BETTER_AUTH_CONFIGURATION?.trim() === 'hardened' ? HARDENED_TURNS_OFF : {} },
  };
}

/**
 * The real better-auth framework in this process, in the configuration BETTER_AUTH_CONFIGURATION names (`defaults`,
 * the default, or `hardened`; servers/better-auth/), or weakened (BETTER_AUTH_WEAKENED), its mail going to the run's
 * mailbox.
 */
async function embeddedBetterAuth(mailboxUrl: string): Promise<FamilyTarget> {
  // Required here, not above: only a run with better-auth scenarios loads the framework (~0.4 s).
  const { configurationNamed, startBetterAuth, weakeningNamed } = require('../../servers/better-auth/server') as typeof import('../../servers/better-auth/server');
  // BETTER_AUTH_WEAKENED: the hardened configuration with one setting made weak (`npm run defects`).
  const weakening = weakeningNamed(process.env.BETTER_AUTH_WEAKENED);
  const configuration = weakening ? 'hardened' : configurationNamed(process.env.BETTER_AUTH_CONFIGURATION);
  const server = await startBetterAuth({ configuration, mailboxUrl, weakening });
  started.push(server);
  return {
    baseUrl: server.apiUrl,
    userAgent: DEFAULT_USER_AGENT,
    variant: configuration,
    origin: server.origin,
    ownClientAddresses: true,
    turnedOff: configuration === 'hardened' ? HARDENED_TURNS_OFF : {},
  };
}

/** Starts a family's embedded server on first use (see Target.pending); nothing to do when it runs already. */
export async function openFamily(target: Target, family: Family): Promise<void> {
  const start = target.pending?.[family];
  if (!start) return;
  delete target.pending?.[family];
  target.families[family] = await start();
}

function realTarget(config: Config): Target {
  const families: Target['families'] = {};
  if (config.vrchat) families.VRChat = { baseUrl: config.vrchat.baseUrl, userAgent: config.vrchat.userAgent };
  if (config.enhance) families.Enhance = { baseUrl: config.enhance.baseUrl, userAgent: DEFAULT_USER_AGENT };
  if (config.shoko) families.Shoko = { baseUrl: config.shoko.baseUrl, userAgent: DEFAULT_USER_AGENT };
  if (config.betterAuth) {
    const { baseUrl, basePath, origin, turnedOff } = config.betterAuth;
    families['better-auth'] = { baseUrl: `${baseUrl}${basePath}`, userAgent: DEFAULT_USER_AGENT, origin, turnedOff };
  }
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
  await Promise.allSettled(started.splice(0).map((server) => server.close()));
  await running?.close();
  running = undefined;
  current = undefined;
}
