import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Politeness } from '../http/politeness';
import type { MailSubjects } from './mailbox';

/** What a run targets, read from the environment (and a git-ignored `.env`); see `.env.example`. */
export interface Config {
  target: 'mock' | 'real';
  vrchat?: {
    baseUrl: string;
    userAgent: string;
    username: string;
    password: string;
    totpSecret: string;
    /** VRCHAT_TOTP_REUSE_ALLOWED=1: the server takes a code again within its window (the benchmark's mocks). */
    totpReuseAllowed: boolean;
    emailAccount?: { username: string; password: string };
    /** VRCHAT_TOTP_ACCOUNT_<n>_USERNAME/_PASSWORD/_SECRET (n = 2, 3…): more accounts with an authenticator app. */
    extraTotpAccounts: { username: string; password: string; totpSecret: string }[];
  };
  enhance?: {
    baseUrl: string;
    email: string;
    password: string;
    otpLogin?: { email: string; password: string; secret: string };
    admin?: { token: string; orgId: string; realmId: string };
  };
  shoko?: { baseUrl: string; user: string; password: string };
  betterAuth?: {
    /** The deployment's base URL (BETTER_AUTH_BASE_URL) and where its API answers under it (BETTER_AUTH_BASE_PATH). */
    baseUrl: string;
    basePath: string;
    /** The origin the deployment trusts, sent as Origin on every POST (BETTER_AUTH_ORIGIN, default the base URL's). */
    origin: string;
    /** The domain of the addresses new accounts get (BETTER_AUTH_EMAIL_DOMAIN); their mail must reach MAILBOX_URL. */
    emailDomain: string;
    /** An existing account to lend where the deployment turned sign-up off (BETTER_AUTH_EMAIL, BETTER_AUTH_PASSWORD). */
    account?: { email: string; password: string };
    /** What the deployment turned off (BETTER_AUTH_OFF), each with the reason its scenarios skip. */
    turnedOff: Record<string, string>;
  };
  mailboxUrl?: string;
  /** Optional subject filters for mail (MAILBOX_SUBJECT_CODE, MAILBOX_SUBJECT_LINK); mail is found without them. */
  mailSubjects: MailSubjects;
  allowDestructive: boolean;
  /** ENHANCE_ALLOW_NEW_LOGINS=1: the @leaves-login scenarios may create logins a real panel keeps for good. */
  allowNewLogins: boolean;
  /** Towards real servers: pacing and 429 retries (see support/http/politeness.ts). */
  politeness: Politeness;
}

export type Env = Record<string, string | undefined>;

