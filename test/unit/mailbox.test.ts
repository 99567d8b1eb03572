import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeIn, linkIn } from '../../support/mailbox';

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
