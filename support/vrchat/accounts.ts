import { randomBytes } from 'node:crypto';
import type { Config } from '../core/config';
import type { HttpClient } from '../http/client';
import { newTotpSecret } from '../core/otp-codes';
import { secrets } from '../redaction/secrets';
import { uniqueSuffix } from '../core/unique';
import type { Scenario } from '../core/scenario';
import { familyTarget } from '../core/target';
import { leaseAccount } from '../coordination/leases';
import { windowKey } from '../coordination/windows';

/** The kinds of VRChat account a scenario can ask for, in the words the features use. */
export const VRCHAT_ACCOUNT_KINDS = {
  'protected by an authenticator app': 'authenticator',
  'without an authenticator app': 'email-code',
  'whose username and password contain non-ASCII and reserved characters': 'unusual-characters',
  'that has never logged in from this place': 'new-location',
} as const;

export type VrchatAccountKind = (typeof VRCHAT_ACCOUNT_KINDS)[keyof typeof VRCHAT_ACCOUNT_KINDS];

export interface VrchatAccount {
  kind: VrchatAccountKind;
  /** Unknown ('') for a configured account until its first complete login (support/vrchat/tasks.ts). */
  id: string;
  /** The login name: the username, or for a configured account whatever it was given (username or email address). */
  username: string;
  /** The username as the server showed it (a configured account's login name may be its address); undefined until then. */
  knownUsername?: string;
  displayName: string;
  /** Unknown for a real account: the configuration names its username and password only. */
  email: string | undefined;
  password: string;
  totpSecret: string | undefined;
  recoveryCodes: string[];
}

/**
 * Creates a fresh account on the mock for one scenario, with secrets generated for this run only (and
 * registered for redaction), so that no two scenarios share replay state, lockouts or sessions.
 */
export async function provisionVrchatAccount(control: HttpClient, name: string, kind: VrchatAccountKind): Promise<VrchatAccount> {
  const suffix = uniqueSuffix(4);
  const unusual = kind === 'unusual-characters';
  const username = unusual ? `${name.toLowerCase()}+münchen_${suffix}` : `${name.toLowerCase()}_${suffix}`;
  // A ':' that must not split the pair, a literal '%20' that must not be decoded twice, a '+' that must stay '+'.
  const password = unusual ? `pä:ss/wörd+%20&=?#${suffix}${randomBytes(6).toString('base64url')}` : `pw-${randomBytes(12).toString('base64url')}`;
  const totpSecret = kind === 'authenticator' || unusual ? newTotpSecret() : undefined;
  const displayName = `${name} ${suffix}`;
  const email = `${name.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}.${suffix}@authflow.test`;
  secrets.add(password);
  secrets.add(totpSecret);
  const response = await control.send('/_mock/accounts', {
    method: 'POST',
    json: {
      username,
      displayName,
      email,
      password,
      ...(totpSecret ? { totpSecret } : {}),
      requiresLoginPlaceCheck: kind === 'new-location',
    },
  });
  if (response.status !== 201) throw new Error(`the VRChat mock refused to create ${name}'s account (${response.status})`);
  const created = response.json<{ id: string; recoveryCodes: string[] }>();
  created.recoveryCodes.forEach((code) => secrets.add(code));
  return {
    kind,
    id: created.id,
    username,
    knownUsername: username,
    displayName,
    email,
    password,
    totpSecret,
    recoveryCodes: created.recoveryCodes,
  };
}

/**
 * On a real server: the accounts the environment names for this kind (VRCHAT_USERNAME and any
 * VRCHAT_TOTP_ACCOUNT_<n>_* for an authenticator app), or why there is none. An account's id is learnt at its first
 * complete login; its email address and recovery codes stay unknown.
 */
export function configuredVrchatAccounts(config: NonNullable<Config['vrchat']>, name: string, kind: VrchatAccountKind): VrchatAccount[] | string {
  const configured: { username: string; password: string; totpSecret: string | undefined }[] =
    kind === 'authenticator'
      ? [{ username: config.username, password: config.password, totpSecret: config.totpSecret }, ...config.extraTotpAccounts]
      : kind === 'email-code' && config.emailAccount
        ? [{ ...config.emailAccount, totpSecret: undefined }]
        : [];
  if (configured.length === 0) return `needs a VRChat account ${kind === 'email-code' ? 'without an authenticator app (VRCHAT_EMAIL_USERNAME)' : `of the kind "${kind}", which only the mocks create`}`;
  return configured.map((account) => {
    secrets.add(account.password);
    secrets.add(account.totpSecret);
    return { kind, id: '', displayName: name, email: undefined, recoveryCodes: [], ...account };
  });
}

/**
 * The account of a kind for `name` in this scenario: a fresh one on the mocks; on a real server one of the accounts
 * the environment names, lent to this scenario alone (another worker's scenario that wants it waits its turn), the
 * one whose next fresh authenticator window comes soonest. A string says why the scenario cannot have one.
 */
export async function vrchatAccountFor(world: Scenario, name: string, kind: VrchatAccountKind): Promise<VrchatAccount | string> {
  const { baseUrl, controlUrl, userAgent } = familyTarget(world.target, 'VRChat');
  if (controlUrl) return provisionVrchatAccount(world.newClient(controlUrl, userAgent), name, kind);
  const accounts = configuredVrchatAccounts(world.target.config.vrchat as NonNullable<Config['vrchat']>, name, kind);
  if (typeof accounts === 'string') return accounts;
  if (world.takeConfiguredAccount(`VRChat ${kind}`)) return `needs a second VRChat account ${phraseOf(kind)}, and the environment names one`;
  return leaseAccount(
    world,
    `the VRChat ${kind} account${accounts.length > 1 ? 's' : ''} on ${baseUrl}`,
    accounts.map((candidate) => ({ id: `VRChat ${baseUrl} ${candidate.username}`, windowKey: candidate.totpSecret && windowKey(baseUrl, candidate.totpSecret), account: candidate })),
  );
}

function phraseOf(kind: VrchatAccountKind): string | undefined {
  return Object.keys(VRCHAT_ACCOUNT_KINDS).find((phrase) => VRCHAT_ACCOUNT_KINDS[phrase as keyof typeof VRCHAT_ACCOUNT_KINDS] === kind);
}
