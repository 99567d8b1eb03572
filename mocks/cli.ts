/**
 * `npm run mocks`: every mock (and the shared mailbox) as one process on 127.0.0.1, on the wall clock, until
 * SIGINT or SIGTERM. It seeds the accounts a `TARGET=real` run needs and prints the environment block that
 * points such a run at it (`--write-env PATH` also writes it to a file).
 * Ports: MOCK_VRCHAT_PORT, MOCK_ENHANCE_PORT, MOCK_SHOKO_PORT, MOCK_CONTROL_PORT (default: free ephemeral ports).
 * `--bench` (or MOCK_TOTP_REUSE=1) is the benchmark's setting (bench/WORKLOAD.md): VRChat accepts an authenticator
 * code again within its 30-second step, and the block tells authflow so and turns its pacing off.
 * `--extra-accounts N` (or MOCK_EXTRA_ACCOUNTS=N) seeds N more VRChat accounts with an authenticator app
 * (VRCHAT_TOTP_ACCOUNT_2_* …): a real-mode run then spreads its codes over their secrets.
 * `--email-account-by-address` names the VRChat account without an authenticator app by its email address in
 * VRCHAT_EMAIL_USERNAME (VRChat takes either), as a user may configure it.
 * `--choices ID=NAME,…` (or MOCK_CHOICES): per-entry switches on top of the profile (mocks/shared/profile.ts SWITCHES).
 * `--profile NAME` (or MOCK_PROFILE=NAME): `default` or `alternate`, the mocks' choice for every assumption register
 * entry (mocks/shared/profile.ts, specs/assumptions.yaml); the block's first line names it.
 * Next to the mocks it starts the real better-auth framework twice (servers/better-auth/), its mail going to the
 * mocks' mailbox: the defaults configuration, which the block points BETTER_AUTH_BASE_URL at (with an account,
 * BETTER_AUTH_EMAIL and BETTER_AUTH_PASSWORD, for a run that must not sign up its own), and the hardened one, named
 * on a comment line of the block (BETTER_AUTH_PORT and BETTER_AUTH_HARDENED_PORT fix their ports).
 */
import { writeFileSync } from 'node:fs';
import { BASE_PATH, startBetterAuth } from '../servers/better-auth/server';
import { seedBetterAuthAccount, seedRealModeAccounts } from './seed';
import { profileNamed } from './shared/profile';
import { startMocks } from './start-mocks';

async function main(): Promise<void> {
  const port = (name: string) => Number(process.env[name] ?? 0);
  const bench = process.argv.includes('--bench') || process.env.MOCK_TOTP_REUSE === '1';
  const profileFlag = process.argv.indexOf('--profile');
  const profile = profileNamed(profileFlag === -1 ? process.env.MOCK_PROFILE : process.argv[profileFlag + 1]);
  const choicesFlag = process.argv.indexOf('--choices');
  const switches = choicesFlag === -1 ? process.env.MOCK_CHOICES : process.argv[choicesFlag + 1];
  const mocks = await startMocks({
    profile,
    switches,
    clock: 'system',
    totpReuse: bench,
    ports: { vrchat: port('MOCK_VRCHAT_PORT'), enhance: port('MOCK_ENHANCE_PORT'), shoko: port('MOCK_SHOKO_PORT'), control: port('MOCK_CONTROL_PORT') },
  });
  const extraFlag = process.argv.indexOf('--extra-accounts');
  const extraAccounts = Number(extraFlag !== -1 ? process.argv[extraFlag + 1] : (process.env.MOCK_EXTRA_ACCOUNTS ?? 0));
  if (!Number.isInteger(extraAccounts) || extraAccounts < 0) throw new Error('--extra-accounts takes a whole number (of extra VRChat authenticator accounts)');
  const variables = await seedRealModeAccounts(mocks, { extraAccounts, emailAccountByAddress: process.argv.includes('--email-account-by-address') });
  const betterAuth = await Promise.all([
    startBetterAuth({ configuration: 'defaults', mailboxUrl: mocks.urls.mailbox, port: port('BETTER_AUTH_PORT') }),
    startBetterAuth({ configuration: 'hardened', mailboxUrl: mocks.urls.mailbox, port: port('BETTER_AUTH_HARDENED_PORT') }),
  ]);
  const [defaults, hardened] = betterAuth;
  Object.assign(variables, { BETTER_AUTH_BASE_URL: defaults?.origin, BETTER_AUTH_BASE_PATH: BASE_PATH }, await seedBetterAuthAccount(defaults?.apiUrl ?? '', mocks.urls.mailbox));
  // Pacing is politeness towards real servers; a benchmark on 127.0.0.1 measures the harness, not the pauses.
  if (bench) Object.assign(variables, { VRCHAT_TOTP_REUSE_ALLOWED: '1', REQUEST_INTERVAL_MS: '0' });
  const block = [
    `# authflow mocks on 127.0.0.1 (mock accounts, valid until these mocks stop), profile ${profile}${switches ? `, switches ${switches}` : ''}${bench ? '; benchmark setting: codes reusable within their step' : ''}`,
    // Quoted where a shell would split the value; `.env` readers take the quotes off.
    ...Object.entries(variables).map(([name, value]) => `${name}=${/\s/.test(value) ? `"${value}"` : value}`),
    `# better-auth, hardened configuration: BETTER_AUTH_BASE_URL=${hardened?.origin}`,
  ].join('\n');
  console.log(block);
  const envFile = process.argv.indexOf('--write-env');
  if (envFile !== -1 && process.argv[envFile + 1]) writeFileSync(process.argv[envFile + 1] as string, `${block}\n`, { mode: 0o600 });
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the mocks`);
    await Promise.allSettled([mocks.close(), ...betterAuth.map((server) => server.close())]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
