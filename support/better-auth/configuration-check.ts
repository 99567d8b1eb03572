import type { Config } from '../core/config';
import type { HttpClient } from '../http/client';
import { secrets } from '../redaction/secrets';
import { BetterAuthDriver } from './driver';

/**
 * Before a real run: the deployment answers better-auth's health check under BETTER_AUTH_BASE_URL and
 * BETTER_AUTH_BASE_PATH, and the account BETTER_AUTH_EMAIL lends (where sign-up is off) signs in with its password
 * alone, on a device of this check's own, and is signed out again. One message per problem.
 */
export async function betterAuthConfigurationProblems(config: NonNullable<Config['betterAuth']>, newClient: () => HttpClient): Promise<string[]> {
  const where = `BETTER_AUTH_BASE_URL=${config.baseUrl} and BETTER_AUTH_BASE_PATH=${config.basePath}`;
  try {
    const driver = new BetterAuthDriver(newClient(), { origin: config.origin });
    const health = await driver.ok();
    if (health.status !== 200 || health.json<{ ok?: unknown }>()?.ok !== true) return [`${where}: the health check (GET /ok) answered ${health.status}, not better-auth's {"ok":true}: is the base path right?`];
    if (!config.account) return [];
    secrets.add(config.account.password);
    const signIn = await driver.signIn({ email: config.account.email, password: config.account.password });
    if (signIn.status !== 200) return [`BETTER_AUTH_EMAIL and BETTER_AUTH_PASSWORD: the deployment refused the sign-in (${signIn.status})`];
    if (signIn.json<{ twoFactorRedirect?: boolean }>()?.twoFactorRedirect) return ['BETTER_AUTH_EMAIL: the account asks for a second factor; the lent account must sign in with its password alone'];
    await driver.signOut();
    return [];
  } catch (error) {
    return [`the better-auth deployment at ${where} cannot be reached: ${error instanceof Error ? error.message : String(error)}`];
  }
}
