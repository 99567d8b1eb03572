import { FAMILY_TAGS, type Family } from './families';
import type { Target } from './target';

/** `@uses:two-factor`: the scenario needs what the family's server may turn off (a plugin, sign-up, API-key sessions). */
export const USES = '@uses:';

/**
 * What an embedded server will turn off, known before it starts: the configuration it will start in says
 * (servers/better-auth/hardened.ts), so a skipped scenario does not start a server just to be skipped.
 */
function turnedOffBeforeStart(target: Target, family: Family): Readonly<Record<string, string>> | undefined {
  return target.pending?.[family] ? target.embeddedTurnedOff?.[family] : undefined;
}

/**
 * Why this run cannot do a scenario, from its tags: the family is not targeted, or the scenario needs the mocks,
 * an https target (@https), a mailbox, permission to change account state or to leave a new login behind, admin credentials, or an account the environment does not
 * name. Undefined when it can run.
 */
export function unmetNeed(tags: readonly string[], target: Target): string | undefined {
  const has = (tag: string) => tags.includes(tag);
  for (const [family, { tag, baseUrlVariable }] of Object.entries(FAMILY_TAGS) as [Family, (typeof FAMILY_TAGS)[Family]][]) {
    if (!has(tag)) continue;
    if (!target.families[family] && !target.pending?.[family]) return `${family} is not targeted: ${baseUrlVariable} is not set`;
    // What the family's server turned off (`@uses:<what>`): a plugin, sign-up, API-key sessions…
    const turnedOff = target.families[family]?.turnedOff ?? turnedOffBeforeStart(target, family);
    const off = tags.filter((name) => name.startsWith(USES)).map((name) => turnedOff?.[name.slice(USES.length)]).find(Boolean);
    if (off) return off;
  }
  if (target.kind === 'real') {
    if (has('@mock-only')) return 'needs the embedded mocks (their clock or account control), and this run targets real servers';
    if (has('@destructive') && !target.config.allowDestructive) return 'changes account state on the server: set ALLOW_DESTRUCTIVE=1 to run it';
    if (has('@admin') && !target.config.enhance?.admin) return 'needs ENHANCE_ADMIN_TOKEN, ENHANCE_ORG_ID and ENHANCE_REALM_ID';
    if (has('@leaves-login') && !target.config.allowNewLogins) return 'creates a login, which the API cannot delete: set ENHANCE_ALLOW_NEW_LOGINS=1 to let a run leave one behind';
    if (has('@email-account') && !target.config.vrchat?.emailAccount) return 'needs VRCHAT_EMAIL_USERNAME and VRCHAT_EMAIL_PASSWORD';
  }
  if (has('@mailbox') && !target.mailboxUrl) return 'needs a mailbox: MAILBOX_URL is not set';
  if (has('@https')) {
    const plain = (Object.entries(FAMILY_TAGS) as [Family, (typeof FAMILY_TAGS)[Family]][]).find(([family, { tag }]) => has(tag) && !target.families[family]?.baseUrl.startsWith('https:'));
    if (plain) return `needs an https target: ${target.kind === 'mock' ? 'the embedded mocks speak' : `${plain[1].baseUrlVariable} is`} plain http, where a cookie's Secure attribute cannot be judged`;
  }
  return undefined;
}
