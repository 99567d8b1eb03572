import type { Holder } from '../coordination/ledger';
import type { HttpClient } from '../http/client';
import type { Exchange } from '../http/exchange';
import type { HttpResponse } from '../http/response';
import type { TargetClock } from './clock';
import type { Family } from './families';
import type { MailboxReader, MailMark } from './mailbox';
import type { SessionCache } from './session-cache';
import type { Target } from './target';
import type { CodeOwner } from './totp';

/**
 * What a family's tasks may ask of the running scenario: the World (support/world/world.ts) is one. Tasks take this,
 * not the World itself, so the families never depend on the harness that plugs them in.
 */
export interface Scenario {
  readonly target: Target;
  readonly scenarioName: string;
  /** Exchanges of the running step, attached to the report. */
  readonly transcript: Exchange[];
  /** Sessions kept between scenarios against real servers. */
  readonly sessions: SessionCache;
  /** This scenario, as the holder of what it leases (support/coordination/leases.ts). */
  readonly ledgerHolder: Holder;
  readonly clock: TargetClock;
  readonly mailbox: MailboxReader;
  /** A new device of an API family, every response checked against its description. */
  clientFor(family: Family): HttpClient;
  /** A client whose exchanges land in this scenario's transcript (the mocks' control API, the mailbox). */
  newClient(baseUrl: string, userAgent?: string): HttpClient;
  codeOwner(family: Family, account: string): CodeOwner;
  /** Claims the configured account of a kind for this scenario; true when another actor already has it. */
  takeConfiguredAccount(kind: string): boolean;
  skip(scenario: string, reason: string): 'skipped';
  onCleanup(cleanup: () => Promise<void>): void;
  onRelease(release: () => Promise<void>): void;
  setup<T>(name: string, build: () => Promise<T>): Promise<T>;
  remember(response: HttpResponse): HttpResponse;
  expectingMail<T>(to: string | undefined, request: () => Promise<T>): Promise<T>;
  mailMark(to: string | undefined): MailMark;
  log(text: string): void;
}
