import type { BetterAuthRateLimitStorage } from '@better-auth/core';
import type { MailCallbacks } from './mail';

/**
 * What a configuration of the embedded better-auth server is given by the server that starts it: where it runs, its
 * secret, its database and its mail. The configurations (defaults.ts, hardened.ts) decide everything else.
 */
export interface ConfigurationContext {
  /** `http://127.0.0.1:<port>`: the server's own address, known once it listens. */
  baseURL: string;
  basePath: string;
  secret: string;
  /** better-auth's memory adapter over this instance's tables. */
  database: unknown;
  mail: MailCallbacks;
  /** Rate-limit buckets of this instance alone (see perInstanceRateLimitStorage). */
  rateLimitStorage: BetterAuthRateLimitStorage;
}

/**
 * Rate-limit buckets private to one server. better-auth's built-in "memory" storage is one Map for the whole process,
 * keyed by client address and path only, so two embedded servers (defaults and hardened, `npm run mocks`) would
 * share their buckets: three sign-ins on one made the other answer 429 (FINDINGS §5 of the prototype). This follows
 * the documented `customStorage` contract with better-auth's own counting.
 */
export function perInstanceRateLimitStorage(): BetterAuthRateLimitStorage {
  const buckets = new Map<string, { count: number; lastRequest: number }>();
  return {
    async consume(key, rule) {
      const now = Date.now();
      const windowMs = rule.window * 1000;
      const bucket = buckets.get(key);
      if (!bucket || now - bucket.lastRequest >= windowMs) {
        buckets.set(key, { count: 1, lastRequest: now });
        return { allowed: true, retryAfter: null };
      }
      if (bucket.count >= rule.max) return { allowed: false, retryAfter: Math.ceil((bucket.lastRequest + windowMs - now) / 1000) };
      bucket.count += 1;
      bucket.lastRequest = now;
      return { allowed: true, retryAfter: null };
    },
  };
}
