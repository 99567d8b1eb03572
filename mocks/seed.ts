import { randomBytes } from 'node:crypto';
import { generateSecret } from 'otplib';
import type { RunningMocks } from './start-mocks';

/**
 * The accounts a `TARGET=real` run names in its environment, created on running mocks with secrets made for
 * this process only. Returns the environment block (variable → value) of `.env.example` that points at them.
 */
export async function seedRealModeAccounts(mocks: RunningMocks, options: { extraAccounts?: number; emailAccountByAddress?: boolean } = {}): Promise<Record<string, string>> {
  const tag = randomBytes(3).toString('hex');
  const password = (prefix: string) => `${prefix}-${randomBytes(12).toString('base64url')}`;
  const vrchatOrigin = new URL(mocks.urls.vrchat).origin;
  const enhanceOrigin = new URL(mocks.urls.enhance).origin;

  // VRChat judges a username of 4 to 15 characters acceptable.
  const vrchatTotp = { username: `af_totp_${tag}`, email: `totp.${tag}@authflow.test`, password: password('vrc'), totpSecret: generateSecret() };
  const vrchatEmail = { username: `af_mail_${tag}`, email: `mail.${tag}@authflow.test`, password: password('vrc') };
  await created(vrchatOrigin, '/_mock/accounts', { ...vrchatTotp, displayName: `Authflow TOTP ${tag}` });
  await created(vrchatOrigin, '/_mock/accounts', { ...vrchatEmail, displayName: `Authflow Mail ${tag}` });
  // More accounts with an authenticator app (VRCHAT_TOTP_ACCOUNT_<n>_*, n from 2): codes spread over their secrets.
  const extraTotp: Record<string, string> = {};
  for (let number = 2; number < 2 + (options.extraAccounts ?? 0); number += 1) {
    const account = { username: `af_totp${number}_${tag}`, email: `totp${number}.${tag}@authflow.test`, password: password('vrc'), totpSecret: generateSecret() };
    await created(vrchatOrigin, '/_mock/accounts', { ...account, displayName: `Authflow TOTP ${number} ${tag}` });
    Object.assign(extraTotp, { [`VRCHAT_TOTP_ACCOUNT_${number}_USERNAME`]: account.username, [`VRCHAT_TOTP_ACCOUNT_${number}_PASSWORD`]: account.password, [`VRCHAT_TOTP_ACCOUNT_${number}_SECRET`]: account.totpSecret });
  }

  // Enhance: a hosting company (the realm) with an Owner access token, and one customer organisation whose
  // members are the two configured logins.
  const realm = await created<{ id: string }>(enhanceOrigin, '/_mock/orgs', { name: `Authflow Hosting ${tag}` });
  const customer = await created<{ id: string }>(enhanceOrigin, '/_mock/orgs', { name: `Authflow Customer ${tag}`, parentId: realm.id });
  const { token } = await created<{ token: string }>(enhanceOrigin, `/_mock/orgs/${realm.id}/access-tokens`, { roles: ['Owner'] });
  const basicLogin = { email: `basic.${tag}@authflow.test`, name: `Authflow Basic ${tag}`, password: password('enh') };
  const otpLogin = { email: `otp.${tag}@authflow.test`, name: `Authflow OTP ${tag}`, password: password('enh') };
  await created(enhanceOrigin, '/_mock/logins', { ...basicLogin, authMethod: 'basic', orgId: customer.id, roles: ['Owner'] });
  const otp = await created<{ otpSecret: string }>(enhanceOrigin, '/_mock/logins', { ...otpLogin, authMethod: 'otp', orgId: customer.id, roles: ['Owner'] });

  const shokoUser = { username: `authflow-${tag}`, password: password('shk') };
  // A Shoko server's configured user is usually its administrator (the one a fresh install creates).
  await created(mocks.urls.shoko, '/_mock/users', { ...shokoUser, isAdmin: true });

  return {
    TARGET: 'real',
    VRCHAT_BASE_URL: mocks.urls.vrchat,
    VRCHAT_USER_AGENT: 'authflow-mocks/0.1.0 qa@authflow.test',
    VRCHAT_USERNAME: vrchatTotp.username,
    VRCHAT_PASSWORD: vrchatTotp.password,
    VRCHAT_TOTP_SECRET: vrchatTotp.totpSecret,
    ...extraTotp,
    // VRChat takes the username or the email address as the login name.
    VRCHAT_EMAIL_USERNAME: options.emailAccountByAddress ? vrchatEmail.email : vrchatEmail.username,
    VRCHAT_EMAIL_PASSWORD: vrchatEmail.password,
    ENHANCE_BASE_URL: mocks.urls.enhance,
    ENHANCE_EMAIL: basicLogin.email,
    ENHANCE_PASSWORD: basicLogin.password,
    ENHANCE_OTP_EMAIL: otpLogin.email,
    ENHANCE_OTP_PASSWORD: otpLogin.password,
    ENHANCE_OTP_SECRET: otp.otpSecret,
    ENHANCE_ADMIN_TOKEN: token,
    ENHANCE_ORG_ID: customer.id,
    ENHANCE_REALM_ID: realm.id,
    SHOKO_BASE_URL: mocks.urls.shoko,
    SHOKO_USER: shokoUser.username,
    SHOKO_PASSWORD: shokoUser.password,
    MAILBOX_URL: mocks.urls.mailbox,
  };
}

