/**
 * Realistic authentication bugs the mocks can be told to have (`MOCK_DEFECTS=name[,name…]`, embedded mocks
 * only, none by default). `npm run defects` runs the features once per defect: every one must make some
 * scenario fail, or the suite would not notice that bug in a real server.
 */
export const DEFECTS = {
  // VRChat
  'vrchat-logout-keeps-session': 'Logout clears the cookies but leaves the session valid on the server.',
  'vrchat-totp-replay': 'An authenticator code is accepted again within its 30-second window.',
  'vrchat-recovery-code-reusable': 'A recovery code is never marked used, so it works again.',
  'vrchat-no-brute-force-lock': 'Wrong codes are never throttled: guessing can go on forever.',
  'vrchat-pending-session-accepted': 'A session that has not passed 2FA is accepted by every endpoint.',
  'vrchat-any-code-verifies': 'Any 6-digit authenticator code completes the login.',
  'vrchat-auth-cookie-readable': 'The session cookie lacks HttpOnly, so page scripts can steal it.',
  'vrchat-auth-cookie-cross-site': 'The session cookie has no SameSite, so requests that other sites trigger can carry it.',
  'vrchat-email-code-never-expires': 'An emailed login code stays valid forever.',
  'vrchat-credentials-beat-session': 'Credentials sent with a valid session open another session.',
  'vrchat-device-not-remembered': 'The twoFactorAuth cookie is ignored: every login asks for 2FA again.',
  'vrchat-no-password-throttle': 'Wrong passwords are never throttled: password guessing against an account can go on forever.',
  'vrchat-totp-no-lifetime': 'An authenticator code of any past time step is accepted, so a code seen once stays good for an hour.',
  'vrchat-email-code-any-account': 'An emailed code completes any pending login, not only the one it was mailed for.',
  'vrchat-email-code-reusable': 'An emailed code stays valid for its account after it was used, until it expires.',
  'vrchat-device-cookie-any-account': 'A remembered-device cookie skips the second factor for any account, not only the one it was issued to.',
  'vrchat-device-cookie-unsigned': 'The remembered-device cookie\'s signature is not checked: any cookie whose payload names the account skips the second factor.',
  'vrchat-session-fixation': 'A login adopts the unknown session cookie the client sent instead of issuing one of its own.',
  'vrchat-recovery-guessing-unlimited': 'Wrong recovery codes are not counted towards the lock, so they can be guessed without limit.',
  'vrchat-code-lock-per-session': 'Wrong codes are counted per login session, so logging in again gives a guesser a fresh set of attempts.',
  // Caught by: "The password in another letter case is refused" (features/vrchat/login.feature)
  'vrchat-password-ignores-case': 'Login compares passwords without regard to letter case.',
  // Caught by: "A remembered-device cookie marked unsigned does not skip the second factor" (features/vrchat/login.feature)
  'vrchat-device-cookie-alg-none': 'A remembered-device cookie whose header says alg none is taken without a signature, so its payload alone skips the second factor.',
  // Caught by: "A remembered-device cookie signed with a key it names itself does not skip the second factor" (features/vrchat/login.feature)
  'vrchat-device-cookie-embedded-key': 'A remembered-device cookie that carries its own key (a jwk header) is verified with that key, so anyone can sign one.',
  // Caught by: "One authenticator code sent from two logins at the same moment completes only one" (features/vrchat/two-factor-verification.feature)
  'vrchat-totp-race': 'An authenticator code\'s time step is spent only after a round trip, so the same code sent twice at the same moment completes two logins.',
  // Caught by: "One recovery code sent from two logins at the same moment completes only one" (features/vrchat/recovery-codes.feature)
  'vrchat-recovery-code-race': 'A recovery code is marked used only after a round trip, so two logins using it at the same moment are both completed.',
  // Caught by: "Guessing emailed codes over many logins is stopped" (features/vrchat/email-code.feature)
  'vrchat-email-code-guessing-unlimited': 'Wrong emailed codes are not counted towards the lock, so whoever knows the password can log in again and again and guess on.',
  // Caught by: "Another website cannot read Tess's account with her session" (features/vrchat/login.feature)
  'vrchat-cors-any-origin': 'CORS echoes any Origin back (credentials are allowed on every answer), so every website can read the account with the visitor\'s session.',
  // Caught by: "A link on another website cannot log Tess out" (features/vrchat/logout.feature)
  'vrchat-logout-by-get': 'Logout also answers a GET, which any link or image on another site makes a browser send with its cookies.',
  // Enhance
  'enhance-wrong-pin-keeps-session': 'A wrong PIN is refused but the waiting session survives for more guesses.',
  'enhance-sso-link-reusable': 'A one-time sign-in link works again and again.',
  'enhance-reset-secret-reusable': 'A password reset link can be used more than once.',
  'enhance-session-fixation': 'The session cookie is not renewed when 2FA is passed.',
  'enhance-password-change-without-current': 'The password can be changed without the current one.',
  'enhance-reset-reveals-unknown-email': 'Password recovery answers 404 for unknown addresses (user enumeration).',
  'enhance-cookie-cross-site-insecure': 'The session cookie is set SameSite=None without Secure: sent along with other sites\' requests, and refused by browsers.',
  'enhance-sign-in-reveals-unknown-email': 'Signing in with an unknown email address is refused with its own message, unlike a wrong password (user enumeration).',
  'enhance-old-pin-valid-after-resend': 'A resent PIN does not invalidate the previous one.',
  'enhance-signed-out-session-valid': 'Signing out clears the cookie but keeps the session on the server.',
  'enhance-token-acts-as-login': 'An organisation access token is accepted as the current login.',
  'enhance-pending-session-accepted': 'A session waiting for its PIN is accepted everywhere.',
  'enhance-duplicate-membership': 'Making a login a member again adds a second membership instead of answering 409.',
  'enhance-password-guessing-unlimited': 'Wrong passwords can be tried against a login without limit: no lock or slow-down after repeated failures.',
  'enhance-pre-pin-cookie-upgraded': 'Passing the second factor issues a new session cookie, but the one from before the PIN becomes a full session too.',
  'enhance-password-change-keeps-other-sessions': 'Changing the password from the login\'s settings leaves its other devices signed in.',
  'enhance-session-token-signature-unchecked': 'The panel reads the session id from the id0 token without checking its signature.',
  'enhance-session-token-unsigned-accepted': 'A session token whose header says alg none is accepted without any signature.',
  'enhance-pin-not-bound-to-login': 'Any PIN the panel has mailed and not yet used completes any waiting sign-in, whichever login it was sent to.',
  'enhance-used-pin-reusable': 'A PIN is kept on the login after use, so it completes the login\'s next sign-ins too until it expires.',
  'enhance-authenticator-window-too-wide': 'Authenticator codes are accepted for ten minutes either side of now instead of one 30-second step.',
  'enhance-remembered-device-any-login': 'A remembered device skips the PIN for every login that signs in from it, not only the one that asked.',
  // Caught by: "A login cannot end another login's session by its id" (features/enhance/sessions.feature)
  'enhance-session-delete-any-login': 'Ending a session by its id ends any login\'s session, not only one of the caller\'s own (IDOR).',
  // Caught by: "A session token signed with a key it names itself is refused" (features/enhance/sessions.feature)
  'enhance-session-token-embedded-key': 'A session token that carries its own key (a jwk header) is verified with that key, so anyone can sign one.',
  // Caught by: "The password in another letter case is refused" (features/enhance/signing-in.feature)
  'enhance-password-ignores-case': 'Sign-in compares passwords without regard to letter case.',
  // Caught by: "Another website cannot read the panel's answers with Olga's session" (features/enhance/sessions.feature)
  'enhance-cors-any-origin': 'CORS echoes any Origin back with credentials allowed, so every website can read the panel\'s answers with the visitor\'s session.',
  // Caught by: "A reset of a login with a PIN hands out no session, and the next sign-in still asks for the PIN" (features/enhance/password-recovery.feature)
  'enhance-reset-signs-in': 'Finishing a password reset signs the login in with a full session, skipping its second factor.',
  // Caught by: "A reset of a login with a PIN hands out no session, and the next sign-in still asks for the PIN" (features/enhance/password-recovery.feature)
  'enhance-reset-turns-off-second-factor': 'Finishing a password reset switches the login to password only, so the next sign-in skips the second factor.',
  // Caught by: "The reset link leads to the panel, whatever host the request claims to be for" (features/enhance/password-recovery.feature)
  'enhance-reset-link-from-forwarded-host': 'The reset link is built from the X-Forwarded-Host the request sends, so anyone can have it point at their own site (reset poisoning).',
  // Caught by: "A reset link used twice at the same moment sets only one new password" (features/enhance/password-recovery.feature)
  'enhance-reset-link-race': 'The reset secret is spent only after a round trip, so two requests at the same moment both set a password with it.',
  // Caught by: "A reset request takes about as long for an unknown address as for a known one" (features/enhance/password-recovery.feature)
  'enhance-reset-slow-for-known-address': 'A reset request for a known address waits for the mail to be sent, so the answer\'s time tells which addresses have a login.',
  // Caught by: "A one-time sign-in link opened on two devices at the same moment signs in only one" (features/enhance/one-time-links.feature)
  'enhance-sso-link-race': 'The one-time sign-in link is spent only after a round trip, so two devices opening it at the same moment are both signed in.',
  // Caught by: "Another hosting company cannot set the password of this company's customer" (features/enhance/managing-logins.feature)
  'enhance-admin-password-any-org': 'An administrator of any organisation may set the password of any login, not only of its own customers\' logins (cross-tenant).',
  // Caught by: "Another hosting company cannot get a one-time sign-in link for this company's customer" (features/enhance/one-time-links.feature)
  'enhance-sso-link-any-member': 'A one-time sign-in link is made for the member id asked, whatever organisation it belongs to, so an administrator of one organisation can get one for another\'s login.',
  // Caught by: "Guessing the PIN across many sign-ins locks the login" (features/enhance/second-factor.feature)
  'enhance-pin-guessing-unlimited': 'Wrong PINs are not counted across sign-ins: each ends only its own attempt, so whoever knows the password can sign in again and guess on forever.',
  // Caught by: "A sign-in posted from another website as a plain form is refused" (features/enhance/signing-in.feature)
  'enhance-json-in-any-content-type': 'A JSON body is read whatever its declared type, so a plain form on another site can post it without a CORS preflight.',
  // Shoko
  'shoko-password-change-keeps-keys': 'Changing the password leaves every API key working.',
  'shoko-delete-ignores-case': 'Key deletion matches case-insensitively, so any casing of a key revokes it.',
  'shoko-new-key-every-sign-in': 'Every sign-in mints a new key, even for the same device.',
  'shoko-password-change-without-key': 'The password can be changed without a valid key.',
  'shoko-deleted-key-still-valid': 'Deleting a key answers 200 but the key keeps working.',
  'shoko-wrong-passwords-lock-user': 'Five wrong passwords lock the user out, even with the right password, so anyone who knows a username can lock its owner out.',
  'shoko-device-key-without-password': 'A sign-in on a device that already has a key returns that key before the password is checked.',
  'shoko-sign-in-reveals-unknown-user': 'Signing in with an unknown username is refused with the detail "No user with this username", unlike a wrong password (user enumeration).',
  'shoko-key-prefix-match': 'A key is matched on its first 8 characters only, so a key with its tail changed still works.',
  'shoko-device-key-shared-between-users': 'Keys are looked up by device name alone, so a second user signing in on a shared device gets the first user\'s key.',
  'shoko-password-change-with-deleted-key': 'A deleted key is only marked deleted, and the password change still accepts it.',
  // Caught by: "A password in another letter case gets Sam no key" (features/shoko/api-keys.feature)
  'shoko-password-ignores-case': 'Passwords are lower-cased before they are hashed, so the password in any letter case signs the user in.',
} as const;

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
