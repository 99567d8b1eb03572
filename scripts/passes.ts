/** One Cucumber run of `npm start`: its arguments and environment, the suffix of its outputs, the configurations it measures. */
export interface Pass {
  args: string[];
  env: NodeJS.ProcessEnv;
  /** '' for the main run; `.better-auth-hardened` names the second run's Cucumber outputs (cucumber.mjs). */
  suffix: string;
  /** Family → the configuration of its server this run measures (the ASVS matrix's columns). */
  variants: Record<string, string>;
  /** The lists of known deviations of this run's target (support/reports/known-deviations.ts). */
  expectations: string[];
}

/** AUTHFLOW_EXPECTATIONS: a team's own lists, comma-separated; on the embedded target they replace the main run's. */
function ownLists(value = process.env.AUTHFLOW_EXPECTATIONS): string[] | undefined {
  const files = (value ?? '').split(',').map((file) => file.trim()).filter(Boolean);
  return files.length > 0 ? files : undefined;
}

export const SHIPPED_EXPECTATIONS: Record<string, string> = {
  defaults: 'expectations/better-auth-defaults.yaml',
  hardened: 'expectations/better-auth-hardened.yaml',
};

/**
 * On the embedded target the better-auth features run twice, against the framework's defaults and against the
 * hardened configuration (servers/better-auth/), so that the report shows both side by side; every other feature
 * runs once. BETTER_AUTH_CONFIGURATION picks one of them only. Against real servers the deployment is what it is:
 * one run.
 */
export function passesOf(target: 'mock' | 'real', args: string[], chosen = process.env.BETTER_AUTH_CONFIGURATION?.trim()): Pass[] {
  const own = ownLists();
  const shipped = (configuration: string) => (SHIPPED_EXPECTATIONS[configuration] ? [SHIPPED_EXPECTATIONS[configuration] as string] : []);
  if (target === 'real') return [{ args, env: {}, suffix: '', variants: {}, expectations: own ?? [] }];
  if (chosen) return [{ args, env: {}, suffix: '', variants: { 'better-auth': chosen }, expectations: own ?? shipped(chosen) }];
  return [
    { args, env: { BETTER_AUTH_CONFIGURATION: 'defaults', AUTHFLOW_PASS: '' }, suffix: '', variants: { 'better-auth': 'defaults' }, expectations: own ?? shipped('defaults') },
    {
      args: [...args, '--tags', '@better-auth'],
      env: { BETTER_AUTH_CONFIGURATION: 'hardened', AUTHFLOW_PASS: 'better-auth-hardened' },
      suffix: '.better-auth-hardened',
      variants: { 'better-auth': 'hardened' },
      expectations: shipped('hardened'),
    },
  ];
}
