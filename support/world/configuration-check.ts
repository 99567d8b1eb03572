import type { Config } from '../core/config';
import { mailpitProblem } from '../core/mailbox';
import { SessionCache } from '../core/session-cache';
import { DEFAULT_USER_AGENT } from '../core/target';
import { HttpClient } from '../http/client';
import { betterAuthConfigurationProblems } from '../better-auth/configuration-check';
import { enhanceConfigurationProblems } from '../enhance/configuration-check';
import { shokoConfigurationProblems } from '../shoko/configuration-check';
import { vrchatConfigurationProblems } from '../vrchat/configuration-check';

/**
 * The configuration check that knows the contract (issue 19): before the first request of a real run, what the
 * APIs let a client check cheaply, one message per problem, in the words of `.env.example` (the variables' own check,
 * support/core/config.ts, comes first). Each family's part is in its folder; no authenticator code is spent.
 */
export async function contractProblems(config: Config): Promise<string[]> {
  const client = (baseUrl: string, userAgent = DEFAULT_USER_AGENT) => () => new HttpClient({ baseUrl, userAgent, politeness: config.politeness });
  const checks: Promise<string[]>[] = [];
  if (config.vrchat) checks.push(vrchatConfigurationProblems(config.vrchat, client(config.vrchat.baseUrl, config.vrchat.userAgent), new SessionCache()));
  if (config.enhance) checks.push(enhanceConfigurationProblems(config.enhance, client(config.enhance.baseUrl)));
  if (config.shoko) checks.push(shokoConfigurationProblems(config.shoko, client(config.shoko.baseUrl)));
  if (config.betterAuth) checks.push(betterAuthConfigurationProblems(config.betterAuth, client(`${config.betterAuth.baseUrl}${config.betterAuth.basePath}`)));
  if (config.mailboxUrl) checks.push(mailpitProblem(client(config.mailboxUrl)()).then((problem) => (problem ? [problem] : [])));
  return (await Promise.all(checks)).flat();
}
