import { apiKey } from '@better-auth/api-key';
import type { BetterAuthOptions } from 'better-auth';
import { emailOTP, magicLink, openAPI, twoFactor } from 'better-auth/plugins';
import type { ConfigurationContext } from './context';

/**
 * better-auth as a team gets it when it follows the framework's getting-started pages: every option at its default
 * except where a comment says why. "Default" means the value in the pinned version's own option types
 * (@better-auth/core/dist/types/init-options.d.mts and each plugin's types), which the docs repeat
 * (better-auth.com/docs/reference/options, /docs/plugins/*).
 *
 * The features judge this configuration: where a default falls short of what they ask (a short minimum password,
 * sessions that survive a password reset, no rate limiting outside production…), the scenario fails, and
 * expectations/better-auth-defaults.yaml lists it as a known deviation with the documentation that says so.
 */
export function defaultsConfiguration(context: ConfigurationContext): BetterAuthOptions {
  const { mail } = context;
  return {
    // Not defaults, the deployment itself: where it runs, its secret (32 random bytes per start; better-auth warns
    // about a weak one) and its only trusted origin, its own address.
    appName: 'authflow',
    baseURL: context.baseURL,
    basePath: context.basePath,
    secret: context.secret,
    trustedOrigins: [context.baseURL],
    // The memory adapter, so that nothing has to be set up; every table is created before the first request
    // (server.ts).
    database: context.database as BetterAuthOptions['database'],
    // Off by default already (it is opt-in); said outright because nothing may leave the machine.
    telemetry: { enabled: false },
    // The run's console is the report's: better-auth's own log lines (refused origins in negative scenarios) would
    // be noise there. BETTER_AUTH_LOG=error (or warn, info, debug) shows them.
    logger: process.env.BETTER_AUTH_LOG ? { level: process.env.BETTER_AUTH_LOG as 'error' } : { disabled: true },
    // Email and password sign-in is off by default; it is the flow most scenarios start with. Without a
    // sendResetPassword callback there is no password reset, and without sendVerificationEmail no address can be
    // confirmed: both send through the run's mailbox (mail.ts).
    emailAndPassword: {
      enabled: true,
      sendResetPassword: mail.resetPassword,
    },
    emailVerification: {
      sendVerificationEmail: mail.verifyEmail,
    },
    user: {
      // Both are off by default. Changing the address is one of the account flows; deleting an account is how a
      // run against a real deployment removes the users it created (its footprint).
      changeEmail: { enabled: true, sendChangeEmailConfirmation: mail.changeEmailConfirmation },
      deleteUser: { enabled: true },
    },
    // Still off outside production (`enabled` is left at its default); when it is on, its buckets belong to this
    // server alone instead of the process-wide default store (context.ts says why).
    rateLimit: { customStorage: context.rateLimitStorage },
    plugins: [
      // The plugins the features exercise, each at its defaults plus the callback that sends its mail.
      twoFactor({ otpOptions: { sendOTP: mail.twoFactorCode } }),
      // Changing the address by emailed code is off by default; the account flow uses it.
      emailOTP({ sendVerificationOTP: mail.emailCode, changeEmail: { enabled: true } }),
      magicLink({ sendMagicLink: mail.magicLink }),
      // The API description the contract checks are held against (specs/better-auth/) is this plugin's.
      openAPI(),
      // enableSessionForAPIKeys is off by default, and then a key can be used only by the application's own code
      // (auth.api.verifyApiKey, no HTTP route): on, a key sent in `x-api-key` stands for its user, which is how the
      // features use one over HTTP. The plugin's own types warn against it in production; hardened.ts turns it off.
      apiKey({ enableSessionForAPIKeys: true }),
    ],
  };
}
