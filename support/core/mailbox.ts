import type { HttpClient } from '../http/client';
import { learnFromLink } from '../http/learn-secrets';
import { secrets } from '../redaction/secrets';

export interface ReceivedMail {
  id: string;
  subject: string;
  text: string;
}

/**
 * Where to look for the mail a request is about to cause, taken just before that request: the recipient, and the mail
 * already there then. `to` is undefined for a real account whose address the configuration does not name: its mail
 * is then told apart by arrival and content only. No clock is shared with the mailbox: a mail is new when it was not
 * there at the mark and did not arrive before the newest one that was, both on the mailbox's own clock; `since` (the
 * target's time at the mark) only bounds the search, from a margin earlier, and names the moment in messages.
 */
export interface MailMark {
  to: string | undefined;
  since: Date;
  /** The ids of the mail already there at the mark (the search's first page): not mail the request caused. */
  before: ReadonlySet<string>;
  /** The arrival time (mailbox's clock) of the newest mail already there, when there was any. */
  newestBefore?: number;
  /**
   * Without `to`: whether an address is known to be another account's (the run's other logins). A mail only to such
   * addresses is not this account's, whatever it carries: another worker's PIN is no login code here.
   */
  notFor?: (address: string) => boolean;
}

/**
 * How much earlier than the mark the search starts: a mailbox on another host whose clock runs this much behind (or
 * a mail stamped when sent and stored later) is still read. What was there before the mark is known by id.
 */
export const MAILBOX_CLOCK_MARGIN_MS = 15 * 60_000;

/** What a mail must carry to be the one a step waits for: a 6-digit code, a link, or anything (a mail to drain). */
export type MailContent = 'code' | 'link' | 'any';

/** Optional subject filters (substrings, as Mailpit's `subject:` matches), per kind of mail; never required. */
export type MailSubjects = Partial<Record<'code' | 'link', string>>;

export interface MailboxOptions {
  timeoutMs: number;
  /** The first pause between two polls; each next one doubles, up to `maxPollMs`. */
  firstPollMs: number;
  maxPollMs: number;
  subjects: MailSubjects;
  /** Told the id of each mail handed out (a real run deletes them after the scenario). */
  onRead?: (id: string) => void;
}

const DEFAULTS: MailboxOptions = { timeoutMs: 10_000, firstPollMs: 100, maxPollMs: 1_000, subjects: {} };

