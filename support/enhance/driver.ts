import type { HttpClient } from '../http/client';
import type { HttpResponse } from '../http/response';

export type AuthMethod = 'basic' | 'email' | 'otp';
export type Role = 'Owner' | 'SuperAdmin' | 'Business' | 'SiteAccess' | 'Support' | 'Sysadmin';

export interface Paging {
  offset?: number;
  limit?: number;
  sortOrder?: 'asc' | 'desc';
  sortBy?: 'email' | 'name' | 'registrationDate';
  realmId?: string;
}

/**
 * The 21 operations of Enhance's LoginsApi (and the two member operations they rely on: createMember, the SSO
 * link), one call each on the actor's client.
 * A bearer token, when given, is an organisation's credential and goes in `Authorization`.
 */
export class EnhanceDriver {
  constructor(
    readonly client: HttpClient,
    private readonly bearer?: string,
  ) {}

  /** The same client acting with an organisation's access token instead of a session cookie. */
  withToken(token: string): EnhanceDriver {
    return new EnhanceDriver(this.client, token);
  }

  #send(path: string, options: Parameters<HttpClient['send']>[1] = {}): Promise<HttpResponse> {
    const headers = { ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}), ...options.headers };
    return this.client.send(path, { ...options, headers });
  }

  // Sessions and second factors.
  createSession(body: { email: string; password: string; deviceId?: string }, realmId?: string) {
    return this.#send('/login/sessions', { method: 'POST', json: body, query: { realmId } });
  }
  /** The same sign-in as a browser posts a plain form (text/plain, which needs no CORS preflight), with extra headers. */
  createSessionAsPlainText(body: { email: string; password: string }, headers: Record<string, string> = {}) {
    return this.#send('/login/sessions', { method: 'POST', body: JSON.stringify(body), headers: { ...headers, 'content-type': 'text/plain;charset=UTF-8' } });
  }
  verify2FA(body: { authMethod: AuthMethod; pin: string; rememberMe?: { deviceId: string; ttl: number } }) {
    return this.#send('/login/2fa', { method: 'POST', json: body });
  }
  resendPin(authMethod: AuthMethod) {
    return this.#send('/login/2fa/resend-pin', { method: 'POST', json: { authMethod } });
  }
  createOtpSession(otp: string) {
    return this.#send('/login/sessions/sso', { query: { otp } });
  }
  getSessions() {
    return this.#send('/login/sessions');
  }
  deleteCurrentSession() {
    return this.#send('/login/sessions/current', { method: 'DELETE' });
  }
  deleteSession(sessionId: string) {
    return this.#send(`/login/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' });
  }
  deleteSessions() {
    return this.#send('/login/sessions', { method: 'DELETE' });
  }

  // Password recovery.
  startPasswordRecovery(email: string, headers: Record<string, string> = {}) {
    return this.#send('/login/password-recovery', { method: 'PUT', json: { email }, headers });
  }
  validatePasswordRecovery(secret: string) {
    return this.#send('/login/password-recovery/validate', { method: 'POST', query: { secret } });
  }
  finishPasswordRecovery(secret: string, newPassword: string) {
    return this.#send('/login/password-recovery', { method: 'POST', query: { secret }, json: { newPassword } });
  }

  // The current login.
  getLogin(headers: Record<string, string> = {}) {
    return this.#send('/login', { headers });
  }
  updateLoginInfo(change: Record<string, string>) {
    return this.#send('/login', { method: 'PATCH', json: change });
  }
  getLoginMemberships() {
    return this.#send('/login/memberships');
  }
  setLoginAvatar(image: Uint8Array, contentType: string, fileName = 'avatar') {
    const form = new FormData();
    form.append('avatar', new Blob([image], { type: contentType }), fileName);
    return this.#send('/login/avatar', { method: 'PUT', body: form });
  }
  deleteLoginAvatar() {
    return this.#send('/login/avatar', { method: 'DELETE' });
  }

  // Organisation-level operations.
  createLogin(orgId: string, body: { email: string; password: string; name: string }) {
    return this.#send('/logins', { method: 'POST', query: { orgId }, json: body });
  }
  getLogins(paging: Paging = {}) {
    return this.#send('/logins', { query: stringify(paging) });
  }
  getOrgLogins(orgId: string, paging: Paging = {}) {
    return this.#send(`/orgs/${orgId}/logins`, { query: stringify(paging) });
  }
  getCustomerLogins(orgId: string, paging: Paging = {}) {
    return this.#send(`/v2/orgs/${orgId}/customers/logins`, { query: stringify(paging) });
  }
  setCustomerLoginPassword(loginId: string, newPassword: string) {
    return this.#send(`/v2/logins/${loginId}/password`, { method: 'PUT', json: { newPassword } });
  }
  /** Makes an existing login a member of the organisation; 201 answers the member id (`{"id": …}`). */
  createMember(orgId: string, body: { loginId: string; roles: Role[] }) {
    return this.#send(`/orgs/${orgId}/members`, { method: 'POST', json: body });
  }
  getOrgMemberLogin(orgId: string, memberId: string) {
    return this.#send(`/orgs/${orgId}/members/${memberId}/sso`);
  }
}

function stringify(paging: Paging): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(paging).map(([key, value]) => [key, value === undefined ? undefined : String(value)]));
}