/** Loads `.env` from the project root if there is one; variables already set win. */
export function loadDotEnv(root = resolve(__dirname, '../..')): void {
  const file = resolve(root, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

/** The configuration, or every problem with it (one message per problem, naming the variable). */
export function readConfig(env: Env = process.env): { config: Config; problems: string[] } {
  const problems: string[] = [];
  const value = (name: string) => (env[name]?.trim() ? env[name]?.trim() : undefined);
  const required = (name: string, why: string): string => {
    const found = value(name);
    if (!found) problems.push(`${name} is not set (${why})`);
    return found ?? '';
  };
  const url = (name: string): string | undefined => {
    const found = value(name);
    if (found === undefined) return undefined;
    try {
      const parsed = new URL(found);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
      return found.replace(/\/+$/, '');
    } catch {
      problems.push(`${name}="${found}" is not an http(s) URL`);
      return undefined;
    }
  };
  const base32 = (name: string, why: string): string => {
    const secret = required(name, why).replace(/\s+/g, '').toUpperCase();
    if (secret && !/^[A-Z2-7]{16,}=*$/.test(secret)) problems.push(`${name} is not a base32 TOTP secret (letters A-Z and digits 2-7, at least 16)`);
    return secret;
  };
  /** Optional groups: all of their variables, or none. */
  const group = (names: string[], what: string): boolean => {
    const set = names.filter((name) => value(name) !== undefined);
    if (set.length > 0 && set.length < names.length) {
      problems.push(`${names.filter((name) => !set.includes(name)).join(', ')} must be set too, for ${what} (${set.join(', ')} is set)`);
    }
    return set.length === names.length;
  };

  /**
   * Numbered groups PREFIX_<n>_FIELD, n = 2, 3… without gaps (the unnumbered variables are account 1): each
   * complete, a _SECRET a base32 TOTP secret, and no field the form does not know.
   */
  const numberedAccounts = (prefix: string, fields: string[], what: string): Record<string, string | undefined>[] => {
    const pattern = new RegExp(`^${prefix}_(\\d+)_([A-Z_]+)$`);
    const numbers = new Set<number>();
    for (const name of Object.keys(env).filter((name) => value(name) !== undefined)) {
      const match = pattern.exec(name);
      if (!match) continue;
      const [, number, field] = match;
      if (!fields.includes(field as string)) problems.push(`${name} is not a known variable (${fields.map((known) => `${prefix}_${number}_${known}`).join(', ')})`);
      else if (Number(number) < 2) problems.push(`${name}: the numbering starts at 2 (the unnumbered variables are account 1)`);
      else numbers.add(Number(number));
    }
    const sorted = [...numbers].sort((a, b) => a - b);
    sorted.forEach((number, index) => {
      if (number !== index + 2) problems.push(`${prefix}_${number}_* is set but ${prefix}_${index + 2}_* is not (numbered from 2, without gaps)`);
    });
    return sorted.map((number) => {
      const names = fields.map((field) => `${prefix}_${number}_${field}`);
      group(names, what);
      return Object.fromEntries(fields.map((field, index) => [field, field === 'SECRET' && value(names[index] as string) ? base32(names[index] as string, what) : value(names[index] as string)]));
    });
  };

  const targetName = (value('TARGET') ?? 'mock').toLowerCase();
  if (targetName !== 'mock' && targetName !== 'real') problems.push(`TARGET="${env.TARGET}" must be "mock" (the default) or "real"`);
  const destructive = value('ALLOW_DESTRUCTIVE');
  if (destructive !== undefined && destructive !== '0' && destructive !== '1') problems.push(`ALLOW_DESTRUCTIVE="${destructive}" must be 1 or 0`);
  const newLogins = value('ENHANCE_ALLOW_NEW_LOGINS');
  if (newLogins !== undefined && newLogins !== '0' && newLogins !== '1') problems.push(`ENHANCE_ALLOW_NEW_LOGINS="${newLogins}" must be 1 or 0`);
  const totpReuse = value('VRCHAT_TOTP_REUSE_ALLOWED');
  if (totpReuse !== undefined && totpReuse !== '0' && totpReuse !== '1') problems.push(`VRCHAT_TOTP_REUSE_ALLOWED="${totpReuse}" must be 1 or 0`);
  const interval = value('REQUEST_INTERVAL_MS') ?? '250';
  if (!/^\d+$/.test(interval)) problems.push(`REQUEST_INTERVAL_MS="${interval}" must be a whole number of milliseconds`);
  const configuration = value('BETTER_AUTH_CONFIGURATION');
  if (configuration !== undefined && !EMBEDDED_BETTER_AUTH.includes(configuration)) {
    problems.push(`BETTER_AUTH_CONFIGURATION="${configuration}" must be ${EMBEDDED_BETTER_AUTH.join(' or ')} (the embedded server's configuration)`);
  }
  const config: Config = {
    target: targetName === 'real' ? 'real' : 'mock',
    allowDestructive: destructive === '1',
    allowNewLogins: newLogins === '1',
    mailboxUrl: url('MAILBOX_URL'),
    mailSubjects: { code: value('MAILBOX_SUBJECT_CODE'), link: value('MAILBOX_SUBJECT_LINK') },
    politeness: { minIntervalMs: Number(interval) || 0, maxRetries: 3, maxWaitMs: 30_000, baseBackoffMs: 1_000 },
  };
  if (config.target === 'mock') return { config, problems };

  const vrchatUrl = url('VRCHAT_BASE_URL');
  if (vrchatUrl) {
    config.vrchat = {
      baseUrl: vrchatUrl,
      userAgent: required('VRCHAT_USER_AGENT', 'VRChat refuses requests without an identifying User-Agent'),
      username: required('VRCHAT_USERNAME', 'the account with TOTP 2FA'),
      password: required('VRCHAT_PASSWORD', 'the account with TOTP 2FA'),
      totpSecret: base32('VRCHAT_TOTP_SECRET', 'the account with TOTP 2FA'),
      totpReuseAllowed: totpReuse === '1',
      extraTotpAccounts: numberedAccounts('VRCHAT_TOTP_ACCOUNT', ['USERNAME', 'PASSWORD', 'SECRET'], 'an extra VRChat account with TOTP 2FA').map(
        ({ USERNAME, PASSWORD, SECRET }) => ({ username: USERNAME ?? '', password: PASSWORD ?? '', totpSecret: SECRET ?? '' }),
      ),
    };
    const usernames = [config.vrchat.username, ...config.vrchat.extraTotpAccounts.map((account) => account.username)].map((name) => name.toLowerCase());
    const twice = usernames.filter((name, index) => name && usernames.indexOf(name) !== index);
    if (twice.length > 0) problems.push(`VRChat account "${twice[0]}" is named twice among VRCHAT_USERNAME and VRCHAT_TOTP_ACCOUNT_<n>_USERNAME`);
    if (group(['VRCHAT_EMAIL_USERNAME', 'VRCHAT_EMAIL_PASSWORD'], 'the account without TOTP')) {
      config.vrchat.emailAccount = { username: value('VRCHAT_EMAIL_USERNAME') ?? '', password: value('VRCHAT_EMAIL_PASSWORD') ?? '' };
    }
  }
  const enhanceUrl = url('ENHANCE_BASE_URL');
  if (enhanceUrl) {
    config.enhance = {
      baseUrl: enhanceUrl,
      email: required('ENHANCE_EMAIL', 'a login without 2FA'),
      password: required('ENHANCE_PASSWORD', 'a login without 2FA'),
    };
    if (group(['ENHANCE_OTP_EMAIL', 'ENHANCE_OTP_PASSWORD', 'ENHANCE_OTP_SECRET'], 'the login with authenticator 2FA')) {
      config.enhance.otpLogin = { email: value('ENHANCE_OTP_EMAIL') ?? '', password: value('ENHANCE_OTP_PASSWORD') ?? '', secret: base32('ENHANCE_OTP_SECRET', '') };
    }
    if (group(['ENHANCE_ADMIN_TOKEN', 'ENHANCE_ORG_ID', 'ENHANCE_REALM_ID'], 'the admin scenarios')) {
      config.enhance.admin = { token: value('ENHANCE_ADMIN_TOKEN') ?? '', orgId: value('ENHANCE_ORG_ID') ?? '', realmId: value('ENHANCE_REALM_ID') ?? '' };
    }
  }
  const shokoUrl = url('SHOKO_BASE_URL');
  if (shokoUrl) {
    config.shoko = {
      baseUrl: shokoUrl,
      user: required('SHOKO_USER', 'the Shoko user'),
      password: env.SHOKO_PASSWORD ?? required('SHOKO_PASSWORD', 'the Shoko user (may be empty: SHOKO_PASSWORD=)'),
    };
  }
  const betterAuthUrl = url('BETTER_AUTH_BASE_URL');
  if (betterAuthUrl) {
    const basePath = (value('BETTER_AUTH_BASE_PATH') ?? '/api/auth').replace(/\/+$/, '');
    if (basePath !== '' && !basePath.startsWith('/')) problems.push(`BETTER_AUTH_BASE_PATH="${basePath}" must start with / (better-auth's basePath, /api/auth by default)`);
    const origin = url('BETTER_AUTH_ORIGIN') ?? (betterAuthUrl ? new URL(betterAuthUrl).origin : '');
    if (!config.mailboxUrl) problems.push('MAILBOX_URL is not set (better-auth: every new account confirms its address, codes and links arrive by mail)');
    const turnedOff: Record<string, string> = {};
    for (const what of (value('BETTER_AUTH_OFF') ?? '').split(',').map((item) => item.trim()).filter(Boolean)) {
      const known = BETTER_AUTH_SWITCHES[what];
      if (!known) problems.push(`BETTER_AUTH_OFF names "${what}", which is none of ${Object.keys(BETTER_AUTH_SWITCHES).join(', ')}`);
      else turnedOff[what] = `the deployment turned off ${known} (BETTER_AUTH_OFF)`;
    }
    config.betterAuth = { baseUrl: betterAuthUrl, basePath, origin, emailDomain: value('BETTER_AUTH_EMAIL_DOMAIN') ?? 'better-auth.authflow.test', turnedOff };
    if (group(['BETTER_AUTH_EMAIL', 'BETTER_AUTH_PASSWORD'], 'the account lent where sign-up is off')) {
      config.betterAuth.account = { email: value('BETTER_AUTH_EMAIL') ?? '', password: env.BETTER_AUTH_PASSWORD ?? '' };
    }
  }
  if (!config.vrchat && !config.enhance && !config.shoko && !config.betterAuth) {
    problems.push('TARGET=real but no family is configured: set VRCHAT_BASE_URL, ENHANCE_BASE_URL, SHOKO_BASE_URL or BETTER_AUTH_BASE_URL');
  }
  return { config, problems };
}

/** The configurations of the embedded better-auth server (servers/better-auth/); real deployments are what they are. */
const EMBEDDED_BETTER_AUTH = ['defaults', 'hardened'];

/**
 * What a better-auth deployment may have turned off (BETTER_AUTH_OFF, comma-separated), in the words of its options:
 * the scenarios tagged `@uses:<name>` skip, with the reason. Plugins the deployment does not have are also found by
 * asking (support/better-auth/probe.ts).
 */
export const BETTER_AUTH_SWITCHES: Record<string, string> = {
  'sign-up': 'sign-up (emailAndPassword.disableSignUp)',
  'two-factor': 'the twoFactor plugin',
  'email-otp': 'the emailOTP plugin',
  'magic-link': 'the magicLink plugin',
  'api-key': 'the apiKey plugin',
  'api-key-sessions': 'API keys standing for a session (apiKey enableSessionForAPIKeys)',
  'sign-up-by-code': 'creating accounts from an emailed code or a magic link (disableSignUp of those plugins)',
  'change-email': 'changing the address (user.changeEmail, emailOTP changeEmail)',
  'delete-user': 'deleting accounts (user.deleteUser)',
};

/** One readable block for a configuration that cannot run. */
export function describeProblems(problems: string[]): string {
  return `The configuration cannot run (see .env.example):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`;
}