async function created<T = unknown>(origin: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`could not seed ${path} on ${origin} (${response.status}: ${await response.text()})`);
  return (await response.json()) as T;
}

/**
 * An account on a standalone better-auth server (servers/better-auth/), its address confirmed through the mail the
 * server sent to the mocks' mailbox: what BETTER_AUTH_EMAIL and BETTER_AUTH_PASSWORD name, the account a real run
 * borrows where a deployment turned sign-up off.
 */
export async function seedBetterAuthAccount(apiUrl: string, mailboxUrl: string): Promise<Record<string, string>> {
  const origin = new URL(apiUrl).origin;
  const email = `lent.${randomBytes(3).toString('hex')}@better-auth.authflow.test`;
  const password = `ba-${randomBytes(15).toString('base64url')}`;
  const post = (path: string, body: unknown) => fetch(`${apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify(body) });
  const signUp = await post('/sign-up/email', { name: 'Lent account', email, password });
  if (signUp.status !== 200) throw new Error(`could not seed the better-auth account (${signUp.status}: ${await signUp.text()})`);
  const cookie = signUp.headers.getSetCookie().map((header) => header.split(';')[0]).join('; ');
  await fetch(`${apiUrl}/send-verification-email`, { method: 'POST', headers: { 'content-type': 'application/json', origin, cookie }, body: JSON.stringify({ email, callbackURL: `${origin}/` }) });
  // The mailbox may deliver late (the alternate mock profile holds mail back for a moment): asked again for a while.
  let newest: { ID: string } | undefined;
  for (let attempt = 0; attempt < 50 && !newest; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    newest = ((await (await fetch(`${mailboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`)).json()) as { messages: { ID: string }[] }).messages[0];
  }
  if (!newest) throw new Error('the better-auth server mailed no confirmation for the seeded account');
  const mail = (await (await fetch(`${mailboxUrl}/api/v1/message/${newest.ID}`)).json()) as { Text: string; HTML: string };
  const link = /https?:\/\/[^\s"'<>]+verify-email[^\s"'<>]*/.exec(mail.Text || mail.HTML.replace(/&amp;/g, '&'))?.[0];
  if (!link) throw new Error('the seeded account\'s confirmation mail carries no link');
  await fetch(link, { redirect: 'manual' });
  await fetch(`${apiUrl}/sign-out`, { method: 'POST', headers: { 'content-type': 'application/json', origin, cookie }, body: '{}' });
  return { BETTER_AUTH_EMAIL: email, BETTER_AUTH_PASSWORD: password };
}
