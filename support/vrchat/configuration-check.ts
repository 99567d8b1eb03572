import type { Config } from '../core/config';
import type { SessionCache } from '../core/session-cache';
import type { HttpClient } from '../http/client';
import type { HttpResponse } from '../http/response';
import { secrets } from '../redaction/secrets';
import { VrchatDriver } from './driver';
import { sessionKeyOf } from './tasks';
import { errorMessage, type TwoFactorChallenge, type VrchatError } from './types';

interface ConfiguredAccount {
  /** The variables that name it, for the message. */
  variables: string;
  username: string;
  password: string;
  /** What its login must ask for: an authenticator code, or a code by email. */
  expects: 'totp' | 'emailOtp';
}

/**
 * Before a real run: each configured VRChat account signs in with what was given, without spending a code. A session
 * kept from an earlier run (the session cache) answers for its account; otherwise a Basic login must stop at the
 * second factor the configuration says the account has, and that pending session is logged out again. A login of
 * the account without an authenticator app mails it a code, which the run does not read. One message per problem.
 */
export async function vrchatConfigurationProblems(config: NonNullable<Config['vrchat']>, newClient: () => HttpClient, sessions: SessionCache): Promise<string[]> {
  const accounts: ConfiguredAccount[] = [
    { variables: 'VRCHAT_USERNAME and VRCHAT_PASSWORD', username: config.username, password: config.password, expects: 'totp' },
    ...config.extraTotpAccounts.map((account, index) => ({ variables: `VRCHAT_TOTP_ACCOUNT_${index + 2}_USERNAME and _PASSWORD`, ...account, expects: 'totp' as const })),
    ...(config.emailAccount ? [{ variables: 'VRCHAT_EMAIL_USERNAME and VRCHAT_EMAIL_PASSWORD', ...config.emailAccount, expects: 'emailOtp' as const }] : []),
  ];
  const problems: string[] = [];
  for (const account of accounts) {
    secrets.add(account.password);
    const problem = await accountProblem(config.baseUrl, account, newClient, sessions).catch((error: unknown) => `VRChat at VRCHAT_BASE_URL=${config.baseUrl} cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
    if (problem) problems.push(problem);
    // One unreachable server is one message, not one per account.
    if (problem?.includes('cannot be reached')) break;
  }
  return problems;
}

async function accountProblem(baseUrl: string, account: ConfiguredAccount, newClient: () => HttpClient, sessions: SessionCache): Promise<string | undefined> {
  const cached = sessions.get(sessionKeyOf(baseUrl, account.username));
  if (cached?.auth) {
    const client = newClient();
    for (const [name, value] of Object.entries(cached)) await client.jar.put(name, value, client.baseUrl);
    const check = await new VrchatDriver(client).getCurrentUser();
    if (check.status === 200 && typeof check.json<{ id?: unknown }>().id === 'string') return undefined;
  }
  const driver = new VrchatDriver(newClient());
  const login = await driver.getCurrentUser({ username: account.username, password: account.password });
  if (login.status !== 200) return refusal(login, account);
  const methods = login.json<Partial<TwoFactorChallenge>>().requiresTwoFactorAuth;
  // The pending session is ended (a server may refuse a pending session's logout: it then expires by itself).
  await driver.logout().catch(() => undefined);
  if (!Array.isArray(methods)) return undefined;
  if (!methods.includes(account.expects)) {
    return account.expects === 'totp'
      ? `${account.variables}: the account's login asks for ${methods.join(', ')}, not an authenticator code: name the account whose authenticator secret is configured`
      : `${account.variables}: the account's login asks for ${methods.join(', ')}, not a code by email: name an account without an authenticator app`;
  }
  return undefined;
}

function refusal(response: HttpResponse, account: ConfiguredAccount): string {
  const message = /json/i.test(response.header('content-type') ?? '') ? safeMessage(response) : '';
  if (response.status === 401 && /somewhere new/i.test(message)) return `${account.variables}: VRChat asks to confirm a login from this new place first (it mailed the account a link); open it, then run again`;
  if (response.status === 401) return `${account.variables}: VRChat refused them (401${message ? `: ${message}` : ''})`;
  if (response.status === 403) return `VRChat refused the login of ${account.variables} with 403${message ? ` (${message})` : ''}: check VRCHAT_USER_AGENT (Name/Version contact)`;
  return `${account.variables}: the login answered ${response.status}${message ? ` (${message})` : ''}`;
}

function safeMessage(response: HttpResponse): string {
  try {
    return errorMessage(response.json<VrchatError>());
  } catch {
    return '';
  }
}
