import type { Config } from '../core/config';
import type { HttpClient } from '../http/client';
import { secrets } from '../redaction/secrets';
import { uniqueSuffix } from '../core/unique';
import { ShokoDriver } from './driver';

/**
 * Before a real run: the configured Shoko user signs in with what was given, on a device of this check's own (a
 * real user's devices are never touched), and the key it got is deleted again. One message per problem.
 */
export async function shokoConfigurationProblems(config: NonNullable<Config['shoko']>, newClient: () => HttpClient): Promise<string[]> {
  secrets.add(config.password);
  try {
    const driver = new ShokoDriver(newClient());
    const signIn = await driver.login({ user: config.user, pass: config.password, device: `authflow-${uniqueSuffix()}-check` });
    if (signIn.status !== 200) return [`SHOKO_USER and SHOKO_PASSWORD: the server refused the sign-in (${signIn.status})`];
    const key = signIn.json<{ apikey?: string }>().apikey;
    if (key) {
      secrets.add(key);
      await driver.deleteKey(key);
    }
    return [];
  } catch (error) {
    return [`the Shoko server at SHOKO_BASE_URL=${config.baseUrl} cannot be reached: ${error instanceof Error ? error.message : String(error)}`];
  }
}
