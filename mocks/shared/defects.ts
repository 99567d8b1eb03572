/**
 * Realistic authentication bugs the mocks can be told to have (`MOCK_DEFECTS=name[,name…]`, embedded mocks
 * only, none by default). `npm run defects` runs the features once per defect: every one must make the scenario
 * meant to catch it fail, or the suite would not notice that bug in a real server (a defect that only some other
 * scenario happens to trip is reported as "caught only elsewhere", and fails the command like a survivor).
 */

/**
 * Who must catch a defect: a scenario of the defect's family by its title, or every scenario of the family tagged
 * for an ASVS requirement (`@asvs:<id>` or `@asvs-deviation:<id>`), for a defect a requirement's scenarios share.
 */
export type Catcher = string | { asvs: string };

export interface DefectSpec {
  /** The behaviour the defect breaks, in a sentence. */
  breaks: string;
  /** The scenario(s) written to catch it: at least one of them must fail. */
  caughtBy: readonly Catcher[];
}

const defect = (breaks: string, ...caughtBy: Catcher[]): DefectSpec => ({ breaks, caughtBy });

export const DEFECTS = {
  // VRChat
  'vrchat-logout-keeps-session': defect(
    'Logout clears the cookies but leaves the session valid on the server.',
    'Logging out ends the session on the server',
    'A copied session cookie stops working when its owner logs out',
  ),
  'vrchat-totp-replay': defect(
    'An authenticator code is accepted again within its 30-second window.',
    'A code that was already used is refused, even in another session',
  ),
  'vrchat-recovery-code-reusable': defect(
    'A recovery code is never marked used, so it works again.',
    'A recovery code works only once',
    'A used recovery code is marked as used',
  ),
  'vrchat-no-brute-force-lock': defect(
    'Wrong codes are never throttled: guessing can go on forever.',
    'Guessing codes is stopped after a few attempts',
    'Guessing recovery codes is stopped after a few attempts',
  ),
  'vrchat-pending-session-accepted': defect(
    'A session that has not passed 2FA is accepted by every endpoint.',
    'A pending login has no valid token yet',
    'Managing two-factor authentication needs a completed login',
  ),
  'vrchat-any-code-verifies': defect('Any 6-digit authenticator code completes the login.', 'A wrong code is refused and the login stays pending'),
  'vrchat-auth-cookie-readable': defect('The session cookie lacks HttpOnly, so page scripts can steal it.', { asvs: '3.3.4' }),
  'vrchat-auth-cookie-cross-site': defect(
    'The session cookie has no SameSite, so requests that other sites trigger can carry it.',
    { asvs: '3.3.2' },
  ),
  'vrchat-email-code-never-expires': defect(
    'An emailed login code stays valid forever.',
    'A code sent by email expires only after fifteen minutes, a documented weakness (the standard asks for ten)',
  ),
  'vrchat-credentials-beat-session': defect(
    'Credentials sent with a valid session open another session.',
    'A valid session wins over credentials sent with it',
  ),
  'vrchat-device-not-remembered': defect(
    'The twoFactorAuth cookie is ignored: every login asks for 2FA again.',
    'A remembered device skips the second factor',
    'The remembered device skips the second factor on the next login',
  ),
  'vrchat-no-password-throttle': defect(
    'Wrong passwords are never throttled: password guessing against an account can go on forever.',
    'Guessing passwords is stopped after a few attempts',
  ),
  'vrchat-totp-no-lifetime': defect(
    'An authenticator code of any past time step is accepted, so a code seen once stays good for an hour.',
    'A code the authenticator app showed minutes ago is refused',
  ),
  'vrchat-email-code-any-account': defect(
    'An emailed code completes any pending login, not only the one it was mailed for.',
    'A code sent by email to one account does not complete the login of another',
  ),
  'vrchat-email-code-reusable': defect(
    'An emailed code stays valid for its account after it was used, until it expires.',
    'A code sent by email works only once',
  ),
  'vrchat-device-cookie-any-account': defect(
    'A remembered-device cookie skips the second factor for any account, not only the one it was issued to.',
    'A device remembered for one account does not skip the second factor of another',
  ),
  'vrchat-device-cookie-unsigned': defect(
    'The remembered-device cookie\'s signature is not checked: any cookie whose payload names the account skips the second factor.',
    'An altered remembered-device cookie does not skip the second factor',
  ),
  'vrchat-session-fixation': defect(
    'A login adopts the unknown session cookie the client sent instead of issuing one of its own.',
    'A login never adopts a session cookie that someone planted on the device',
  ),
  'vrchat-recovery-guessing-unlimited': defect(
    'Wrong recovery codes are not counted towards the lock, so they can be guessed without limit.',
    'Guessing recovery codes is stopped after a few attempts',
  ),
  'vrchat-code-lock-per-session': defect(
    'Wrong codes are counted per login session, so logging in again gives a guesser a fresh set of attempts.',
    'Logging in again does not give a guesser a fresh set of attempts',
  ),
  // Added with issue 21: each one passed the scenario's earlier, weaker check.
  'vrchat-login-sets-no-cookie-over-one': defect(
    'A login on a device that already sends a session cookie sets none of its own, so the device keeps whatever cookie it had.',
    'A login never adopts a session cookie that someone planted on the device',
  ),
  'vrchat-fixation-on-second-factor': defect(
    'The login issues a fresh session cookie, but passing the second factor also turns the cookie the device held before the login into a full session.',
    'A login never adopts a session cookie that someone planted on the device',
  ),
  'vrchat-remembered-login-reuses-session': defect(
    'A login on a remembered device hands back the session cookie the device had before instead of a new one.',
    'A remembered device skips the second factor',
  ),
  'vrchat-password-lock-never-lifts': defect(
    'Wrong passwords lock the account\'s logins for good: anyone who knows a username can lock its owner out.',
    'Guessing passwords is stopped after a few attempts',
  ),
  'vrchat-email-code-replaced-not-spent': defect(
    'An account has one emailed code at a time: a new login replaces it, but using it does not spend it, so it completes the account\'s other pending logins.',
    'A code sent by email works only once',
  ),
  'vrchat-email-code-any-login-of-account': defect(
    'An emailed code completes any pending login of its account, not only the one it was mailed for.',
    'A code sent by email completes only the login it was mailed for',
  ),
  'vrchat-email-code-race': defect(
    'An emailed code is looked up and spent in two steps: two pending logins that send it at the same moment are both completed.',
    'One code sent by email on two logins at the same moment completes only one',
  ),
  'vrchat-totp-replay-slow-login': defect(
    'A used authenticator code is accepted again, and each login costs the server 90 seconds of its clock, so a replay sent after a login finds the code expired instead.',
    'A code that was already used is refused, even in another session',
  ),
  'vrchat-pending-session-manages-two-factor': defect(
    'A session that has not passed the second factor may list recovery codes, confirm, cancel or turn off the authenticator app: only starting an enrolment checks.',
    'Managing two-factor authentication needs a completed login',
    'Turning two-factor authentication off needs a completed login',
  ),
  // Added with issue 23: attacks no scenario tried before.
  'vrchat-password-ignores-case': defect(
    'Login compares passwords without regard to letter case.',
    'The password in another letter case is refused',
  ),
  'vrchat-device-cookie-alg-none': defect(
    'A remembered-device cookie whose header says alg none is taken without a signature, so its payload alone skips the second factor.',
    'A remembered-device cookie marked unsigned does not skip the second factor',
  ),
  'vrchat-device-cookie-embedded-key': defect(
    'A remembered-device cookie that carries its own key (a jwk header) is verified with that key, so anyone can sign one.',
    'A remembered-device cookie signed with a key it names itself does not skip the second factor',
  ),
  'vrchat-totp-race': defect(
    'An authenticator code\'s time step is spent only after a round trip, so the same code sent twice at the same moment completes two logins.',
    'One authenticator code sent from two logins at the same moment completes only one',
  ),
  'vrchat-recovery-code-race': defect(
    'A recovery code is marked used only after a round trip, so two logins using it at the same moment are both completed.',
    'One recovery code sent from two logins at the same moment completes only one',
  ),
  'vrchat-email-code-guessing-unlimited': defect(
    'Wrong emailed codes are not counted towards the lock, so whoever knows the password can log in again and again and guess on.',
    'Guessing emailed codes over many logins is stopped',
  ),
  'vrchat-cors-any-origin': defect(
    'CORS echoes any Origin back (credentials are allowed on every answer), so every website can read the account with the visitor\'s session.',
    'Another website cannot read Tess\'s account with her session',
  ),
  'vrchat-logout-by-get': defect(
    'Logout also answers a GET, which any link or image on another site makes a browser send with its cookies.',
    'A link on another website cannot log Tess out',
  ),
  // Enhance
  'enhance-wrong-pin-keeps-session': defect(
    'A wrong PIN is refused but the waiting session survives for more guesses.',
    'After a wrong PIN, Olga has to start again with her password',
  ),
  'enhance-sso-link-reusable': defect('A one-time sign-in link works again and again.', 'A one-time sign-in link works only once'),
  'enhance-reset-secret-reusable': defect('A password reset link can be used more than once.', 'A reset link works only once'),
  'enhance-session-fixation': defect(
    'The session cookie is not renewed when 2FA is passed.',
    'The PIN sent by email completes the sign-in, with a new session cookie',
    'A code from the authenticator app completes the sign-in, with a new session cookie',
  ),
  'enhance-password-change-without-current': defect(
    'The password can be changed without the current one.',
    'Changing the password needs the current password',
    'Changing the email address needs the current password',
  ),
  'enhance-reset-reveals-unknown-email': defect(
    'Password recovery answers 404 for unknown addresses (user enumeration).',
    'An unknown address gets the same answer as a known one',
  ),
  'enhance-cookie-cross-site-insecure': defect(
    'The session cookie is set SameSite=None without Secure: sent along with other sites\' requests, and refused by browsers.',
    { asvs: '3.3.2' },
  ),
  'enhance-sign-in-reveals-unknown-email': defect(
    'Signing in with an unknown email address is refused with its own message, unlike a wrong password (user enumeration).',
    'An unknown email address is refused exactly like a wrong password',
  ),
  'enhance-old-pin-valid-after-resend': defect('A resent PIN does not invalidate the previous one.', 'A new PIN replaces the one sent before'),
  'enhance-signed-out-session-valid': defect(
    'Signing out clears the cookie but keeps the session on the server.',
    'Signing out ends the session on the server',
  ),
  'enhance-token-acts-as-login': defect(
    'An organisation access token is accepted as the current login.',
    'The organisation\'s access token cannot read the current login',
    'The organisation\'s access token cannot act as a login',
  ),
  'enhance-pending-session-accepted': defect(
    'A session waiting for its PIN is accepted everywhere.',
    'A session waiting for its PIN cannot be used for anything else',
  ),
  'enhance-duplicate-membership': defect(
    'Making a login a member again adds a second membership instead of answering 409.',
    'A login is a member of an organisation only once',
  ),
  'enhance-password-guessing-unlimited': defect(
    'Wrong passwords can be tried against a login without limit: no lock or slow-down after repeated failures.',
    'Guessing the password again and again locks the login for a while',
  ),
  'enhance-pre-pin-cookie-upgraded': defect(
    'Passing the second factor issues a new session cookie, but the one from before the PIN becomes a full session too.',
    'The session cookie from before the PIN never opens the panel',
  ),
  'enhance-password-change-keeps-other-sessions': defect(
    'Changing the password from the login\'s settings leaves its other devices signed in.',
    'Changing the password signs out the login\'s other devices',
  ),
  'enhance-session-token-signature-unchecked': defect(
    'The panel reads the session id from the id0 token without checking its signature.',
    'A session token whose contents were changed is refused',
  ),
  'enhance-session-token-unsigned-accepted': defect(
    'A session token whose header says alg none is accepted without any signature.',
    'A session token stripped of its signature is refused',
  ),
  'enhance-pin-not-bound-to-login': defect(
    'Any PIN the panel has mailed and not yet used completes any waiting sign-in, whichever login it was sent to.',
    'The PIN sent to one login does not complete another login\'s sign-in',
  ),
  'enhance-used-pin-reusable': defect(
    'A PIN is kept on the login after use, so it completes the login\'s next sign-ins too until it expires.',
    'A PIN that was used does not complete a sign-in that was waiting before',
  ),
  'enhance-authenticator-window-too-wide': defect(
    'Authenticator codes are accepted for ten minutes either side of now instead of one 30-second step.',
    'A code the authenticator app showed two minutes ago is refused',
  ),
  'enhance-remembered-device-any-login': defect(
    'A remembered device skips the PIN for every login that signs in from it, not only the one that asked.',
    'A device Olga asked to remember does not skip the PIN for another login',
  ),
  // Added with issue 21: each one passed the scenario's earlier, weaker check.
  'enhance-current-password-not-checked': defect(
    'A password or email change checks that a current password is sent, not that it is the right one.',
    'Changing the password needs the current password',
  ),
  'enhance-second-factor-off-at-once': defect(
    'Turning two-factor authentication off needs neither the PIN of the enabled method nor the current password: the session alone turns it off.',
    'Turning the second factor off takes more than a signed-in session',
  ),
  'enhance-password-lock-never-lifts': defect(
    'Wrong passwords lock the login for good: anyone who knows the address can lock its owner out.',
    'A login locked by guessing signs in again once the lock has lifted',
  ),
  'enhance-pin-replaced-not-spent': defect(
    'A login has one PIN at a time: a new sign-in replaces it, but using it does not spend it, so it completes the login\'s other waiting sign-ins.',
    'A PIN that was used does not complete a sign-in that was waiting before',
  ),
  'enhance-pin-any-sign-in-of-login': defect(
    'A PIN completes any waiting sign-in of its login, not only the one it was mailed for.',
    'A PIN completes only the sign-in it was mailed for',
  ),
  'enhance-pin-race': defect(
    'A PIN is checked and spent in two steps: the same PIN sent twice at the same moment opens two sessions.',
    'One PIN sent twice at the same moment opens one session only',
  ),
  'enhance-totp-replay': defect(
    'An authenticator code is accepted again within its window.',
    'A code from the authenticator app is accepted only once',
  ),
  'enhance-pending-session-reads-settings': defect(
    'A session waiting for its PIN is refused only when it asks for the login itself: its memberships, sessions and settings are open.',
    'A session waiting for its PIN cannot be used for anything else',
  ),
  'enhance-reset-link-reuse-sets-password': defect(
    'A used reset link answers 400 but still sets the password sent with it.',
    'A reset link works only once',
  ),
  'enhance-lock-reveals-login': defect(
    'A locked login is refused with its own answer (429), which an unknown address never gets: the lock tells which addresses have logins.',
    'An unknown email address is refused exactly like a wrong password',
  ),
  // Added with issue 23: attacks no scenario tried before.
  'enhance-session-delete-any-login': defect(
    'Ending a session by its id ends any login\'s session, not only one of the caller\'s own (IDOR).',
    'A login cannot end another login\'s session by its id',
  ),
  'enhance-session-token-embedded-key': defect(
    'A session token that carries its own key (a jwk header) is verified with that key, so anyone can sign one.',
    'A session token signed with a key it names itself is refused',
  ),
  'enhance-password-ignores-case': defect(
    'Sign-in compares passwords without regard to letter case.',
    'The password in another letter case is refused',
  ),
  'enhance-cors-any-origin': defect(
    'CORS echoes any Origin back with credentials allowed, so every website can read the panel\'s answers with the visitor\'s session.',
    'Another website cannot read the panel\'s answers with Olga\'s session',
  ),
  'enhance-reset-signs-in': defect(
    'Finishing a password reset signs the login in with a full session, skipping its second factor.',
    'A reset of a login with a PIN hands out no session, and the next sign-in still asks for the PIN',
  ),
  'enhance-reset-turns-off-second-factor': defect(
    'Finishing a password reset switches the login to password only, so the next sign-in skips the second factor.',
    'A reset of a login with a PIN hands out no session, and the next sign-in still asks for the PIN',
  ),
  'enhance-reset-link-from-forwarded-host': defect(
    'The reset link is built from the X-Forwarded-Host the request sends, so anyone can have it point at their own site (reset poisoning).',
    'The reset link leads to the panel, whatever host the request claims to be for',
  ),
  'enhance-reset-link-race': defect(
    'The reset secret is spent only after a round trip, so two requests at the same moment both set a password with it.',
    'A reset link used twice at the same moment sets only one new password',
  ),
  'enhance-reset-slow-for-known-address': defect(
    'A reset request for a known address waits for the mail to be sent, so the answer\'s time tells which addresses have a login.',
    'A reset request takes about as long for an unknown address as for a known one',
  ),
  'enhance-sso-link-race': defect(
    'The one-time sign-in link is spent only after a round trip, so two devices opening it at the same moment are both signed in.',
    'A one-time sign-in link opened on two devices at the same moment signs in only one',
  ),
  'enhance-admin-password-any-org': defect(
    'An administrator of any organisation may set the password of any login, not only of its own customers\' logins (cross-tenant).',
    'Another hosting company cannot set the password of this company\'s customer',
  ),
  'enhance-sso-link-any-member': defect(
    'A one-time sign-in link is made for the member id asked, whatever organisation it belongs to, so an administrator of one organisation can get one for another\'s login.',
    'Another hosting company cannot get a one-time sign-in link for this company\'s customer',
  ),
  'enhance-pin-guessing-unlimited': defect(
    'Wrong PINs are not counted across sign-ins: each ends only its own attempt, so whoever knows the password can sign in again and guess on forever.',
    'Guessing the PIN across many sign-ins locks the login',
  ),
  'enhance-json-in-any-content-type': defect(
    'A JSON body is read whatever its declared type, so a plain form on another site can post it without a CORS preflight.',
    'A sign-in posted from another website as a plain form is refused',
  ),
  // Shoko
  'shoko-password-change-keeps-keys': defect(
    'Changing the password leaves every API key working.',
    'A password change, taken without the current password (a documented weakness), stops every key on every device',
  ),
  'shoko-delete-ignores-case': defect(
    'Key deletion matches case-insensitively, so any casing of a key revokes it.',
    'Deleting a key written in another letter case leaves Sam\'s key working',
  ),
  'shoko-new-key-every-sign-in': defect(
    'Every sign-in mints a new key, even for the same device.',
    'Signing in again on the same device gives back the same key, a documented weakness',
  ),
  'shoko-password-change-without-key': defect('The password can be changed without a valid key.', 'Nobody can change Sam\'s password without a key'),
  'shoko-deleted-key-still-valid': defect(
    'Deleting a key answers 200 but the key keeps working.',
    'A deleted key stops working at once, while Sam\'s other keys keep working',
  ),
  'shoko-wrong-passwords-lock-user': defect(
    'Five wrong passwords lock the user out, even with the right password, so anyone who knows a username can lock its owner out.',
    'Guessing Sam\'s password is neither slowed down nor locks him out, a documented weakness',
  ),
  'shoko-device-key-without-password': defect(
    'A sign-in on a device that already has a key returns that key before the password is checked.',
    'A wrong password does not get the key Sam\'s device already has',
  ),
  'shoko-sign-in-reveals-unknown-user': defect(
    'Signing in with an unknown username is refused with the detail "No user with this username", unlike a wrong password (user enumeration).',
    'A username nobody has gets exactly the same answer as a wrong password',
  ),
  'shoko-key-prefix-match': defect(
    'A key is matched on its first 8 characters only, so a key with its tail changed still works.',
    'A key with one character changed does not let anyone in',
  ),
  'shoko-device-key-shared-between-users': defect(
    'Keys are looked up by device name alone, so a second user signing in on a shared device gets the first user\'s key.',
    'Two users signing in on one shared device get keys of their own',
  ),
  'shoko-password-change-with-deleted-key': defect(
    'A deleted key is only marked deleted, and the password change still accepts it.',
    'A deleted key cannot change Sam\'s password',
  ),
  // Added with issue 23: attacks no scenario tried before.
  'shoko-password-ignores-case': defect(
    'Passwords are lower-cased before they are hashed, so the password in any letter case signs the user in.',
    'A password in another letter case gets Sam no key',
  ),
} satisfies Record<string, DefectSpec>;

export type DefectName = keyof typeof DEFECTS;

/** The defects a mock was started with; `has` is how the mock's code asks whether to misbehave. */
export class Defects {
  readonly #active: ReadonlySet<string>;

  constructor(names: readonly string[] = []) {
    const unknown = names.filter((name) => !(name in DEFECTS));
    if (unknown.length > 0) throw new Error(`MOCK_DEFECTS names unknown defects: ${unknown.join(', ')} (see mocks/shared/defects.ts)`);
    this.#active = new Set(names);
  }

  static fromEnv(value: string | undefined): Defects {
    return new Defects((value ?? '').split(',').map((name) => name.trim()).filter(Boolean));
  }

  has(name: DefectName): boolean {
    return this.#active.has(name);
  }
}

export const NO_DEFECTS = new Defects();
