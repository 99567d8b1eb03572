import type { HttpClient } from '../http/client';
import type { HttpResponse } from '../http/response';

/** Shoko's three AuthApi operations, plus the v3 endpoint that shows whether a key is valid. */
export class ShokoDriver {
  constructor(readonly client: HttpClient) {}

  /** `POST /api/auth {user, pass, device}`; fields left undefined are left out of the body. */
  login(body: { user?: string; pass?: string; device?: string }): Promise<HttpResponse> {
    return this.client.send('/api/auth', { method: 'POST', json: body });
  }

  loginWithRawBody(body: string, contentType = 'application/json'): Promise<HttpResponse> {
    return this.client.send('/api/auth', { method: 'POST', body, headers: { 'content-type': contentType } });
  }

  deleteKey(apikey: string): Promise<HttpResponse> {
    return this.client.send('/api/auth', { method: 'DELETE', query: { apikey } });
  }

  /** The body is the new password as a JSON string literal; the key goes in the `apikey` header. */
  changePassword(newPassword: string, apikey: string | undefined): Promise<HttpResponse> {
    return this.client.send('/api/auth/ChangePassword', {
      method: 'POST',
      body: JSON.stringify(newPassword),
      headers: { 'content-type': 'application/json', ...(apikey ? { apikey } : {}) },
      // v4.2 answers a caller without a valid key with 500 (the reconstructed spec documents it; assumption SH-001).
      documentedServerErrors: [500],
    });
  }

  /** Who a key belongs to: the key in the `apikey` header, or in the query string. */
  currentUser(apikey: string, carriedIn: 'header' | 'query' = 'header'): Promise<HttpResponse> {
    return carriedIn === 'header'
      ? this.client.send('/api/v3/User/Current', { headers: { apikey } })
      : this.client.send('/api/v3/User/Current', { query: { apikey } });
  }
}
