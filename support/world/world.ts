import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import { Actor } from './actor';
import type { Attempt } from '../core/alike-refusals';
import { MockClockControl, SystemClock, type TargetClock } from '../core/clock';
import { HttpClient } from '../http/client';
import type { Exchange } from '../http/exchange';
import type { HttpResponse } from '../http/response';
import { holder } from '../coordination/ledger';
import { MailboxReader, type MailMark } from '../core/mailbox';
import { contractOf, noteSkipped } from '../contract/contracts';
import { redactingLog } from '../redaction/redact';
import { FAMILY_CREDENTIAL_HEADERS, type Family } from '../core/families';
import { SessionCache } from '../core/session-cache';
import { isEnhanceRunAddress, slotOf } from '../enhance/pool';
import { isBetterAuthRunAddress } from '../better-auth/tasks';
import { footprint } from '../core/footprint';
import type { Scenario } from '../core/scenario';
import type { CodeOwner } from '../core/totp';
import { currentTarget, DEFAULT_USER_AGENT, familyTarget, type Target } from '../core/target';

/**
 * One scenario's state: its actors (created on first mention, each with fresh cookie jars), the last response a
 * step observed, and the transcript of the exchanges of the running step (attached to the report, redacted).
 */
export class AuthWorld extends World implements Scenario {
  readonly actors = new Map<string, Actor>();
  /** Exchanges of the step being run; the step wrapper attaches and empties it. */
  readonly transcript: Exchange[] = [];
  /** Per-scenario setup a family builds once and shares between its steps (e.g. Enhance's organisations). */
  readonly setups = new Map<string, Promise<unknown>>();
  readonly #cleanups: (() => Promise<void>)[] = [];
  readonly #releases: (() => Promise<void>)[] = [];
  /** On a real server the environment names one account of each kind: the first actor who asks gets it. */
  readonly #configuredAccountsTaken = new Set<string>();
  /** An address the scenario made up and no login uses (to check that nothing is sent to it). */
  nobodysAddress: string | undefined;
  /** Answers to the requests of one step: sent at the same moment (a race for one secret), or one attack tried several ways. */
  answers: HttpResponse[] | undefined;
  /** The made-up origin of another website whose page made the actor's browser send the last request. */
  otherSite: string | undefined;
  /** Refused sign-ins of an unknown account and of a wrong password, to compare (support/core/alike-refusals.ts). */
  refusals: { unknown: Attempt[]; wrongPassword: Attempt[] } | undefined;
  #lastResponse: HttpResponse | undefined;
  /** Per recipient ('' for an address the configuration does not name): when the last request that mails it was sent. */
  readonly #mailMarks = new Map<string, MailMark>();
  /** Per recipient, the scenario's first mark, and the mails it read: what a real run deletes afterwards. */
  readonly #firstMailMarks = new Map<string, MailMark>();
  readonly #mailRead = new Set<string>();
  /** The running scenario's name (set by a hook), for messages about it. */
  scenarioName = '';
  /** The API family of the running scenario's feature (set by a hook), for the steps all families share. */
  family: Family | undefined;
  #control: HttpClient | undefined;
  /** This scenario, as the holder of the configured accounts lent to it (support/coordination/leases.ts). */
  readonly ledgerHolder = holder();
  /** Sessions kept between scenarios against real servers. */
  readonly sessions = new SessionCache();

  constructor(options: IWorldOptions) {
    // Whatever a step logs (a response body, a message with a code in it) is redacted like every attachment.
    super({ ...options, log: redactingLog(options.log) });
  }

  /** Resolved on use: a dry run builds Worlds without running the hook that opens the target. */
  get target(): Target {
    return currentTarget();
  }

  actor(name: string): Actor {
    let actor = this.actors.get(name);
    if (!actor) {
      actor = new Actor(name);
      this.actors.set(name, actor);
    }
    return actor;
  }

  /** A client whose exchanges land in this scenario's transcript (for the mocks' control API and the mailbox). */
  newClient(baseUrl: string, userAgent?: string): HttpClient {
    return new HttpClient({ baseUrl, userAgent, onExchange: (exchange) => this.transcript.push(exchange) });
  }

