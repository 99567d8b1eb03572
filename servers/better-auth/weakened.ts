import type { BetterAuthOptions } from 'better-auth';
import type { PluginChanges } from './hardened';

/**
 * Weakened configurations: the hardened configuration (hardened.ts) with one setting a team could get wrong, each
 * the equivalent of a mock defect (mocks/shared/defects.ts). `npm run defects` starts the embedded server in each
 * (BETTER_AUTH_WEAKENED=name) and runs the better-auth features of the flows it names: the scenario written to catch
 * it must fail, or the suite would not notice that misconfiguration in a team's deployment (one that only some
 * other scenario trips is "caught only elsewhere", and fails the command like a survivor).
 */
export interface Weakening {
  /** The behaviour the weakening breaks, in a sentence. */
  breaks: string;
  /**
   * The scenario(s) written to catch it, as a mock defect names them: a better-auth scenario by its title, or every
   * better-auth scenario tagged for an ASVS requirement (`{ asvs: id }`); at least one of them must fail.
   */
  caughtBy: readonly (string | { asvs: string })[];
  /** The flows (feature tags) the run covers, all of their scenarios: those of `caughtBy` among them. */
  flows: string;
  options?: (options: BetterAuthOptions) => BetterAuthOptions;
  plugins?: PluginChanges;
}

const DAY = 24 * 60 * 60;
const YEAR = 365 * DAY;

export const WEAKENINGS: Record<string, Weakening> = {
  'better-auth-session-cookie-readable': {
    breaks: 'The session cookie is set without HttpOnly (advanced.cookies.session_token.attributes.httpOnly: false), so page scripts can read it.',
    caughtBy: [{ asvs: '3.3.4' }],
    flows: '@session-cookie',
    options: (options) => ({ ...options, advanced: { ...options.advanced, cookies: { ...options.advanced?.cookies, session_token: { attributes: { httpOnly: false } } } } }),
  },
  'better-auth-session-cookie-cross-site': {
    breaks: 'The session cookie is set SameSite=None (advanced.defaultCookieAttributes), so requests other sites trigger carry it.',
    caughtBy: [{ asvs: '3.3.2' }],
    flows: '@session-cookie',
    options: (options) => ({ ...options, advanced: { ...options.advanced, defaultCookieAttributes: { sameSite: 'none', secure: true } } }),
  },
  'better-auth-sessions-survive-reset': {
    breaks: 'A password reset leaves the other sessions alive (emailAndPassword.revokeSessionsOnPasswordReset: false).',
    caughtBy: ["A password reset ends Bella's other sessions"],
    flows: '@password-reset',
    options: (options) => ({ ...options, emailAndPassword: { enabled: true, ...options.emailAndPassword, revokeSessionsOnPasswordReset: false } }),
  },
  'better-auth-no-rate-limit': {
    breaks: 'Rate limiting is off (rateLimit.enabled: false), so passwords can be guessed as fast as the server answers.',
    caughtBy: ["Guessing Bella's password from one place is slowed down"],
    flows: '@signing-up',
    options: (options) => ({ ...options, rateLimit: { ...options.rateLimit, enabled: false } }),
  },
  'better-auth-short-passwords': {
    breaks: 'Passwords of 6 characters are accepted (emailAndPassword.minPasswordLength: 6), under the 8 of ASVS 5.0.0 6.2.1.',
    caughtBy: ['A password shorter than 8 characters is refused'],
    flows: '@signing-up',
    options: (options) => ({ ...options, emailAndPassword: { enabled: true, ...options.emailAndPassword, minPasswordLength: 6 } }),
  },
  'better-auth-sign-up-reveals-accounts': {
    breaks: 'Sign-up signs in at once and asks no confirmation (requireEmailVerification: false, autoSignIn: true), so a taken address is refused as taken.',
    caughtBy: ['Signing up with an address that has an account does not tell so'],
    flows: '@signing-up',
    options: (options) => ({ ...options, emailAndPassword: { enabled: true, ...options.emailAndPassword, requireEmailVerification: false, autoSignIn: true } }),
  },
  'better-auth-sessions-last-a-year': {
    breaks: 'A session lasts a year (session.expiresIn), far past the 30 days after which ASVS asks for the password again.',
    caughtBy: ['A session lasts 30 days at most before the password is asked again'],
    flows: '@sessions',
    options: (options) => ({ ...options, session: { ...options.session, expiresIn: YEAR } }),
  },
  'better-auth-trusted-device-for-months': {
    // The longest the framework takes: a cookie may not last over 400 days (RFC 6265bis), it refuses more with a 500.
    breaks: 'A trusted device is trusted for 300 days (twoFactor trustDeviceMaxAge), so it skips the second factor for most of a year.',
    caughtBy: ['A device is trusted for 30 days at most'],
    flows: '@trusted-devices',
    plugins: { twoFactor: { trustDeviceMaxAge: 300 * DAY } },
  },
  'better-auth-no-second-factor-lockout': {
    breaks: 'Wrong authenticator codes never lock the account (twoFactor accountLockout off): a guesser who knows the password may go on.',
    caughtBy: ['Guessing codes keeps even the right code out for a while'],
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
