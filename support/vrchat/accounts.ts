import { randomBytes } from 'node:crypto';
import { generateSecret } from 'otplib';
import type { HttpClient } from '../http/client';
import { secrets } from '../redaction/secrets';
import { uniqueSuffix } from '../unique';

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
  id: string;
  username: string;
  displayName: string;
  email: string;
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
  const totpSecret = kind === 'authenticator' || unusual ? generateSecret() : undefined;
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
    displayName,
    email,
    password,
    totpSecret,
    recoveryCodes: created.recoveryCodes,
  };
}
