import type { HttpClient, RequestOptions } from '../http/client';
import type { HttpResponse } from '../http/response';

/** How a device reaches a better-auth server: the origin it trusts, and the client address a proxy would pass on. */
export interface BetterAuthDevice {
  /** Sent as `Origin` on every POST: better-auth refuses cookie-bearing POSTs without a trusted one (403). */
  origin: string;
  /** `X-Forwarded-For` on every request, for a server the run starts behind its own "proxy" only. */
  clientAddress?: string;
}

/**
 * better-auth's HTTP API (the paths under its base path, `/api/auth` by default), one method per operation of the
 * core and of the plugins the features use (two-factor, email OTP, magic link, API keys). Bodies are the
 * documented ones (the vendored description, specs/better-auth/); the answers are judged by the steps.
 */
export class BetterAuthDriver {
  constructor(
    readonly client: HttpClient,
    readonly device: BetterAuthDevice,
  ) {}

  #send(path: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.device.clientAddress) headers['x-forwarded-for'] = this.device.clientAddress;
    if ((options.method ?? 'GET') !== 'GET') headers.origin = this.device.origin;
    return this.client.send(path, { ...options, headers });
  }

  #post(path: string, json: unknown = {}, headers: Record<string, string> = {}): Promise<HttpResponse> {
    return this.#send(path, { method: 'POST', json, headers });
  }

  /** A link the server mailed or redirected to, opened without following its redirect (the 302 is the answer). */
  open(link: string): Promise<HttpResponse> {
    return this.#send(link, { redirect: 'manual' });
  }

  // Email and password, sessions (the core).

  signUp(body: { name: string; email: string; password: string; callbackURL?: string }): Promise<HttpResponse> {
    return this.#post('/sign-up/email', body);
  }

  signIn(body: { email: string; password: string; rememberMe?: boolean }): Promise<HttpResponse> {
    return this.#post('/sign-in/email', body);
  }

  /** A sign-in whose 429 is the answer looked for (a guesser slowed down): never retried after the wait it asks. */
  signInUnretried(body: { email: string; password: string }): Promise<HttpResponse> {
    return this.#send('/sign-in/email', { method: 'POST', json: body, no429Retry: true });
  }

  /** The session this device holds, or `null` (200) without one; with an API key, the key's user's; `headers` added. */
  getSession(apiKey?: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
    return this.#send('/get-session', { headers: { ...headers, ...(apiKey ? { 'x-api-key': apiKey } : {}) } });
  }

  signOut(): Promise<HttpResponse> {
    return this.#post('/sign-out');
  }

  listSessions(): Promise<HttpResponse> {
    return this.#send('/list-sessions');
  }

  revokeSession(token: string): Promise<HttpResponse> {
    return this.#post('/revoke-session', { token });
  }

  revokeSessions(): Promise<HttpResponse> {
    return this.#post('/revoke-sessions');
  }

  revokeOtherSessions(): Promise<HttpResponse> {
    return this.#post('/revoke-other-sessions');
  }

  updateSession(): Promise<HttpResponse> {
    return this.#post('/update-session');
  }

  changePassword(body: { currentPassword: string; newPassword: string; revokeOtherSessions?: boolean }): Promise<HttpResponse> {
    return this.#post('/change-password', body);
  }

  verifyPassword(password: string): Promise<HttpResponse> {
    return this.#post('/verify-password', { password });
  }

  requestPasswordReset(body: { email: string; redirectTo: string }): Promise<HttpResponse> {
    return this.#post('/request-password-reset', body);
  }

  /** The mailed reset link (`/reset-password/{token}?callbackURL=…`): a 302 to the callback with the token. */
  resetPasswordCallback(link: string): Promise<HttpResponse> {
    return this.open(link);
  }

  resetPassword(body: { newPassword: string; token: string }): Promise<HttpResponse> {
    return this.#post('/reset-password', body);
  }

  sendVerificationEmail(body: { email: string; callbackURL: string }): Promise<HttpResponse> {
    return this.#post('/send-verification-email', body);
  }

  /** The mailed confirmation link (`/verify-email?token=…`). */
  verifyEmail(link: string): Promise<HttpResponse> {
    return this.open(link);
  }

  changeEmail(body: { newEmail: string; callbackURL: string }): Promise<HttpResponse> {
    return this.#post('/change-email', body);
  }

  updateUser(body: { name: string }): Promise<HttpResponse> {
    return this.#post('/update-user', body);
  }

  listAccounts(): Promise<HttpResponse> {
    return this.#send('/list-accounts');
  }

  deleteUser(body: { password?: string; callbackURL?: string }): Promise<HttpResponse> {
    return this.#post('/delete-user', body);
  }

  /** The mailed deletion link (`/delete-user/callback?token=…`), where the configuration asks for one. */
  deleteUserCallback(link: string): Promise<HttpResponse> {
    return this.open(link);
  }

  ok(): Promise<HttpResponse> {
    return this.#send('/ok');
  }

  errorPage(error: string): Promise<HttpResponse> {
    return this.#send('/error', { query: { error } });
  }

  // Two factors (twoFactor plugin): authenticator app, emailed code, backup codes, trusted devices.

  enableTwoFactor(password: string): Promise<HttpResponse> {
    return this.#post('/two-factor/enable', { password });
  }

  totpUri(password: string): Promise<HttpResponse> {
    return this.#post('/two-factor/get-totp-uri', { password });
  }

  verifyTotp(body: { code: string; trustDevice?: boolean }): Promise<HttpResponse> {
    return this.#post('/two-factor/verify-totp', body);
  }

  sendTwoFactorCode(): Promise<HttpResponse> {
    return this.#post('/two-factor/send-otp');
  }

  verifyTwoFactorCode(body: { code: string; trustDevice?: boolean }): Promise<HttpResponse> {
    return this.#post('/two-factor/verify-otp', body);
  }

  verifyBackupCode(body: { code: string; trustDevice?: boolean }): Promise<HttpResponse> {
    return this.#post('/two-factor/verify-backup-code', body);
  }

  generateBackupCodes(password: string): Promise<HttpResponse> {
    return this.#post('/two-factor/generate-backup-codes', { password });
  }

  disableTwoFactor(password: string): Promise<HttpResponse> {
    return this.#post('/two-factor/disable', { password });
  }

  // Codes by email (emailOTP plugin).

  sendEmailCode(body: { email: string; type: 'sign-in' | 'email-verification' | 'forget-password' }): Promise<HttpResponse> {
    return this.#post('/email-otp/send-verification-otp', body);
  }

  checkEmailCode(body: { email: string; type: 'sign-in' | 'email-verification' | 'forget-password'; otp: string }): Promise<HttpResponse> {
    return this.#post('/email-otp/check-verification-otp', body);
  }

  verifyEmailWithCode(body: { email: string; otp: string }): Promise<HttpResponse> {
    return this.#post('/email-otp/verify-email', body);
  }

  signInWithEmailCode(body: { email: string; otp: string }): Promise<HttpResponse> {
    return this.#post('/sign-in/email-otp', body);
  }

  requestPasswordResetCode(email: string): Promise<HttpResponse> {
    return this.#post('/email-otp/request-password-reset', { email });
  }

  /** The older path of the same request (`/forget-password/email-otp`), which the plugin still serves. */
  forgetPasswordCode(email: string): Promise<HttpResponse> {
    return this.#post('/forget-password/email-otp', { email });
  }

  resetPasswordWithCode(body: { email: string; otp: string; password: string }): Promise<HttpResponse> {
    return this.#post('/email-otp/reset-password', body);
  }

  requestEmailChangeCode(newEmail: string): Promise<HttpResponse> {
    return this.#post('/email-otp/request-email-change', { newEmail });
  }

  changeEmailWithCode(body: { newEmail: string; otp: string }): Promise<HttpResponse> {
    return this.#post('/email-otp/change-email', body);
  }

  // Links by email (magicLink plugin).

  requestMagicLink(body: { email: string; callbackURL: string }): Promise<HttpResponse> {
    return this.#post('/sign-in/magic-link', body);
  }

  /** The mailed link (`/magic-link/verify?token=…&callbackURL=…`): a 302 to the callback, with a session cookie. */
  verifyMagicLink(link: string): Promise<HttpResponse> {
    return this.open(link);
  }

  // API keys (@better-auth/api-key).

  createApiKey(body: { name: string }): Promise<HttpResponse> {
    return this.#post('/api-key/create', body);
  }

  getApiKey(id: string): Promise<HttpResponse> {
    return this.#send('/api-key/get', { query: { id } });
  }

  listApiKeys(): Promise<HttpResponse> {
    return this.#send('/api-key/list');
  }

  updateApiKey(body: { keyId: string; name: string }): Promise<HttpResponse> {
    return this.#post('/api-key/update', body);
  }

  deleteApiKey(keyId: string): Promise<HttpResponse> {
    return this.#post('/api-key/delete', { keyId });
  }
}
