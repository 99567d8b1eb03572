import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { betterAuth } from 'better-auth';
import { memoryAdapter } from 'better-auth/adapters/memory';
import { getAuthTables } from 'better-auth/db';
import { toNodeHandler } from 'better-auth/node';
import { perInstanceRateLimitStorage, type ConfigurationContext } from './context';
import { defaultsConfiguration } from './defaults';
import { hardenedConfiguration } from './hardened';
import { mailCallbacks, mailpitSender } from './mail';
import type { Weakening } from './weakened';

/**
 * The real better-auth framework (exact versions pinned in package.json), served on 127.0.0.1 by `node:http`: not a
 * mock. The embedded target starts one per run (support/core/target.ts), `npm run mocks` starts both configurations
 * for real-mode runs (mocks/cli.ts).
 */
export const CONFIGURATIONS = { defaults: defaultsConfiguration, hardened: hardenedConfiguration } as const;

export { weakeningNamed, WEAKENINGS } from './weakened';

export type ConfigurationName = keyof typeof CONFIGURATIONS;

export const BASE_PATH = '/api/auth';

export interface BetterAuthStart {
  configuration: ConfigurationName;
  /** The Mailpit-compatible mailbox its mail goes to (POST /api/v1/send). */
  mailboxUrl: string;
  /** One setting of the hardened configuration made weak: `npm run defects`'s misconfigurations (weakened.ts). */
  weakening?: Weakening;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface RunningBetterAuth {
  configuration: ConfigurationName;
  /** `http://127.0.0.1:<port>`: the deployment's base URL (BETTER_AUTH_BASE_URL). */
  origin: string;
  basePath: string;
  /** Where better-auth's API answers: origin + base path. */
  apiUrl: string;
  close(): Promise<void>;
}

export function configurationNamed(name: string | undefined): ConfigurationName {
  const chosen = name?.trim() || 'defaults';
  if (!(chosen in CONFIGURATIONS)) throw new Error(`BETTER_AUTH_CONFIGURATION="${name}" must be one of ${Object.keys(CONFIGURATIONS).join(', ')}`);
  return chosen as ConfigurationName;
}

export async function startBetterAuth(start: BetterAuthStart): Promise<RunningBetterAuth> {
  const host = start.host ?? '127.0.0.1';
  let handler: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
  // Listening first: the configuration needs its own address (baseURL, trusted origin) before better-auth is built.
  const server = createServer((request, response) => {
    if (handler) handler(request, response);
    else response.writeHead(503).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(start.port ?? 0, host, resolve);
  });
  try {
    const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
    const tables: Record<string, unknown[]> = {};
    const context: ConfigurationContext = {
      baseURL: origin,
      basePath: BASE_PATH,
      secret: randomBytes(32).toString('base64url'),
      database: memoryAdapter(tables),
      mail: mailCallbacks(mailpitSender(start.mailboxUrl)),
      rateLimitStorage: perInstanceRateLimitStorage(),
    };
    let options = start.weakening ? hardenedConfiguration(context, start.weakening.plugins) : CONFIGURATIONS[start.configuration](context);
    if (start.weakening?.options) options = start.weakening.options(options);
    // The memory adapter finds no table it was not given: each one the configuration uses (user, session, account,
    // verification, twoFactor, apikey…) starts empty.
    for (const table of Object.values(getAuthTables(options))) tables[table.modelName] = [];
    const auth = betterAuth(options);
    // Plugins and secrets are resolved now, not on the first request.
    await auth.$context;
    handler = toNodeHandler(auth);
    return { configuration: start.configuration, origin, basePath: BASE_PATH, apiUrl: `${origin}${BASE_PATH}`, close: () => closeServer(server) };
  } catch (error) {
    await closeServer(server);
    throw error;
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
