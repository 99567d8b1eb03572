import { appendFileSync } from 'node:fs';

/**
 * How the embedded better-auth servers send mail: every mail callback of a configuration (reset links, verification
 * links, emailed codes, magic links) posts the mail to a Mailpit server through Mailpit's send API
 * (`POST /api/v1/send`). The run's mailbox (the mocks' Mailpit-compatible one, or a real Mailpit) then holds it, and
 * the harness reads it exactly as it reads a real deployment's mail (support/core/mailbox.ts): by recipient, arrival
 * and content. Subjects and wording are this file's choice; the harness never relies on them.
 */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export type SendMail = (mail: OutgoingMail) => Promise<void>;

const FROM = { Email: 'no-reply@better-auth.authflow.test', Name: 'authflow better-auth' };

/** A sender that posts to the Mailpit at `mailboxUrl`; a refused or failed delivery fails the callback (and the request). */
export function mailpitSender(mailboxUrl: string): SendMail {
  const endpoint = `${mailboxUrl.replace(/\/+$/, '')}/api/v1/send`;
  return async ({ to, subject, text }) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ From: FROM, To: [{ Email: to }], Subject: subject, Text: text }),
    });
    if (!response.ok) throw new Error(`the mailbox at ${mailboxUrl} refused a mail to ${to} (${response.status})`);
  };
}

/**
 * Every secret a mail carries (a code, a link's token) is appended to AUTHFLOW_SECRETS_LOG when it is set, one JSON
 * string a line, as the mocks do with theirs (mocks/shared/issued-secrets.ts): the project's secret scan then also
 * looks for values the harness never read.
 */
function recordIssued(...values: (string | undefined)[]): void {
  const file = process.env.AUTHFLOW_SECRETS_LOG;
  const lines = values.filter((value): value is string => typeof value === 'string' && value.length >= 4).map((value) => JSON.stringify(value));
  if (file && lines.length > 0) appendFileSync(file, `${lines.join('\n')}\n`);
}

/** better-auth's mail callbacks, the same for every configuration: what each mail says, and where it goes. */
export function mailCallbacks(send: SendMail) {
  const sending = (issued: (string | undefined)[], mail: OutgoingMail) => {
    recordIssued(...issued);
    return send(mail);
  };
  return {
    resetPassword: ({ user, url, token }: { user: { email: string }; url: string; token: string }) =>
      sending([token], { to: user.email, subject: 'Reset your password', text: `Someone asked to reset the password of this account.\n\nReset it here: ${url}\n` }),
    verifyEmail: ({ user, url, token }: { user: { email: string }; url: string; token: string }) =>
      sending([token], { to: user.email, subject: 'Confirm your email address', text: `Confirm your address here: ${url}\n` }),
    changeEmailConfirmation: ({ user, newEmail, url, token }: { user: { email: string }; newEmail: string; url: string; token: string }) =>
      sending([token], { to: user.email, subject: 'Approve the change of your email address', text: `Someone asked to change this account's address to ${newEmail}.\n\nApprove it here: ${url}\n` }),
    deleteAccount: ({ user, url, token }: { user: { email: string }; url: string; token: string }) =>
      sending([token], { to: user.email, subject: 'Confirm the deletion of your account', text: `Delete your account here: ${url}\n` }),
    twoFactorCode: ({ user, otp }: { user: { email: string }; otp: string }) =>
      sending([otp], { to: user.email, subject: 'Your sign-in code', text: `Your sign-in code is ${otp}.\n` }),
    emailCode: ({ email, otp, type }: { email: string; otp: string; type: string }) =>
      sending([otp], { to: email, subject: 'Your one-time code', text: `Your one-time code (${type}) is ${otp}.\n` }),
    magicLink: ({ email, url, token }: { email: string; url: string; token: string }) =>
      sending([token], { to: email, subject: 'Your sign-in link', text: `Sign in here: ${url}\n` }),
  };
}

export type MailCallbacks = ReturnType<typeof mailCallbacks>;
