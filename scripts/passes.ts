/** One Cucumber run of `npm start`: its arguments and environment, the suffix of its outputs, the configurations it measures. */
export interface Pass {
  args: string[];
  env: NodeJS.ProcessEnv;
  /** '' for the main run; `.better-auth-hardened` names the second run's Cucumber outputs (cucumber.mjs). */
  suffix: string;
  /** Family → the configuration of its server this run measures (the ASVS matrix's columns). */
  variants: Record<string, string>;
}

/**
 * On the embedded target the better-auth features run twice, against the framework's defaults and against the
 * hardened configuration (servers/better-auth/), so that the report shows both side by side; every other feature
 * runs once. BETTER_AUTH_CONFIGURATION picks one of them only. Against real servers the deployment is what it is:
 * one run.
 */
export function passesOf(target: 'mock' | 'real', args: string[], chosen = process.env.BETTER_AUTH_CONFIGURATION?.trim()): Pass[] {
  if (target === 'real') return [{ args, env: {}, suffix: '', variants: {} }];
  if (chosen) return [{ args, env: {}, suffix: '', variants: { 'better-auth': chosen } }];
  return [
    { args, env: { BETTER_AUTH_CONFIGURATION: 'defaults', AUTHFLOW_PASS: '' }, suffix: '', variants: { 'better-auth': 'defaults' } },
    {
      args: [...args, '--tags', '@better-auth'],
      env: { BETTER_AUTH_CONFIGURATION: 'hardened', AUTHFLOW_PASS: 'better-auth-hardened' },
      suffix: '.better-auth-hardened',
      variants: { 'better-auth': 'hardened' },
    },
  ];
}