const CONTENT: Record<MailContent, RegExp> = { code: /\b\d{6}\b/, link: /https?:\/\/[^\s"'<>]+/, any: /[\s\S]?/ };

interface Summary {
  ID: string;
  Created: string;
  To?: { Address: string }[] | null;
}

/**
 * Reads mail through Mailpit's HTTP API, which the embedded mocks serve too, so one adapter works against
 * both. A mail is recognised by its recipient, its arrival after the request that caused it and its content;
 * no document names the subjects a server uses, so a subject is only ever an optional, configured filter.
 */
export class MailboxReader {
  readonly #options: MailboxOptions;

  constructor(
    private readonly client: HttpClient,
    options: Partial<MailboxOptions> = {},
  ) {
    this.#options = { ...DEFAULTS, ...options };
  }

  /** The newest mail since the mark that carries `content`, waiting for it with a backed-off poll. */
  async awaitMail(mark: MailMark, content: MailContent): Promise<ReceivedMail> {
    const deadline = Date.now() + this.#options.timeoutMs;
    const subject = content === 'any' ? undefined : this.#options.subjects[content];
    // Mail already read and found not to carry the content: not fetched again on the next poll.
    const rejected = new Set<string>();
    for (let pause = this.#options.firstPollMs; ; pause = Math.min(pause * 2, this.#options.maxPollMs)) {
      for (const summary of await this.#search(mark, subject)) {
        if (rejected.has(summary.ID)) continue;
        const message = (await this.client.send(`/api/v1/message/${encodeURIComponent(summary.ID)}`)).json<{ ID: string; Subject: string; Text?: string; HTML?: string }>();
        // No document says whether a server mails text, HTML or both: an HTML-only mail is read as its text.
        const mail = { id: message.ID, subject: message.Subject, text: message.Text || textOfHtml(message.HTML ?? '') };
        // A code may be in the subject only (no document says where a server puts it).
        if (CONTENT[content].test(content === 'code' ? `${mail.subject}\n${mail.text}` : mail.text)) {
          this.#options.onRead?.(mail.id);
          return mail;
        }
        rejected.add(summary.ID);
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        const what = `${content === 'code' ? 'with a 6-digit code' : content === 'link' ? 'with a link' : 'at all'}${subject ? ` and a subject containing "${subject}"` : ''}`;
        throw new Error(`no mail ${what} reached ${mark.to ?? 'the mailbox'} since the request at ${mark.since.toISOString()} within ${this.#options.timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
    }
  }

  /** The code of the newest mail with a 6-digit code since the mark (registered as a secret). */
  async code(mark: MailMark): Promise<string> {
    return codeIn(await this.awaitMail(mark, 'code'));
  }

  /** The first link of the newest mail with a link since the mark. */
  async link(mark: MailMark): Promise<string> {
    return linkIn(await this.awaitMail(mark, 'link'));
  }

  /** The mark with the mail already there (`before`, `newestBefore`), taken just before a request that may mail. */
  async mark(to: string | undefined, since: Date): Promise<MailMark> {
    const present = await this.#search({ to, since, before: new Set() }, undefined);
    const newest = Math.max(...present.map((summary) => Date.parse(summary.Created)).filter(Number.isFinite));
    return { to, since, before: new Set(present.map((summary) => summary.ID)), ...(Number.isFinite(newest) ? { newestBefore: newest } : {}) };
  }

  /** The ids of the mails that reached the mark's recipient since the mark, now (no waiting). */
  async ids(mark: MailMark): Promise<string[]> {
    return (await this.#search(mark, undefined)).map((summary) => summary.ID);
  }

  /** Deletes these mails (Mailpit's `DELETE /api/v1/messages` with `IDs`; without any it would delete all). */
  async remove(ids: string[]): Promise<boolean> {
    if (ids.length === 0) return true;
    return (await this.client.send('/api/v1/messages', { method: 'DELETE', json: { IDs: ids } })).status === 200;
  }

  /** How many mails reached the mark's recipient since the mark, now (no waiting). */
  async count(mark: MailMark): Promise<number> {
    return (await this.ids(mark)).length;
  }

  /**
   * Mailpit's search, newest first: `to:` (a substring there, so the address is checked exactly here too) and
   * `after:` a margin before the mark (the mailbox's clock may run behind the target's). What decides is the
   * mailbox's own view: a mail there at the mark, or one that arrived before the newest mail there then, is not new.
   */
  async #search(mark: MailMark, subject: string | undefined): Promise<Summary[]> {
    const from = mark.since.getTime() - MAILBOX_CLOCK_MARGIN_MS;
    const terms = [`after:${new Date(from).toISOString()}`];
    if (mark.to) terms.unshift(`to:${mark.to}`);
    if (subject) terms.push(`subject:"${subject.replace(/"/g, '')}"`);
    const search = await this.client.send('/api/v1/search', { query: { query: terms.join(' ') } });
    const to = mark.to?.toLowerCase();
    return search
      .json<{ messages: Summary[] }>()
      .messages.filter((summary) => (to ? (summary.To ?? []).some((recipient) => recipient.Address.toLowerCase() === to) : !toOthersOnly(summary, mark.notFor)))
      .filter((summary) => !mark.before.has(summary.ID))
      .filter((summary) => mark.newestBefore === undefined || !(Date.parse(summary.Created) < mark.newestBefore));
  }
}

/** Whether every recipient of a mail is known to be another account (a mail with none listed is not). */
function toOthersOnly(summary: Summary, notFor: MailMark['notFor']): boolean {
  const recipients = summary.To ?? [];
  return notFor !== undefined && recipients.length > 0 && recipients.every((recipient) => notFor(recipient.Address));
}

/**
 * Whether a mailbox answers Mailpit's API (what MailboxReader reads): `GET /api/v1/messages` answers a listing with
 * `messages` and `total`. The problem, in words naming MAILBOX_URL, or undefined.
 */
export async function mailpitProblem(client: HttpClient): Promise<string | undefined> {
  try {
    const response = await client.send('/api/v1/messages', { query: { limit: '1' } });
    if (response.status !== 200) return `MAILBOX_URL=${client.baseUrl} does not answer Mailpit's API: GET /api/v1/messages answered ${response.status}`;
    const listing = response.json<{ messages?: unknown; total?: unknown }>();
    if (!Array.isArray(listing.messages) || typeof listing.total !== 'number') return `MAILBOX_URL=${client.baseUrl} does not answer Mailpit's API: GET /api/v1/messages is not a listing of messages`;
    return undefined;
  } catch (error) {
    return `MAILBOX_URL=${client.baseUrl} cannot be reached or is not Mailpit's API: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** An HTML part as text: each link's address kept after its words, tags dropped, entities decoded. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<a\s[^>]*href\s*=\s*["']([^"']*)["'][^>]*>([\s\S]*?)<\/a>/gi, '$2 $1 ')
    .replace(/<(br|\/p|\/div|\/tr)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * The 6-digit code in a mail's text (registered as a secret): the one that follows the word "code" or "PIN"
 * if there is one, else the last one (a greeting that happens to contain digits comes first).
 */
export function codeIn(mail: ReceivedMail): string {
  const labelled = /\b(?:code|PIN|passcode|OTP)\b\D{0,40}?\b(\d{6})\b/i.exec(mail.text)?.[1];
  // Else the last one of the text, or the subject's (a code only in the subject).
  const code = labelled ?? [...mail.text.matchAll(/\b(\d{6})\b/g)].at(-1)?.[1] ?? /\b(\d{6})\b/.exec(mail.subject)?.[1];
  if (!code) throw new Error(`the mail "${mail.subject}" carries no 6-digit code`);
  secrets.add(code);
  return code;
}

/**
 * The first link in a mail's text; its secret query values and the tokens in its path (`/reset-password/<uuid>`),
 * not the ids or the words of its route, are registered.
 */
export function linkIn(mail: ReceivedMail): string {
  const link = CONTENT.link.exec(mail.text)?.[0];
  if (!link) throw new Error(`the mail "${mail.subject}" carries no link`);
  learnFromLink(link);
  return link;
}
