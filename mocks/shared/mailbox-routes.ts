import type { FastifyInstance } from 'fastify';
import type { Mail, Mailbox } from './mailbox';

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
    return {
      ...envelope(mail),
      Date: mail.created.toISOString(),
      Text: mail.text,
      HTML: '',
      Size: Buffer.byteLength(mail.text),
      Attachments: [],
      Inline: [],
      Tags: [],
    };
  });

  app.delete('/api/v1/messages', async () => {
    mailbox.clear();
    return 'ok';
  });
}

function listing(mails: Mail[]) {
  return {
    total: mails.length,
    unread: mails.length,
    count: mails.length,
    messages_count: mails.length,
    start: 0,
    tags: [],
    messages: mails.map((mail) => ({
      ...envelope(mail),
      Read: false,
      Created: mail.created.toISOString(),
      Tags: [],
      Size: Buffer.byteLength(mail.text),
      Attachments: 0,
      Snippet: mail.text.slice(0, 250),
    })),
  };
}

/** Mailpit search terms the harness uses: `to:address`, `subject:"…"`, and plain words. */
function matches(query: string): (mail: Mail) => boolean {
  const terms = [...query.matchAll(/(\w+):"([^"]*)"|(\w+):(\S+)|"([^"]*)"|(\S+)/g)].map((match) => ({
    field: (match[1] ?? match[3] ?? '').toLowerCase(),
    value: (match[2] ?? match[4] ?? match[5] ?? match[6] ?? '').toLowerCase(),
  }));
  return (mail) =>
    terms.every(({ field, value }) => {
      if (field === 'to') return mail.to.toLowerCase() === value;
      if (field === 'from') return mail.from.toLowerCase() === value;
      if (field === 'subject') return mail.subject.toLowerCase().includes(value);
      return `${mail.subject}\n${mail.text}`.toLowerCase().includes(value);
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
  return { Name: '', Address: email };
}
