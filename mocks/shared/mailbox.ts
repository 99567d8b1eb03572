import { randomUUID } from 'node:crypto';
import type { MockClock } from './clock';
import { choice } from './profile';

export interface Mail {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  /** The HTML part, '' when the mail is plain text only. */
  html: string;
  /** Fetched once (a switch of MB-002 reports it in listings). */
  read?: boolean;
  created: Date;
}

/** The mail the mocks send (codes, confirmation and recovery links), kept in memory until cleared. */
export class Mailbox {
  readonly #mails: Mail[] = [];

  constructor(private readonly clock: MockClock) {}

  // Assumption MB-003 (specs/assumptions.yaml)
  // Assumption MB-004 (specs/assumptions.yaml)
  send(mail: Omit<Mail, 'id' | 'created' | 'html'>): Mail {
    const html = choice('MB-003').parts === 'html';
    const created = choice('MB-004').stamps === 'wall-clock' ? new Date() : this.clock.date();
    const stored = { ...mail, text: html ? '' : mail.text, html: html ? asHtml(mail.text) : '', id: randomUUID(), created };
    // Stamped on sending; stored (visible to readers) after the profile's delivery delay.
    const delay = choice('MB-004').deliveryDelayMs;
    if (delay === 0) this.#mails.push(stored);
    else setTimeout(() => this.#mails.push(stored), delay).unref();
    return stored;
  }

  /** Newest first, as Mailpit lists them. */
  list(): Mail[] {
    return [...this.#mails].reverse();
  }

  get(id: string): Mail | undefined {
    return this.#mails.find((mail) => mail.id === id);
  }

  delete(ids: string[]): void {
    const gone = new Set(ids);
    this.#mails.splice(0, this.#mails.length, ...this.#mails.filter((mail) => !gone.has(mail.id)));
  }

  clear(): void {
    this.#mails.length = 0;
  }
}

/** An HTML-only rendering (alternate profile): paragraphs, links behind words, `&` escaped in their hrefs. */
function asHtml(text: string): string {
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escape(paragraph).replace(/https?:\/\/\S+/g, (url) => `<a href="${url}">open this link</a>`)}</p>`)
    .join('');
  return `<!doctype html><html><body>${body}</body></html>`;
}
