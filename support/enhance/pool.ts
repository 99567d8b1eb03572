import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { footprint } from '../core/footprint';
import { processAlive } from '../coordination/file-lock';
import { holder, ledger, type LedgerState } from '../coordination/ledger';
import { HttpClient } from '../http/client';
import type { HttpResponse } from '../http/response';
import { secrets } from '../redaction/secrets';
import { contractOf } from '../contract/contracts';
import { currentTarget, DEFAULT_USER_AGENT, familyTarget } from '../core/target';
import { SystemClock } from '../core/clock';
import { MailboxReader } from '../core/mailbox';
import { uniqueSuffix } from '../core/unique';
import { EnhanceAbility, type EnhanceAccount } from './ability';
import { EnhanceDriver, type AuthMethod } from './driver';
import { switchSignInMethod, type MethodChangeHelp } from './sign-in-method';

/**
 * The naming scheme of the logins a real run uses on a panel (with ENHANCE_ADMIN_TOKEN, ENHANCE_ORG_ID,
 * ENHANCE_REALM_ID): `authflow+<n>@<ENHANCE_POOL_EMAIL_DOMAIN, default panel.authflow.test>`, n = 1, 2, 3…, each
 * a member (SiteAccess) of the configured organisation. Enhance cannot delete a login, so they are created once
 * per panel, found again by later runs through the realm's listing (`GET /logins`), put into a known state at
 * the start of each scenario that uses one, and put back to their resting state (sign-in by password only, no
 * avatar, no session, named `authflow pool <n>`) at the end of the run.
 */
export const POOL_PREFIX = 'authflow+';
export const poolDomain = (): string => (process.env.ENHANCE_POOL_EMAIL_DOMAIN || 'panel.authflow.test').toLowerCase();
export const poolEmail = (slot: number): string => `${POOL_PREFIX}${slot}@${poolDomain()}`;
export const restingName = (slot: number): string => `authflow pool ${slot}`;

/** The domain of the logins a scenario creates (newLoginDetails) or a sign-in guesses at. */
export const NEW_LOGIN_DOMAIN = 'panel.authflow.test';

/**
 * Whether the run's Enhance scenarios use this address: a configured login's, the pool's scheme, or one at the
 * domain of the logins scenarios create. Mail to it is never another family's (see MailMark.notFor).
 */
export function isEnhanceRunAddress(config: { email: string; otpLogin?: { email: string } } | undefined, address: string): boolean {
  const lower = address.trim().toLowerCase();
  if (config && [config.email, config.otpLogin?.email].some((known) => known?.trim().toLowerCase() === lower)) return true;
  return slotOf(lower) !== undefined || lower.endsWith(`@${NEW_LOGIN_DOMAIN}`);
}

/** The slot of an address of the scheme, or undefined. */
export function slotOf(email: string): number | undefined {
  const match = /^authflow\+(\d+)@(.+)$/i.exec(email);
  return match && match[2]!.toLowerCase() === poolDomain() ? Number(match[1]) : undefined;
}

interface PoolLogin {
  id: string;
  /** The membership in the configured organisation (an SSO link names it); learnt at sign-in, kept on disk. */
  memberId: string | undefined;
  /**
   * The secret of the authenticator app the pool last switched on for it: turning that app off needs its code
   * (updateLoginInfo's text). Kept on disk with the membership (owner-only), so a later run can still do it.
   */
  otpSecret?: string;
}

interface Panel {
  driver: () => EnhanceDriver;
  company: EnhanceDriver;
  realmId: string;
  orgId: string;
  /** What completing a change of a login's sign-in method may need (its mail, the clock). */
  help: (email: string) => MethodChangeHelp;
}

const what = (slot: number) => poolEmail(slot);
const MEMBERSHIP_KEPT = 'the membership of a login of the naming scheme, reused with it by the next run';
const KEPT = 'a login of the naming scheme, put back to its resting state and kept for the next run (the API cannot delete a login)';

/**
 * The pool of one panel and organisation, shared by this process's scenarios. Parallel workers (and other runs from
 * this checkout) lease a login in the run's shared ledger (support/coordination/), under the leaser's process id: two
 * scenarios never use one login at once, and a lease whose process is gone is taken over.
 */
