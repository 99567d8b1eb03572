/**
 * What one round of bench/WORKLOAD.md asks of the servers: `api method route status` → requests, as the mocks'
 * request log counts them (GET /_mock/requests on the control server).
 */
export const REQUESTS_PER_ROUND: Readonly<Record<string, number>> = {
  'vrchat GET /auth/user 200': 3,
  'vrchat GET /auth/user 401': 2,
  'vrchat POST /auth/twofactorauth/totp/verify 200': 2,
  'vrchat GET /auth 200': 1,
  'vrchat PUT /logout 200': 2,
  'vrchat GET /auth/exists 200': 1,
  'vrchat GET /auth/exists 400': 1,
  'enhance POST /login/sessions 200': 1,
  'enhance POST /login/sessions 401': 1,
  'enhance GET /login 200': 1,
  'enhance GET /login 401': 1,
  'enhance GET /login/sessions 200': 1,
  'enhance DELETE /login/sessions/current 200': 1,
  'enhance PUT /login/password-recovery 200': 1,
  'shoko POST /api/auth 200': 3,
  'shoko POST /api/auth 400': 1,
  'shoko GET /api/v3/User/Current 200': 1,
  'shoko GET /api/v3/User/Current 401': 1,
  'shoko DELETE /api/auth 200': 1,
};

/** Every difference between what the server counted and R rounds of the workload, one line each. */
export function requestDifferences(counted: Record<string, number>, rounds: number): string[] {
  const keys = [...new Set([...Object.keys(REQUESTS_PER_ROUND), ...Object.keys(counted)])].sort();
  return keys
    .map((key) => ({ key, expected: (REQUESTS_PER_ROUND[key] ?? 0) * rounds, got: counted[key] ?? 0 }))
    .filter(({ expected, got }) => expected !== got)
    .map(({ key, expected, got }) => `${key}: expected ${expected}, counted ${got}`);
}
