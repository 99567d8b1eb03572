import { basicAuthorization } from '../http/basic-auth';
import type { HttpClient } from '../http/client';
import type { HttpResponse } from '../http/response';
import type { RegistrationRequest } from './types';

export interface Credentials {
  username: string;
  password: string;
}

/** The 17 VRChat authentication operations, each one call on the actor's client. Names follow the spec's operationIds. */
export class VrchatDriver {
  constructor(readonly client: HttpClient) {}

  /** getCurrentUser: logs in with Basic credentials, or (without them) asks who the session cookie belongs to. */
  getCurrentUser(credentials?: Credentials, headers: Record<string, string> = {}): Promise<HttpResponse> {
    const authorization: Record<string, string> = credentials
      ? { authorization: basicAuthorization(credentials.username, credentials.password) }
      : {};
    return this.client.send('/auth/user', { headers: { ...authorization, ...headers } });
  }

  verifyAuthToken(): Promise<HttpResponse> {
    return this.client.send('/auth');
  }

  /** logout (a PUT); `asGet` sends the same request as a GET, as a link on another site would make a browser do. */
  logout(asGet?: { headers: Record<string, string> }): Promise<HttpResponse> {
    return asGet ? this.client.send('/logout', { headers: asGet.headers }) : this.client.send('/logout', { method: 'PUT' });
  }

  verify2FA(code: string): Promise<HttpResponse> {
    return this.client.send('/auth/twofactorauth/totp/verify', { method: 'POST', json: { code } });
  }

  verifyRecoveryCode(code: string): Promise<HttpResponse> {
    return this.client.send('/auth/twofactorauth/otp/verify', { method: 'POST', json: { code } });
  }

  verify2FAEmailCode(code: string): Promise<HttpResponse> {
    return this.client.send('/auth/twofactorauth/emailotp/verify', { method: 'POST', json: { code } });
  }

  /** Any of the three verify endpoints with a raw body, for malformed-request checks. */
  verifyWithRawBody(body: string): Promise<HttpResponse> {
    return this.client.send('/auth/twofactorauth/totp/verify', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  }

  checkUserExists(query: Record<string, string | undefined>): Promise<HttpResponse> {
    return this.client.send('/auth/exists', { query });
  }

  deleteUser(userId: string): Promise<HttpResponse> {
    return this.client.send(`/users/${encodeURIComponent(userId)}/delete`, { method: 'PUT' });
  }

  enable2FA(): Promise<HttpResponse> {
    return this.client.send('/auth/twofactorauth/totp/pending', { method: 'POST' });
  }

  cancelPending2FA(): Promise<HttpResponse> {
    return this.client.send('/auth/twofactorauth/totp/pending', { method: 'DELETE' });
  }

  verifyPending2FA(code: string): Promise<HttpResponse> {
    return this.client.send('/auth/twofactorauth/totp/pending/verify', { method: 'POST', json: { code } });
  }

  disable2FA(): Promise<HttpResponse> {
    return this.client.send('/auth/twofactorauth', { method: 'DELETE' });
  }

  getRecoveryCodes(): Promise<HttpResponse> {
    return this.client.send('/auth/user/twofactorauth/otp');
  }

  resendEmailConfirmation(): Promise<HttpResponse> {
    return this.client.send('/auth/user/resendEmail', { method: 'POST' });
  }

  /** confirmEmail and verifyLoginPlace are links from mails: opened as they are, without following the 302. */
  openMailLink(link: string): Promise<HttpResponse> {
    return this.client.send(link, { redirect: 'manual' });
  }

  registerUserAccount(body: Partial<RegistrationRequest>): Promise<HttpResponse> {
    return this.client.send('/auth/register', { method: 'POST', json: body });
  }
}
