import type { RunningMocks } from '../../mocks/start-mocks';
import type { RawResponse } from '../helpers/raw-http';

/** What the hostile-input, fuzz and load checks need to know about each family's mock. */
export interface MockFamily {
  family: 'VRChat' | 'Enhance' | 'Shoko';
  origin: string;
  /** The API's path prefix on that origin (`/api/1`, `/api`, none). */
  prefix: string;
  /** An operation that reads a JSON body, and one that reads credentials from headers. */
  jsonOperation: string;
  credentialOperation: string;
  bodyLimit: number;
  /** Why the answer is not in the API's own error shape, or undefined when it is. */
  errorShapeProblem(response: RawResponse): string | undefined;
}

function parsed(response: RawResponse): { value?: Record<string, unknown>; problem?: string } {
  if (!/json/.test(response.headers['content-type'] ?? '')) return { problem: `content type "${response.headers['content-type'] ?? 'none'}"` };
  try {
    const value: unknown = JSON.parse(response.body);
    return value && typeof value === 'object' ? { value: value as Record<string, unknown> } : { problem: 'the JSON body is not an object' };
  } catch {
    return { problem: `the body is not JSON: ${response.body.slice(0, 80)}` };
  }
}

export function mockFamilies(mocks: RunningMocks): MockFamily[] {
  return [
    {
      family: 'VRChat',
      origin: new URL(mocks.urls.vrchat).origin,
      prefix: '/api/1',
      jsonOperation: '/api/1/auth/register',
      credentialOperation: '/api/1/auth/user',
      bodyLimit: 64 * 1024,
      // `{"error":{"message":"\"…\"","status_code":N}}`, or the bare `{"error":"…"}` of an unknown route.
      errorShapeProblem(response) {
        const { value, problem } = parsed(response);
        if (!value) return problem;
        const error = value.error as { message?: unknown; status_code?: unknown } | string | undefined;
        if (typeof error === 'string') return Object.keys(value).length === 1 ? undefined : `not VRChat's bare error: ${response.body.slice(0, 120)}`;
        if (typeof error?.message === 'string' && error.status_code === response.status) return undefined;
        return `not VRChat's error envelope: ${response.body.slice(0, 120)}`;
      },
    },
    {
      family: 'Enhance',
      origin: new URL(mocks.urls.enhance).origin,
      prefix: '/api',
      jsonOperation: '/api/login/sessions',
      credentialOperation: '/api/login',
      bodyLimit: 256 * 1024,
      errorShapeProblem(response) {
        const { value, problem } = parsed(response);
        if (!value) return problem;
        return typeof value.code === 'string' && typeof value.message === 'string' ? undefined : `not Enhance's {code,message}: ${response.body.slice(0, 120)}`;
      },
    },
    {
      family: 'Shoko',
      origin: mocks.urls.shoko,
      prefix: '',
      jsonOperation: '/api/auth',
      credentialOperation: '/api/v3/User/Current',
      bodyLimit: 64 * 1024,
      // ASP.NET Core: RFC 7807 problem details, or no body at all for an authentication challenge (401) and where
      // routing fails (404, 405), as Kestrel does.
      errorShapeProblem(response) {
        if (response.body === '' && [401, 404, 405].includes(response.status)) return undefined;
        const { value, problem } = parsed(response);
        if (!value) return problem;
        return value.status === response.status && typeof value.title === 'string' ? undefined : `not a problem-details body: ${response.body.slice(0, 120)}`;
      },
    },
  ];
}
