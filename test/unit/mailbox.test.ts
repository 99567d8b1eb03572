import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { MockClock } from '../../mocks/shared/clock';
import { buildControlServer } from '../../mocks/shared/control-server';
import { Mailbox } from '../../mocks/shared/mailbox';
import { HttpClient } from '../../support/http/client';
import { codeIn, linkIn, MailboxReader, type MailMark } from '../../support/core/mailbox';

describe('reading codes and links from mail', () => {
  const mail = (text: string) => ({ id: '1', subject: 'Your login PIN', text });

  it('takes the code next to its label, not a number in the greeting', () => {
    assert.equal(codeIn(mail('Hello Olga 123456,\n\nyour PIN to finish logging in is 678899.')), '678899');
    assert.equal(codeIn(mail('Your one-time code: 246810')), '246810');
  });

  it('falls back to the last 6-digit number, and refuses a mail without one', () => {
    assert.equal(codeIn(mail('Ticket 111111. Use 222222 to continue.')), '222222');
    assert.throws(() => codeIn(mail('no digits here')), /carries no 6-digit code/);
  });

  it('takes the first link', () => {
    assert.equal(linkIn(mail('Open https://panel.test/reset?secret=abc now, or https://other.test')), 'https://panel.test/reset?secret=abc');
  });
});