export class LoginPool {
  readonly #dir: string;
  /** The ledger's pool of these logins (members are slot numbers). */
  readonly #pool: string;
  readonly #me = holder(`enhance-pool ${process.pid}`);
  #known: Map<number, PoolLogin> | undefined;
  readonly #unusable = new Set<number>();
  readonly #used = new Set<number>();
  /** Numbers the panel says exist (409) although its listing does not show them: never tried again. */
  readonly #skipped = new Set<number>();

  constructor(baseUrl: string, orgId: string) {
    const key = createHash('sha256').update(`${baseUrl}\n${orgId}`).digest('hex').slice(0, 16);
    this.#dir = resolve(process.env.AUTHFLOW_POOL_DIR ?? resolve(__dirname, '../../.authflow-state/enhance-pool'), key);
    this.#pool = `enhance-logins ${key}`;
    mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
  }

  /**
   * A login of the scheme for one scenario, leased until `release`, in a known state: a new password (set with
   * the administrators' operation), `method` as its sign-in method, no avatar, no session, a member of the
   * organisation, named after the actor. Creates one only when every login of the scheme is in use or unusable.
   */
  async acquire(panel: Panel, actorName: string, method: AuthMethod): Promise<{ ability: EnhanceAbility; slot: number }> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const known = await this.#list(panel, attempt > 0);
      for (let slot = await this.#takeFree(known); slot !== undefined; slot = await this.#takeFree(known)) {
        const prepared = await this.#prepare(panel, slot, actorName, method).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
        if (typeof prepared !== 'string') return { ability: prepared, slot };
        this.#unusable.add(slot);
        await this.release(slot);
        footprint.record('Enhance logins', what(slot), 'unusable', { why: `cannot be put into a known state (${prepared}); not used` });
        console.error(`Enhance login ${what(slot)} cannot be put into a known state (${prepared}): not used.`);
      }
    }
    // A number that answers 409 exists without being listed to us (made meanwhile by another run, or outside what
    // the listing shows): skipped from then on, so a panel that hides it cannot make this loop for ever.
    for (let tries = 0; tries < 3; tries += 1) {
      const slot = await this.#takeNew();
      try {
        const created = await this.#create(panel, slot, actorName, method);
        if (created !== 'exists') return { ability: created, slot };
      } catch (error) {
        await this.release(slot);
        throw error;
      }
      this.#skipped.add(slot);
      await this.release(slot);
      await this.#list(panel, true); // if another run made it, later scenarios find it there
    }
    throw new Error(`the hosting company's panel answered 409 for every new login of the naming scheme tried (${[...this.#skipped].map(what).join(', ')}), and its listing shows none of them`);
  }

  async release(slot: number): Promise<void> {
    await ledger().transact((state) => {
      const held = state.pools[this.#pool]?.held;
      if (held?.[slot]?.pid === process.pid) delete held[slot];
    });
  }

  /**
   * End of the run: every login this process used, if no one else holds it, goes back to its resting state (sessions
   * ended, avatar removed, password sign-in, its scheme name and address). The footprint says how each ended.
   */
  async putBack(panel: Panel): Promise<void> {
    for (const slot of this.#used) {
      // Another worker holding it puts it back when it is done; no scenario of this one runs any more.
      if (!(await this.#take(slot))) continue;
      const login = this.#known?.get(slot);
      const failure = login ? await this.#resetBySso(panel, slot, login, { resting: true }).catch((error: unknown) => String(error)) : 'unknown login';
      if (failure) {
        for (const kind of ['Enhance logins', 'Enhance sessions'] as const) footprint.record(kind, itemOf(kind, slot), 'left-behind', { why: `could not be put back: ${failure}`, avoidable: true });
      } else {
        footprint.record('Enhance sessions', itemOf('Enhance sessions', slot), 'put-back');
        footprint.record('Enhance logins', what(slot), 'kept', { why: KEPT });
      }
      await this.release(slot);
    }
    this.#used.clear();
  }

  // Listing, leasing, creating.

  async #list(panel: Panel, refresh: boolean): Promise<Map<number, PoolLogin>> {
    if (this.#known && !refresh) return this.#known;
    const known = new Map<number, PoolLogin>();
    const limit = 100;
    // A panel may cap the page below `limit` (no maximum is documented, EN-019): the next page starts after what came.
    for (let offset = 0; ; ) {
      const page = await panel.company.getLogins({ realmId: panel.realmId, offset, limit, sortBy: 'email', sortOrder: 'asc' });
      if (page.status !== 200) throw new Error(`listing the realm's logins answered ${page.status}`);
      const { items, total } = page.json<{ items: { id: string; email: string }[]; total: number }>();
      for (const item of items) {
        const slot = slotOf(item.email);
        if (slot !== undefined) known.set(slot, { id: item.id, ...this.#keptOnDisk(slot, item.id) });
      }
      offset += items.length;
      if (items.length === 0 || offset >= total) break;
    }
    this.#known = known;
    return known;
  }

  /** A new login of the scheme as `slot`, or 'exists' when the panel already has one with its address (409). */
  async #create(panel: Panel, slot: number, actorName: string, method: AuthMethod): Promise<EnhanceAbility | 'exists'> {
    const password = EnhanceAbility.newPassword();
    const created = await panel.company.createLogin(panel.orgId, { email: poolEmail(slot), password, name: restingName(slot) });
    if (created.status === 409) return 'exists';
    if (created.status !== 201) throw new Error(`the hosting company could not create the login ${what(slot)} (${created.status})`);
    const login: PoolLogin = { id: created.json<{ id: string }>().id, memberId: undefined };
    footprint.record('Enhance logins', what(slot), 'created');
    this.#known?.set(slot, login);
    await this.#ensureMember(panel, slot, login);
    return this.#configure(panel, slot, login, password, actorName, method);
  }

  // Putting a login into a known state.

  async #prepare(panel: Panel, slot: number, actorName: string, method: AuthMethod, afterReset = false): Promise<EnhanceAbility> {
    const login = this.#known?.get(slot);
    if (!login) throw new Error('not listed');
    if (!afterReset) footprint.record('Enhance logins', what(slot), 'found');
    const password = await this.#setPassword(panel, login);
    const driver = panel.driver();
    const session = await driver.createSession({ email: poolEmail(slot), password });
    if (session.status !== 200) {
      // A second factor still on, or another address, from a run that stopped: the SSO link of its membership
      // passes any second factor (a membership learnt on this machine).
      if (afterReset || !login.memberId) throw new Error(`its sign-in answered ${session.status}${login.memberId ? '' : ' and its membership is unknown here, so no SSO link can reach it'}`);
      const failure = await this.#resetBySso(panel, slot, login, { resting: true });
      if (failure) throw new Error(failure);
      return this.#prepare(panel, slot, actorName, method, true);
    }
    login.memberId = membershipIn(session, panel.orgId) ?? login.memberId;
    await this.#ensureMember(panel, slot, login);
    return this.#configure(panel, slot, login, password, actorName, method, driver);
  }

  /** Signed in with the password just set: the actor's name and sign-in method, no avatar, every session ended. */
  async #configure(panel: Panel, slot: number, login: PoolLogin, password: string, actorName: string, method: AuthMethod, signedIn?: EnhanceDriver): Promise<EnhanceAbility> {
    this.#used.add(slot);
    footprint.record('Enhance logins', what(slot), 'changed');
    footprint.record('Enhance sessions', itemOf('Enhance sessions', slot), 'changed');
    let driver = signedIn;
    if (!driver) {
      driver = panel.driver();
      const session = await driver.createSession({ email: poolEmail(slot), password });
      if (session.status !== 200) throw new Error(`its first sign-in answered ${session.status}`);
    }
    await this.#removeAvatar(driver, slot);
    const name = `${actorName} ${uniqueSuffix()}`;
    const update = await driver.updateLoginInfo({ name });
    if (update.status !== 200) throw new Error(`setting its name answered ${update.status}`);
    let otpSecret: string | undefined;
    if (method !== 'basic') {
      // The panel may ask for the new method's PIN before it takes effect (EN-022): completed here.
      const switched = await switchSignInMethod(driver, { email: poolEmail(slot), password, authMethod: 'basic', otpSecret: undefined }, method, panel.help(poolEmail(slot)));
      if (typeof switched === 'string') throw new Error(switched);
      otpSecret = switched.otpSecret;
      if (method === 'otp') {
        login.otpSecret = otpSecret;
        this.#saveOnDisk(slot, login);
      }
    }
    const ended = await driver.deleteSessions();
    if (ended.status !== 200) throw new Error(`ending its sessions answered ${ended.status}`);
    const account: EnhanceAccount = { id: login.id, email: poolEmail(slot), name, password, authMethod: method, otpSecret, orgId: panel.orgId, memberId: login.memberId };
    return new EnhanceAbility(account, () => panel.driver().client);
  }

  /**
   * Through an SSO link (which passes any second factor): a new password, then the scheme's address, password-only
   * sign-in (turning a second factor off completes what the panel asks: the PIN it mails, or the app's code), no
   * avatar and, `resting`, the scheme's name; then the proof: a sign-in with the password alone must answer 200, and
   * every session is ended. The failure, or undefined.
   */
  async #resetBySso(panel: Panel, slot: number, login: PoolLogin, options: { resting: boolean }): Promise<string | undefined> {
    if (!login.memberId) return 'its membership is unknown, so no SSO link can reach it';
    const password = await this.#setPassword(panel, login);
    const link = await panel.company.getOrgMemberLogin(panel.orgId, login.memberId);
    if (link.status !== 201) return `its SSO link answered ${link.status}`;
    const otp = new URL(link.json<string>()).searchParams.get('otp');
    if (!otp) return 'its SSO link carries no one-time password';
    secrets.add(otp);
    const driver = panel.driver();
    const session = await driver.createOtpSession(otp);
    if (session.status !== 200) return `its SSO sign-in answered ${session.status}`;
    const current = await driver.getLogin();
    if (current.status !== 200) return `reading it answered ${current.status}`;
    const shown = current.json<{ email: string; name: string; authMethod: AuthMethod }>();
    const change: Record<string, string> = {};
    if (shown.email.toLowerCase() !== poolEmail(slot)) change.email = poolEmail(slot);
    if (options.resting && shown.name !== restingName(slot)) change.name = restingName(slot);
    if (Object.keys(change).length > 0) {
      const update = await driver.updateLoginInfo({ ...change, currentPassword: password });
      if (update.status !== 200) return `putting back ${Object.keys(change).join(', ')} answered ${update.status}`;
    }
    if (shown.authMethod !== 'basic') {
      const off = await switchSignInMethod(driver, { email: poolEmail(slot), password, authMethod: shown.authMethod, otpSecret: login.otpSecret }, 'basic', panel.help(poolEmail(slot)));
      if (typeof off === 'string') return `turning its second factor (${shown.authMethod === 'otp' ? 'an authenticator app' : 'PINs by email'}) off failed: ${off}`;
    }
    await this.#removeAvatar(driver, slot, current);
    // Back at rest only if the password alone signs it in: whatever the answers above said.
    const proof = panel.driver();
    const signIn = await proof.createSession({ email: poolEmail(slot), password });
    if (signIn.status !== 200) return `a sign-in with its password alone answered ${signIn.status}${signIn.status === 201 ? ' (a second factor is still on)' : ''}`;
    const ended = await proof.deleteSessions();
    return ended.status === 200 ? undefined : `ending its sessions answered ${ended.status}`;
  }

  /** A scenario's email change is undone at once: an address outside the scheme would lose the login for good. */
  async restoreAddress(panel: Panel, slot: number, currentEmail: string): Promise<void> {
    if (currentEmail.toLowerCase() === poolEmail(slot)) return;
    const login = this.#known?.get(slot);
    const failure = login ? await this.#resetBySso(panel, slot, login, { resting: false }) : 'unknown login';
    if (failure) footprint.record('Enhance logins', what(slot), 'left-behind', { why: `its changed email address could not be put back: ${failure}`, avoidable: true });
  }

  async #setPassword(panel: Panel, login: PoolLogin): Promise<string> {
    const password = EnhanceAbility.newPassword();
    const set = await panel.company.setCustomerLoginPassword(login.id, password);
    if (set.status !== 200) throw new Error(`the administrators' password set answered ${set.status}`);
    return password;
  }

  async #removeAvatar(driver: EnhanceDriver, slot: number, shown?: HttpResponse): Promise<void> {
    const current = shown ?? (await driver.getLogin());
    if (current.status !== 200 || !current.json<{ avatarPath?: string }>().avatarPath) return;
    const removed = await driver.deleteLoginAvatar();
    if (removed.status !== 204 && removed.status !== 200) throw new Error(`removing its avatar answered ${removed.status}`);
    // An avatar a scenario (or an earlier run) left: changed, and now put back.
    footprint.record('Enhance avatars', itemOf('Enhance avatars', slot), 'changed');
    footprint.record('Enhance avatars', itemOf('Enhance avatars', slot), 'put-back');
  }

  /** A login of the scheme is a member of the organisation, made so once and then reused. */
  async #ensureMember(panel: Panel, slot: number, login: PoolLogin): Promise<void> {
    if (login.memberId) {
      footprint.record('Enhance memberships', itemOf('Enhance memberships', slot), 'found');
      footprint.record('Enhance memberships', itemOf('Enhance memberships', slot), 'kept', { why: MEMBERSHIP_KEPT });
      return this.#saveOnDisk(slot, login);
    }
    const member = await panel.company.createMember(panel.orgId, { loginId: login.id, roles: ['SiteAccess'] });
    if (member.status !== 201) throw new Error(`making it a member of the organisation answered ${member.status}`);
    login.memberId = member.json<{ id: string }>().id;
    footprint.record('Enhance memberships', itemOf('Enhance memberships', slot), 'created');
    footprint.record('Enhance memberships', itemOf('Enhance memberships', slot), 'kept', { why: MEMBERSHIP_KEPT });
    this.#saveOnDisk(slot, login);
    return undefined;
  }

  // Leases in the ledger; each login's membership id (what an SSO link needs) in a file of the pool's folder.

  /** Holders whose process is gone (on this host) hold nothing; this process's own leases are its own. */
  #free(state: LedgerState, slot: number): boolean {
    const other = state.pools[this.#pool]?.held[slot];
    return !other || other.pid === process.pid || (other.host === this.#me.host && !processAlive(other.pid));
  }

  #hold(state: LedgerState, slot: number): void {
    (state.pools[this.#pool] ??= { held: {}, queue: [] }).held[slot] = this.#me;
  }

  /** The first known, usable login no scenario holds (this process's actors hold theirs until released). */
  #takeFree(known: Map<number, PoolLogin>): Promise<number | undefined> {
    return ledger().transact((state) => {
      const held = state.pools[this.#pool]?.held ?? {};
      const slot = [...known.keys()].sort((a, b) => a - b).find((candidate) => !this.#unusable.has(candidate) && (!held[candidate] || (held[candidate].pid !== process.pid && this.#free(state, candidate))));
      if (slot !== undefined) this.#hold(state, slot);
      return slot;
    });
  }

  /** The next number after every login listed or leased: a login to create. */
  #takeNew(): Promise<number> {
    return ledger().transact((state) => {
      const taken = [...(this.#known?.keys() ?? []), ...this.#skipped, ...Object.keys(state.pools[this.#pool]?.held ?? {}).map(Number)];
      const slot = Math.max(0, ...taken) + 1;
      this.#hold(state, slot);
      return slot;
    });
  }

  /** This login, unless another live process holds it. */
  #take(slot: number): Promise<boolean> {
    return ledger().transact((state) => {
      if (!this.#free(state, slot)) return false;
      this.#hold(state, slot);
      return true;
    });
  }

  /** What this checkout keeps of a login (its membership id, the secret of an app the pool switched on), if it is the same login. */
  #keptOnDisk(slot: number, loginId: string): { memberId: string | undefined; otpSecret?: string } {
    const file = resolve(this.#dir, `${slot}.json`);
    if (!existsSync(file)) return { memberId: undefined };
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { loginId?: string; memberId?: string; otpSecret?: string };
      if (saved.loginId !== loginId) return { memberId: undefined };
      secrets.add(saved.otpSecret);
      return { memberId: saved.memberId, ...(saved.otpSecret ? { otpSecret: saved.otpSecret } : {}) };
    } catch {
      return { memberId: undefined };
    }
  }

  #saveOnDisk(slot: number, login: PoolLogin): void {
    writeFileSync(resolve(this.#dir, `${slot}.json`), JSON.stringify({ loginId: login.id, memberId: login.memberId, ...(login.otpSecret ? { otpSecret: login.otpSecret } : {}) }), { mode: 0o600 });
  }
}

function itemOf(kind: 'Enhance logins' | 'Enhance sessions' | 'Enhance avatars' | 'Enhance memberships', slot: number): string {
  return { 'Enhance logins': what(slot), 'Enhance sessions': `sessions of ${what(slot)}`, 'Enhance avatars': `avatar of ${what(slot)}`, 'Enhance memberships': `membership of ${what(slot)}` }[kind];
}

export { itemOf as poolItem };

function membershipIn(session: HttpResponse, orgId: string): string | undefined {
  return session.json<{ memberships?: { orgId: string; memberId: string }[] }>().memberships?.find((membership) => membership.orgId === orgId)?.memberId;
}

let pool: LoginPool | undefined;

/** This process's pool of the configured panel (real runs with admin credentials only). */
export function loginPool(): LoginPool {
  const target = currentTarget();
  const admin = target.config.enhance?.admin;
  if (target.kind !== 'real' || !admin) throw new Error('the login pool serves real panels with admin credentials');
  pool ??= new LoginPool(familyTarget(target, 'Enhance').baseUrl, admin.orgId);
  return pool;
}

/**
 * The configured panel for the pool's own requests outside a scenario (the end of the run): no transcript. The mail it
 * reads (PINs that confirm a second factor turned off) is deleted afterwards by `tidyMail`, and counted.
 */
export function detachedPanel(): (Panel & { tidyMail: () => Promise<void> }) | undefined {
  const target = currentTarget();
  const admin = target.config.enhance?.admin;
  if (target.kind !== 'real' || !admin || !target.families.Enhance) return undefined;
  secrets.add(admin.token);
  const { baseUrl, userAgent } = familyTarget(target, 'Enhance');
  const driver = () => new EnhanceDriver(new HttpClient({ baseUrl, userAgent, contract: contractOf('Enhance'), politeness: target.config.politeness }));
  const read: string[] = [];
  const mailbox = target.mailboxUrl
    ? new MailboxReader(new HttpClient({ baseUrl: target.mailboxUrl, userAgent: DEFAULT_USER_AGENT }), { timeoutMs: 60_000, subjects: target.config.mailSubjects, onRead: (id) => read.push(id) })
    : undefined;
  const help = (email: string): MethodChangeHelp => ({ mailbox, clock: new SystemClock(), owner: { target: baseUrl, label: `Enhance ${email}` } });
  const tidyMail = async () => {
    const ids = read.splice(0);
    if (!mailbox || ids.length === 0) return;
    const removed = await mailbox.remove(ids).catch(() => false);
    for (const id of ids) {
      footprint.record('Mails', `mail ${id}`, 'created');
      footprint.record('Mails', `mail ${id}`, removed ? 'put-back' : 'left-behind', removed ? {} : { why: 'deleting it from the mailbox failed', avoidable: true });
    }
  };
  return { driver, company: driver().withToken(admin.token), realmId: admin.realmId, orgId: admin.orgId, help, tidyMail };
}

/** At the end of a real run: puts back the pool's logins this process used. */
export async function putBackPool(): Promise<void> {
  const panel = pool && detachedPanel();
  if (!pool || !panel) return;
  try {
    await pool.putBack(panel);
  } finally {
    await panel.tidyMail();
  }
}
