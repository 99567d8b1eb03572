import { apiKey } from '@better-auth/api-key';
import type { BetterAuthOptions } from 'better-auth';
import { emailOTP, magicLink, openAPI, twoFactor } from 'better-auth/plugins';
import type { ConfigurationContext } from './context';
import { defaultsConfiguration } from './defaults';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * better-auth configured the way its documentation recommends for production (better-auth.com/docs/reference/security,
 * /docs/concepts/rate-limit, /docs/concepts/session-management, /docs/concepts/cookies,
 * /docs/authentication/email-password, /docs/plugins/2fa, /docs/plugins/email-otp, /docs/plugins/magic-link,
 * /docs/plugins/api-key), with figures from OWASP ASVS where the docs leave the value to the team (a 12-character
 * minimum, above the 8 of 5.0.0's 6.2.1, toward the 15 it recommends; sessions that end within 12 hours, as 4.0.3's
 * 3.3.2 asked at L2, 5.0.0's 7.3.2 leaving the figure to the team). It is the defaults configuration
 * (defaults.ts) with these changes; each says where it comes from.
 */
/** Options of the hardened configuration's plugins changed by a weakened configuration (weakened.ts), nothing else. */
export interface PluginChanges {
  twoFactor?: Partial<Parameters<typeof twoFactor>[0]>;
}

export function hardenedConfiguration(context: ConfigurationContext, changes: PluginChanges = {}): BetterAuthOptions {
  const base = defaultsConfiguration(context);
  const { mail } = context;
  return {
    ...base,
    emailAndPassword: {
      ...base.emailAndPassword,
      enabled: true,
      // docs/authentication/email-password: no session before the address is confirmed; with it, a sign-up with a
      // taken address answers like a new one (no account enumeration).
      requireEmailVerification: true,
      autoSignIn: false,
      // ASVS 5.0.0 6.2.1 and 6.2.9: at least 12 characters (6.2.1 asks 8 and recommends 15), at most 128 (better-auth's
      // default maximum; 6.2.9 asks that 64 be allowed).
      minPasswordLength: 12,
      maxPasswordLength: 128,
      // docs/reference/security, password reset: a short-lived link, and every session ended by a reset.
      resetPasswordTokenExpiresIn: 15 * MINUTE,
      revokeSessionsOnPasswordReset: true,
    },
    emailVerification: {
      ...base.emailVerification,
      sendOnSignUp: true,
      sendOnSignIn: true,
      expiresIn: 15 * MINUTE,
    },
    user: {
      changeEmail: { enabled: true, sendChangeEmailConfirmation: mail.changeEmailConfirmation },
      // docs/concepts/users-accounts: a deletion confirmed from the mailbox, not by whoever holds the session.
      deleteUser: { enabled: true, sendDeleteAccountVerification: mail.deleteAccount },
    },
    // docs/concepts/session-management: a session lasts 8 hours, is extended at most every 15 minutes, and counts as
    // fresh (for sensitive changes) for 5 minutes.
    session: { expiresIn: 8 * HOUR, updateAge: 15 * MINUTE, freshAge: 5 * MINUTE },
    // docs/concepts/rate-limit: on in every environment (the default turns it on in production only), with the
    // built-in stricter rules for sign-in, sign-up and password changes, and a tighter one for second factors.
    rateLimit: {
      enabled: true,
      window: 10,
      max: 100,
      customStorage: context.rateLimitStorage,
      customRules: { '/two-factor/*': { window: MINUTE, max: 10 } },
    },
    advanced: {
      // docs/concepts/cookies: Secure cookies (with the __Secure- prefix) everywhere, not only in production.
      useSecureCookies: true,
      // docs/reference/options, advanced.ipAddress: the client's address comes from the reverse proxy in front of
      // the server, here on this machine. The harness plays that proxy for the embedded server: each device of a
      // scenario comes from an address of its own (RFC 5737 TEST-NET-3), so limits count per client, as behind a
      // real proxy. A run against a real deployment sends no such header.
      ipAddress: { ipAddressHeaders: ['x-forwarded-for'], trustedProxies: ['127.0.0.1'] },
    },
    plugins: [
      twoFactor({
        // docs/plugins/2fa: a short sign-in challenge, trusted devices for a week rather than 30 days, the account
        // locked after 5 wrong codes (default 10), emailed codes of 3 minutes with 3 tries, stored hashed.
        twoFactorCookieMaxAge: 5 * MINUTE,
        trustDeviceMaxAge: 7 * DAY,
        accountLockout: { enabled: true, maxFailedAttempts: 5, durationSeconds: 15 * MINUTE },
        otpOptions: { sendOTP: mail.twoFactorCode, period: 3, allowedAttempts: 3, storeOTP: 'hashed' },
        backupCodeOptions: { storeBackupCodes: 'encrypted' },
        ...changes.twoFactor,
      }),
      // docs/plugins/email-otp and /docs/plugins/magic-link: codes and links stored hashed, few tries, and no
      // account created by signing in with an unknown address.
      emailOTP({ sendVerificationOTP: mail.emailCode, expiresIn: 5 * MINUTE, allowedAttempts: 3, storeOTP: 'hashed', disableSignUp: true, changeEmail: { enabled: true } }),
      magicLink({ sendMagicLink: mail.magicLink, expiresIn: 5 * MINUTE, allowedAttempts: 1, storeToken: 'hashed', disableSignUp: true }),
      openAPI(),
      apiKey({
        // The plugin's types: "This is not recommended for production use". Keys are then for the application's
        // own code (auth.api.verifyApiKey), not sessions: the scenarios that use a key over HTTP skip, saying so.
        enableSessionForAPIKeys: false,
        requireName: true,
        // docs/plugins/api-key: keys that expire (30 days unless asked otherwise, at most 90) and are rate limited.
        // The types document defaultExpiresIn in milliseconds, but 1.7.x applies it as seconds (FINDINGS gotcha 9:
        // 30 days in milliseconds gave an expiry in 2109), so the value is in seconds.
        keyExpiration: { defaultExpiresIn: 30 * DAY, maxExpiresIn: 90 },
        rateLimit: { enabled: true, timeWindow: 60 * 1000, maxRequests: 60 },
      }),
    ],
  };
}