describe('finding mail by recipient, arrival and content (the mocks\' Mailpit API)', () => {
  const clock = new MockClock('manual', Date.parse('2025-03-01T10:00:00Z'));
  const mailbox = new Mailbox(clock);
  let app: FastifyInstance;
  let client: HttpClient;
  const send = (to: string, subject: string, text: string) => mailbox.send({ from: 'noreply@server.test', to, subject, text });
  const reader = (options: ConstructorParameters<typeof MailboxReader>[1] = {}) => new MailboxReader(client, { timeoutMs: 300, ...options });
  /** The mark a request's sender takes just before it: the target's time and the mail already there. */
  const mark = (to: string | undefined): Promise<MailMark> => reader().mark(to, clock.date());

  before(async () => {
    app = buildControlServer(clock, mailbox);
    await app.listen({ host: '127.0.0.1', port: 0 });
    client = new HttpClient({ baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` });
  });
  after(() => app.close());

  it('finds a mail whatever its subject', async () => {
    const since = await mark('ada@mail.test');
    send('ada@mail.test', 'Ihr Anmeldecode', 'Hallo Ada,\n\nIhr Code lautet 314159.');
    assert.equal(await reader().code(since), '314159');
  });

  it('ignores mail that arrived before the request that caused it', async () => {
    send('bea@mail.test', 'Your code', 'Your code is 111111.');
    clock.advance(1_000);
    const since = await mark('bea@mail.test');
    await assert.rejects(reader().code(since), /no mail with a 6-digit code reached bea@mail\.test/);
    send('bea@mail.test', 'Your code', 'Your code is 222222.');
    assert.equal(await reader().code(since), '222222');
    assert.equal(await reader().count(since), 1);
  });

  it('ignores mail to another recipient, even one whose address contains the awaited one', async () => {
    const since = await mark('cy@mail.test');
    send('lucy@mail.test', 'Your code', 'Your code is 333333.');
    send('mallory@mail.test', 'Your code', 'Your code is 444444.');
    await assert.rejects(reader().code(since), /no mail with a 6-digit code reached cy@mail\.test/);
    assert.equal(await reader().count(since), 0);
  });

  it('waits for mail that is not there yet, and takes the mail with the content asked for', async () => {
    const since = await mark('dan@mail.test');
    send('dan@mail.test', 'Welcome', 'Welcome aboard, nothing to enter here.');
    setTimeout(() => send('dan@mail.test', 'Reset', 'Open https://panel.test/reset?secret=s3cr3t to choose a password.'), 150);
    assert.equal(await reader({ timeoutMs: 3_000 }).link(since), 'https://panel.test/reset?secret=s3cr3t');
  });

  it('applies a configured subject only as a filter', async () => {
    const since = await mark('eve@mail.test');
    send('eve@mail.test', 'Newsletter', 'Our offer of the week: 999999.');
    send('eve@mail.test', '[Panel] Your PIN', 'PIN: 555555');
    send('eve@mail.test', 'Another newsletter', 'Week 888888.');
    assert.equal(await reader({ subjects: { code: '[panel]' } }).code(since), '555555');
    assert.equal(await reader().code(since), '888888');
  });

  it('without an address, takes the newest mail with the content since the mark', async () => {
    clock.advance(1_000);
    const since = await mark(undefined);
    send('someone@mail.test', 'Code', 'Code 777777');
    assert.equal(await reader().code(since), '777777');
  });

  it('without an address, sets aside mail only to addresses known to be another account\'s', async () => {
    clock.advance(1_000);
    const since = { ...(await mark(undefined)), notFor: (address: string) => address.endsWith('@panel.test') };
    send('otp@panel.test', 'Your PIN', 'PIN: 121212');
    await assert.rejects(reader().code(since), /no mail with a 6-digit code reached the mailbox/);
    send('someone@mail.test', 'Code', 'Code 343434');
    send('otp@panel.test', 'Your PIN', 'PIN: 565656');
    assert.equal(await reader().code(since), '343434');
  });

  it('backs off between polls instead of hammering the mailbox', async () => {
    let searches = 0;
    const counting = new HttpClient({ baseUrl: client.baseUrl, onExchange: (exchange) => (searches += exchange.request.url.includes('/search') ? 1 : 0) });
    const nobody = await mark('nobody@mail.test');
    await assert.rejects(new MailboxReader(counting, { timeoutMs: 1_600 }).code(nobody));
    // 100, 200, 400, 800 ms pauses fit in 1.6 s: five or six searches, not sixteen.
    assert.ok(searches >= 4 && searches <= 6, `${searches} searches`);
  });

  it('serves Mailpit\'s to:, after: and before: filters with Mailpit\'s semantics', async () => {
    const at = clock.date();
    send('Fay@Mail.test', 'Hi', 'hello');
    const search = async (query: string) => (await client.send('/api/v1/search', { query: { query } })).json<{ messages: unknown[] }>().messages.length;
    assert.equal(await search('to:fay@mail.test'), 1, 'to: ignores case');
    assert.equal(await search('to:mail.test after:2999-01-01T00:00:00Z'), 0);
    assert.equal(await search(`to:fay@ after:${at.toISOString()}`), 1, 'to: is a substring, after: includes the instant itself');
    assert.equal(await search(`to:fay@ before:${new Date(at.getTime() - 1).toISOString()}`), 0);
    assert.equal(await search('to:fay@ -subject:hi'), 0, 'a leading - excludes');
    assert.equal(await search('to:fay@ after:not-a-date'), 1, 'a date that does not parse is ignored');
  });

  it('deletes the mails named by their ids, and only those (Mailpit\'s DELETE /api/v1/messages with IDs)', async () => {
    const since = await mark('gil@panel.test');
    send('gil@panel.test', 'PIN', 'PIN 111111');
    send('gil@panel.test', 'PIN', 'PIN 222222');
    send('hal@panel.test', 'PIN', 'PIN 333333');
    const read: string[] = [];
    const gil = await reader({ onRead: (id) => read.push(id) }).awaitMail(since, 'code');
    assert.deepEqual(read, [gil.id]);
    const ids = await reader().ids(since);
    assert.equal(ids.length, 2);
    assert.equal(await reader().remove(ids), true);
    assert.equal(await reader().count(since), 0);
    assert.equal(await reader().count({ to: 'hal@panel.test', since: clock.date(), before: new Set() }), 1, 'another recipient\'s mail was deleted');
  });
});

describe('a mailbox whose clock runs behind the target\'s (no shared clock)', () => {
  const target = Date.parse('2025-03-01T10:00:00Z');
  // The mailbox's host is 45 seconds behind: a mail the request caused is stamped before the request, by the target's clock.
  const behind = new MockClock('manual', target - 45_000);
  const mailbox = new Mailbox(behind);
  let app: FastifyInstance;
  let client: HttpClient;
  const send = (to: string, text: string) => mailbox.send({ from: 'noreply@server.test', to, subject: 'Your code', text });

  before(async () => {
    app = buildControlServer(behind, mailbox);
    await app.listen({ host: '127.0.0.1', port: 0 });
    client = new HttpClient({ baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` });
  });
  after(() => app.close());

  it('finds the mail the request caused, and not the mail that was there before it', async () => {
    send('ivy@mail.test', 'Your code is 111111.');
    behind.advance(2_000);
    const reader = new MailboxReader(client, { timeoutMs: 300 });
    const mark = await reader.mark('ivy@mail.test', new Date(target));
    send('ivy@mail.test', 'Your code is 222222.');
    // Mailpit's after: against the target's time hides it: the mailbox stamped it 43 s "before" the request.
    const byTime = (await client.send('/api/v1/search', { query: { query: `to:ivy@mail.test after:${new Date(target).toISOString()}` } })).json<{ messages: unknown[] }>();
    assert.equal(byTime.messages.length, 0, 'the mailbox\'s after: does not hide the mail: the test shows nothing');
    assert.equal(await reader.code(mark), '222222');
    assert.equal(await reader.count(mark), 1);
  });

  it('without an address, still skips mail that was there before the mark', async () => {
    behind.advance(1_000);
    send('jon@mail.test', 'Code 333333');
    const reader = new MailboxReader(client, { timeoutMs: 300 });
    const mark = await reader.mark(undefined, new Date(target + 10_000));
    await assert.rejects(reader.code(mark), /no mail with a 6-digit code reached the mailbox/);
    behind.advance(1_000);
    send('kim@mail.test', 'Code 444444');
    assert.equal(await reader.code(mark), '444444');
  });
});
