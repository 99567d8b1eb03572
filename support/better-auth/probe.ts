import type { FamilyTarget } from '../core/target';
import { HttpClient } from '../http/client';

/**
 * Which of the plugins the features use a better-auth deployment lacks, found by asking: one request per plugin
 * that changes nothing (no session, an empty body), answered 404 only where the plugin's route does not exist
 * (401 or 400 otherwise). Each missing plugin turns off the scenarios tagged `@uses:<plugin>`, with the reason.
 */
const PROBES: Record<string, { method: string; path: string }> = {
  'two-factor': { method: 'POST', path: '/two-factor/enable' },
  'email-otp': { method: 'POST', path: '/email-otp/send-verification-otp' },
  'magic-link': { method: 'POST', path: '/sign-in/magic-link' },
  'api-key': { method: 'GET', path: '/api-key/list' },
};

export async function pluginsTurnedOff(target: FamilyTarget): Promise<Record<string, string>> {
  const client = new HttpClient({ baseUrl: target.baseUrl, userAgent: target.userAgent });
  const off: Record<string, string> = {};
  for (const [plugin, { method, path }] of Object.entries(PROBES)) {
    const response = await client.send(path, { method, ...(method === 'POST' ? { json: {}, headers: { origin: target.origin ?? new URL(target.baseUrl).origin } } : {}) });
    if (response.status === 404) off[plugin] = `the deployment has no ${plugin} plugin (${method} ${path} answered 404)`;
  }
  return off;
}
