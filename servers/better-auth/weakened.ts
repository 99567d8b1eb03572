import type { BetterAuthOptions } from 'better-auth';
import type { PluginChanges } from './hardened';

/**
 * Weakened configurations: the hardened configuration (hardened.ts) with one setting a team could get wrong, each
 * the equivalent of a mock defect (mocks/shared/defects.ts). `npm run defects` starts the embedded server in each
 * (BETTER_AUTH_WEAKENED=name) and runs the better-auth features of the flows it names: some scenario must fail, or
 * the suite would not notice that misconfiguration in a team's deployment.
 */
export interface Weakening {
  description: string;
  /** The flows (feature tags) whose scenarios are expected to notice it; the run covers all of their scenarios. */
  flows: string;
  options?: (options: BetterAuthOptions) => BetterAuthOptions;
  plugins?: PluginChanges;
}

const DAY = 24 * 60 * 60;
const YEAR = 365 * DAY;

export const WEAKENINGS: Record<string, Weakening> = {
  'better-auth-session-cookie-readable': {
    description: 'The session cookie is set without HttpOnly (advanced.cookies.session_token.attributes.httpOnly: false), so page scripts can read it.',
    flows: '@signing-up or @authenticator-app',
    options: (options) => ({ ...options, advanced: { ...options.advanced, cookies: { ...options.advanced?.cookies, session_token: { attributes: { httpOnly: false } } } } }),
  },
  'better-auth-session-cookie-cross-site': {
    description: 'The session cookie is set SameSite=None (advanced.defaultCookieAttributes), so requests other sites trigger carry it.',
    flows: '@signing-up',
    options: (options) => ({ ...options, advanced: { ...options.advanced, defaultCookieAttributes: { sameSite: 'none', secure: true } } }),
  },
  'better-auth-sessions-survive-reset': {
    description: 'A password reset leaves the other sessions alive (emailAndPassword.revokeSessionsOnPasswordReset: false).',
    flows: '@password-reset',
    options: (options) => ({ ...options, emailAndPassword: { enabled: true, ...options.emailAndPassword, revokeSessionsOnPasswordReset: false } }),
  },
  'better-auth-no-rate-limit': {
    description: 'Rate limiting is off (rateLimit.enabled: false), so passwords can be guessed as fast as the server answers.',
    flows: '@signing-up',
    options: (options) => ({ ...options, rateLimit: { ...options.rateLimit, enabled: false } }),
  },
  'better-auth-short-passwords': {
    description: 'Passwords of 8 characters are accepted (emailAndPassword.minPasswordLength: 8).',
    flows: '@signing-up',
    options: (options) => ({ ...options, emailAndPassword: { enabled: true, ...options.emailAndPassword, minPasswordLength: 8 } }),
  },
  'better-auth-sign-up-reveals-accounts': {
    description: 'Sign-up signs in at once and asks no confirmation (requireEmailVerification: false, autoSignIn: true), so a taken address is refused as taken.',
    flows: '@signing-up',
    options: (options) => ({ ...options, emailAndPassword: { enabled: true, ...options.emailAndPassword, requireEmailVerification: false, autoSignIn: true } }),
  },
  'better-auth-sessions-last-a-year': {
    description: 'A session lasts a year (session.expiresIn), far past the 30 days after which ASVS asks for the password again.',
    flows: '@sessions',
    options: (options) => ({ ...options, session: { ...options.session, expiresIn: YEAR } }),
  },
  'better-auth-trusted-device-for-months': {
    // The longest the framework takes: a cookie may not last over 400 days (RFC 6265bis), it refuses more with a 500.
    description: 'A trusted device is trusted for 300 days (twoFactor trustDeviceMaxAge), so it skips the second factor for most of a year.',
    flows: '@trusted-devices',
    plugins: { twoFactor: { trustDeviceMaxAge: 300 * DAY } },
  },
  'better-auth-no-second-factor-lockout': {
    description: 'Wrong authenticator codes never lock the account (twoFactor accountLockout off): a guesser who knows the password may go on.',
    flows: '@authenticator-app',
    plugins: { twoFactor: { accountLockout: { enabled: false } } },
  },
};

export type WeakeningName = keyof typeof WEAKENINGS;

/** The weakening BETTER_AUTH_WEAKENED names, or none; a misspelt name stops the run instead of testing nothing. */
export function weakeningNamed(name: string | undefined): Weakening | undefined {
  if (!name?.trim()) return undefined;
  const weakening = WEAKENINGS[name.trim()];
  if (!weakening) throw new Error(`BETTER_AUTH_WEAKENED names "${name}", none of ${Object.keys(WEAKENINGS).join(', ')} (servers/better-auth/weakened.ts)`);
  return weakening;
}