  /** A new device of an API family: its base URL and User-Agent, every response checked against its description. */
  clientFor(family: Family): HttpClient {
    const { baseUrl, userAgent } = familyTarget(this.target, family);
    return new HttpClient({
      baseUrl,
      userAgent,
      contract: contractOf(family),
      credentialHeaders: FAMILY_CREDENTIAL_HEADERS[family],
      // Real servers are rate-limited: pace requests and honour 429s. The mocks' 429s are under test.
      politeness: this.target.kind === 'real' ? this.target.config.politeness : undefined,
      onExchange: (exchange) => this.transcript.push(exchange),
    });
  }

  /** Whose authenticator code a step takes: the ledger keys its windows by target, the floor report names it. */
  codeOwner(family: Family, account: string): CodeOwner {
    return { target: familyTarget(this.target, family).baseUrl, label: `${family} ${account}` };
  }

  /** Claims the configured account of a kind for this scenario; true when another actor already has it. */
  takeConfiguredAccount(kind: string): boolean {
    if (this.#configuredAccountsTaken.has(kind)) return true;
    this.#configuredAccountsTaken.add(kind);
    return false;
  }

  /**
   * Skips the scenario with its reason, in the report and on stderr: a skip is never silent. The coverage check
   * hears of it too (`byTags` when the scenario's tags ruled it out, before any step).
   */
  skip(scenario: string, reason: string, options: { byTags?: boolean } = {}): 'skipped' {
    noteSkipped(scenario, reason, options.byTags ?? false);
    this.log(`Skipped: ${reason}`);
    process.stderr.write(`skipped "${scenario}": ${reason}\n`);
    return 'skipped';
  }

  /** Work to do after the scenario, pass or fail: restoring what it changed on a real server. */
  onCleanup(cleanup: () => Promise<void>): void {
    this.#cleanups.push(cleanup);
  }

  /** A lease to give back after the scenario, once everything else is done (another worker may take it next). */
  onRelease(release: () => Promise<void>): void {
    this.#releases.push(release);
  }

  /**
   * After the scenario: the cleanups, newest first, then the mail it caused (its leased addresses still its own),
   * then the leases. Each runs whatever the others did (a failed restore must not keep a lease from being given
   * back); their failures are reported together at the end.
   */
  async cleanUp(): Promise<void> {
    await this.#afterwards({ restore: true });
  }

  /** After a scenario that restores nothing itself (the benchmark's: its flows clean up after themselves): the leases only. */
  async giveBackBorrowed(): Promise<void> {
    await this.#afterwards({ restore: false });
  }

  async #afterwards({ restore }: { restore: boolean }): Promise<void> {
    const failures: unknown[] = [];
    const attempt = (work: () => Promise<void>) => work().catch((error: unknown) => void failures.push(error));
    if (restore) {
      for (const cleanup of this.#cleanups.splice(0).reverse()) await attempt(cleanup);
      if (this.target.kind === 'real') await attempt(() => this.#tidyMail());
    }
    for (const release of this.#releases.splice(0)) await attempt(release);
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, `${failures.length} cleanups failed: ${failures.map((error) => (error instanceof Error ? error.message : String(error))).join('; ')}`);
  }

  /**
   * A real run's mail, after the scenario: the mails it read, and every mail since its first request to an address
   * only this scenario uses (a leased Enhance login of the scheme), are deleted from the mailbox.
   */
  async #tidyMail(): Promise<void> {
    if (!this.target.mailboxUrl) return;
    const mailbox = this.mailbox;
    const ids = new Set(this.#mailRead);
    for (const id of await this.#drainUnreadMail()) ids.add(id);
    for (const mark of this.#firstMailMarks.values()) if (mark.to && slotOf(mark.to) !== undefined) for (const id of await mailbox.ids(mark)) ids.add(id);
    if (ids.size === 0) return;
    const removed = await mailbox.remove([...ids]);
    for (const id of ids) {
      footprint.record('Mails', `mail ${id}`, 'created');
      footprint.record('Mails', `mail ${id}`, removed ? 'put-back' : 'left-behind', removed ? {} : { why: 'deleting it from the mailbox failed', avoidable: true });
    }
  }

  /**
   * The mail of a configured account whose address is unknown is told apart by being new since a request: a mail
   * the scenario caused but never read, delivered late, would be the next scenario's "new" mail. So the last request
   * that mails such an account, if no mail has reached the mailbox since, is waited for (up to 10 s) and its mail
   * deleted with the others.
   */
  async #drainUnreadMail(): Promise<string[]> {
    const mark = this.#mailMarks.get('');
    if (!mark) return [];
    if ((await this.mailbox.ids(mark)).length > 0) return [];
    const drain = new MailboxReader(this.newClient(this.target.mailboxUrl as string, DEFAULT_USER_AGENT), { timeoutMs: 10_000, subjects: {} });
    const late = await drain.awaitMail(mark, 'any').catch(() => undefined);
    return late ? [late.id] : [];
  }

  /** Builds a family's scenario setup on first use, then hands out the same one. */
  setup<T>(name: string, build: () => Promise<T>): Promise<T> {
    let setup = this.setups.get(name) as Promise<T> | undefined;
    if (!setup) {
      setup = build();
      this.setups.set(name, setup);
    }
    return setup;
  }

  /** The steps' "the response": the last one an action produced. */
  remember(response: HttpResponse): HttpResponse {
    this.#lastResponse = response;
    return response;
  }

  get lastResponse(): HttpResponse {
    if (!this.#lastResponse) throw new Error('no request has been made yet in this scenario');
    return this.#lastResponse;
  }

  /** The mocks' control API (clock and mailbox); only mock targets have one. */
  get control(): HttpClient {
    if (!this.target.controlUrl) throw new Error('this scenario needs the mocks\' control API: tag it @mock-only');
    this.#control ??= this.newClient(this.target.controlUrl, DEFAULT_USER_AGENT);
    return this.#control;
  }

  /** The target's time: the mocks' controllable clock, or the machine's for real servers (codes then wait for fresh windows). */
  get clock(): TargetClock {
    return this.target.kind === 'real' ? new SystemClock() : new MockClockControl(this.control);
  }

  #mailbox: MailboxReader | undefined;

  get mailbox(): MailboxReader {
    if (!this.target.mailboxUrl) throw new Error('this scenario needs a mailbox: set MAILBOX_URL or tag it @mailbox');
    // One reader per scenario: it remembers the mail it handed out, so a later step waits for a mail of its own.
    this.#mailbox ??= new MailboxReader(this.newClient(this.target.mailboxUrl, DEFAULT_USER_AGENT), {
      // The mocks mail before they answer; a real server's mail may take a while to reach Mailpit.
      timeoutMs: this.target.kind === 'real' ? 60_000 : 3_000,
      subjects: this.target.config.mailSubjects,
      onRead: (id) => this.#mailRead.add(id),
    });
    return this.#mailbox;
  }

  /**
   * Runs a request that may send mail to `to`, having noted the target's time just before it: the mail read
   * afterwards is the mail that arrived from then on, never an older one (see MailboxReader).
   */
  async expectingMail<T>(to: string | undefined, request: () => Promise<T>): Promise<T> {
    if (this.target.mailboxUrl) {
      const mark = await this.mailbox.mark(to, new Date(await this.clock.nowMs()));
      // An account whose address is unknown tells its mail by arrival: the run's other logins' mail is set aside.
      if (!to) mark.notFor = (address) => isEnhanceRunAddress(this.target.config.enhance, address) || isBetterAuthRunAddress(this.target.config.betterAuth, address);
      this.#mailMarks.set(to?.toLowerCase() ?? '', mark);
      if (!this.#firstMailMarks.has(to?.toLowerCase() ?? '')) this.#firstMailMarks.set(to?.toLowerCase() ?? '', mark);
    }
    return request();
  }

  /** Where and since when to look for mail to `to`: set by the last request sent through `expectingMail`. */
  mailMark(to: string | undefined): MailMark {
    const mark = this.#mailMarks.get(to?.toLowerCase() ?? '');
    if (!mark) throw new Error(`no request that mails ${to ?? 'the account'} was sent in this scenario (send it through expectingMail)`);
    return mark;
  }
}

setWorldConstructor(AuthWorld);
