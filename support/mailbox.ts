import type { HttpClient } from './http/client';
import { isSecretName } from './redaction/redact';
import { secrets } from './redaction/secrets';

export interface ReceivedMail {
  id: string;
  subject: string;
  text: string;
}

/**
 * Reads mail through Mailpit's HTTP API, which the embedded mocks serve too, so one adapter works against
 * both. Waits for a mail with a bounded poll.
 */
export class MailboxReader {
  constructor(
    private readonly client: HttpClient,
    private readonly options: { timeoutMs: number; pollMs: number } = { timeoutMs: 10_000, pollMs: 250 },
  ) {}

  /**
   * The newest mail to `address` whose subject contains `subject`, waiting for it to arrive. A real account whose
   * address the configuration does not name is read by subject alone, taking only mail that arrived `since`.
   */
  async latest(address: string | undefined, subject: string, since?: Date): Promise<ReceivedMail> {
    const deadline = Date.now() + this.options.timeoutMs;
    const query = address ? `to:${address} subject:"${subject}"` : `subject:"${subject}"`;
    for (;;) {
      const search = await this.client.send('/api/v1/search', { query: { query } });
      const first = search.json<{ messages: { ID: string; Created: string }[] }>().messages.find((message) => address || !since || Date.parse(message.Created) >= since.getTime());
      if (first) {
        const message = (await this.client.send(`/api/v1/message/${first.ID}`)).json<{ ID: string; Subject: string; Text: string }>();
        return { id: message.ID, subject: message.Subject, text: message.Text };
      }
      if (Date.now() >= deadline) throw new Error(`no mail "${subject}" reached ${address ?? 'the mailbox'} within ${this.options.timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs));
    }
  }

  async count(address: string, subject: string): Promise<number> {
    const search = await this.client.send('/api/v1/search', { query: { query: `to:${address} subject:"${subject}"` } });
    return search.json<{ messages: unknown[] }>().messages.length;
  }
}

/**
 * The 6-digit code in a mail's text (registered as a secret): the one that follows the word "code" or "PIN"
 * if there is one, else the last one (a greeting that happens to contain digits comes first).
 */
export function codeIn(mail: ReceivedMail): string {
  const labelled = /\b(?:code|PIN|passcode|OTP)\b\D{0,40}?\b(\d{6})\b/i.exec(mail.text)?.[1];
  const code = labelled ?? [...mail.text.matchAll(/\b(\d{6})\b/g)].at(-1)?.[1];
  if (!code) throw new Error(`the mail "${mail.subject}" carries no 6-digit code`);
  secrets.add(code);
  return code;
}

/** The first link in a mail's text; its secret query values (tokens, not ids) are registered. */
export function linkIn(mail: ReceivedMail): string {
  const link = /https?:\/\/[^\s"'<>]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`the mail "${mail.subject}" carries no link`);
  for (const [name, value] of new URL(link).searchParams) if (isSecretName(name, value)) secrets.add(value);
  return link;
}
