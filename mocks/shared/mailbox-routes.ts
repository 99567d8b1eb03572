import type { FastifyInstance } from 'fastify';
import type { Mail, Mailbox } from './mailbox';
import { choice } from './profile';

/**
 * The subset of Mailpit's HTTP API (`/api/v1/…`) the harness reads, so the same mailbox adapter works on the
 * embedded mocks and on a real Mailpit in front of a staging server.
 */
export function registerMailboxRoutes(app: FastifyInstance, mailbox: Mailbox): void {
  app.get('/api/v1/messages', async () => listing(mailbox.list()));

  app.get<{ Querystring: { query?: string } }>('/api/v1/search', async (request) =>
    listing(mailbox.list().filter(matches(request.query.query ?? ''))),
  );

  app.get<{ Params: { id: string } }>('/api/v1/message/:id', async (request, reply) => {
    const mail = mailbox.get(request.params.id);
    if (!mail) return reply.code(404).type('text/plain; charset=utf-8').send('message not found');
    // Assumption MB-002 (specs/assumptions.yaml): a switch marks a mail read once it was fetched, as Mailpit does.
    if (choice('MB-002').readFlags) mail.read = true;
    return {
      ...envelope(mail),
      Date: mail.created.toISOString(),
      Text: mail.text,
      HTML: mail.html,
      Size: Buffer.byteLength(mail.text || mail.html),
      Attachments: [],
      Inline: [],
      Tags: [],
    };
  });

  // Mailpit's send API (`POST /api/v1/send`): how the embedded better-auth server (servers/better-auth/mail.ts)
  // delivers its mail, as it would to a real Mailpit. Only the fields it sends are read: From, To, Subject, Text.
  app.post<{ Body: SendRequest | undefined }>('/api/v1/send', async (request, reply) => {
    const body = request.body;
    const to = Array.isArray(body?.To) ? body.To.map((recipient) => recipient?.Email).filter((email): email is string => typeof email === 'string' && email !== '') : [];
    if (!body || typeof body.From?.Email !== 'string' || to.length === 0) return reply.code(400).type('text/plain; charset=utf-8').send('From.Email and at least one To[].Email are required');
    const from = body.From.Name ? `${body.From.Name} <${body.From.Email}>` : body.From.Email;
    const sent = to.map((address) => mailbox.send({ from, to: address, subject: String(body.Subject ?? ''), text: String(body.Text ?? '') }));
    return { ID: sent[0]?.id };
  });

  // Mailpit: "Delete individual or all messages. If no IDs are provided then all messages are deleted."
  app.delete<{ Body: { IDs?: string[] } | undefined }>('/api/v1/messages', async (request) => {
    const ids = request.body?.IDs;
    if (Array.isArray(ids) && ids.length > 0) mailbox.delete(ids);
    else mailbox.clear();
    return 'ok';
  });
}

/** The part of Mailpit's send request the mailbox reads. */
interface SendRequest {
  From?: { Email?: unknown; Name?: string };
  To?: { Email?: unknown }[];
  Subject?: unknown;
  Text?: unknown;
}

// Assumption MB-002 (specs/assumptions.yaml)
function listing(all: Mail[]) {
  const mails = all.slice(0, choice('MB-002').pageSize ?? all.length);
  return {
    total: all.length,
    unread: mails.length,
    count: mails.length,
    messages_count: all.length,
    start: 0,
    tags: [],
    messages: mails.map((mail) => ({
      ...envelope(mail),
      Read: mail.read === true,
      Created: mail.created.toISOString(),
      Tags: [],
      Size: Buffer.byteLength(mail.text || mail.html),
      Attachments: 0,
      Snippet: (mail.text || mail.html.replace(/<[^>]*>/g, ' ')).slice(0, 250),
    })),
  };
}

/**
 * Mailpit's search terms, with Mailpit's semantics: `to:`, `from:` and `subject:` match a substring (ignoring
 * case), `after:`/`before:` compare the arrival time to a date at or after/before it (to the millisecond; a
 * date that does not parse is ignored, as Mailpit does), a leading `-` or `!` excludes, other words are searched
 * in the whole mail. Quotes group words and are dropped (`subject:"Your PIN"`).
 */
// Assumption MB-001 (specs/assumptions.yaml)
function matches(query: string): (mail: Mail) => boolean {
  const terms = [...query.matchAll(/(?:[^\s"]|"[^"]*")+/g)].flatMap(([raw]) => {
    const exclude = raw.length > 1 && /^[-!]/.test(raw);
    const word = (exclude ? raw.slice(1) : raw).replace(/"/g, '');
    const field = /^(to|from|subject|after|before):/i.exec(word)?.[1]?.toLowerCase();
    const value = (field ? word.slice(field.length + 1) : word).toLowerCase();
    if (value.trim() === '') return [];
    // The alternate profile compares dates only (Mailpit's `after:` takes a day): the reader re-checks the time.
    const day = choice('MB-001').dateFilters === 'day';
    const parsed = field === 'after' || field === 'before' ? Date.parse(day ? value.slice(0, 10) : value.toUpperCase()) : NaN;
    const at = day && field === 'before' ? parsed + 86_399_999 : parsed;
    if ((field === 'after' || field === 'before') && Number.isNaN(at)) return [];
    return [{ field, value, at, exclude }];
  });
  return (mail) =>
    terms.every(({ field, value, at, exclude }) => {
      const created = mail.created.getTime();
      const hit =
        field === 'to' ? mail.to.toLowerCase().includes(value)
        : field === 'from' ? mail.from.toLowerCase().includes(value)
        : field === 'subject' ? mail.subject.toLowerCase().includes(value)
        : field === 'after' ? created >= at
        : field === 'before' ? created <= at
        : `${mail.from}\n${mail.to}\n${mail.subject}\n${mail.text}\n${mail.html}`.toLowerCase().includes(value);
      return hit !== exclude;
    });
}

/** The fields a Mailpit message and its summary share. */
function envelope(mail: Mail) {
  return {
    ID: mail.id,
    MessageID: `${mail.id}@mock.authflow`,
    From: address(mail.from),
    To: [address(mail.to)],
    Cc: [],
    Bcc: [],
    ReplyTo: [],
    Subject: mail.subject,
  };
}

function address(email: string) {
  const named = /^(.*?)\s*<([^>]+)>$/.exec(email);
  return named ? { Name: named[1] ?? '', Address: named[2] ?? '' } : { Name: '', Address: email };
}
