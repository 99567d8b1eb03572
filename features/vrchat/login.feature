@vrchat @login
Feature: Logging in to VRChat
  VRChat logs in with a username (or email address) and password sent as Basic credentials. The password alone
  never completes a login: the server opens a session that waits for a second factor, and says which ones it
  accepts. Credentials are percent-encoded before they are joined, so any character works in a password.

  @severity:critical @ground:documented
  Scenario: An account protected by an authenticator app is asked for a second factor
    Given Tess has an account protected by an authenticator app
    When Tess logs in with the right password
    Then Tess is asked for a code from an authenticator app or a recovery code

  # The Python SDK recognises the answer by a pattern (vrchat-auth.md §3): compact JSON, the key first, "totp" before "otp".
  @ground:documented
  Scenario: The request for a second factor reads exactly as the SDKs recognise it
    Given Tess has an account protected by an authenticator app
    When Tess logs in with the right password
    Then the request for a code from an authenticator app or a recovery code reads exactly as the SDKs recognise it

  @ground:documented
  Scenario: A login without any credentials is refused
    Given Tess has an account protected by an authenticator app
    When Tess asks who is logged in without any credentials
    Then Tess is told to log in first
    And no new session is opened

  @ground:documented
  Scenario: A wrong password is refused
    Given Tess has an account protected by an authenticator app
    When Tess logs in with a wrong password
    Then Tess is told her username or password is wrong
    And no new session is opened

  # An account with such credentials is made by the mock; a real run names its accounts.
  @mock-only @asvs:6.2.5 @ground:documented
  Scenario: Credentials with non-ASCII and reserved characters log in
    Given Zoë has an account whose username and password contain non-ASCII and reserved characters
    When Zoë logs in with the right password
    Then Zoë is asked for a code from an authenticator app or a recovery code

  # Needs the account's email address, which a real configuration does not name.
  @mock-only @ground:documented
  Scenario: The email address works in place of the username
    Given Tess has an account protected by an authenticator app
    When Tess logs in with her email address and the right password
    Then Tess is asked for a code from an authenticator app or a recovery code

  @severity:critical @asvs:7.2.4 @ground:documented
  Scenario: A remembered device skips the second factor
    Given Tess has an account protected by an authenticator app
    And Tess has completed a login on this device before
    When Tess logs in with the right password
    Then the login completes without asking for a second factor
    And Tess receives a new session cookie

  @ground:documented
  Scenario: A valid session wins over credentials sent with it
    Given Tess has an account protected by an authenticator app
    And Tess is fully logged in
    When Tess asks who is logged in with her session and a wrong password
    Then Tess is recognised as herself
    And no new session is opened

  @severity:critical @ground:documented
  Scenario: Asking who is logged in during a pending login repeats the challenge
    Given Tess has an account protected by an authenticator app
    And Tess has logged in but not yet passed the second factor
    When Tess asks who is logged in
    Then Tess is asked for a code from an authenticator app or a recovery code
    And no new session is opened

  # Needs an account that has never logged in from here: only the mock makes one.
  @severity:critical @mock-only @mailbox @asvs:6.3.5 @ground:documented @ground:assumption:MB-003
  Scenario: A login from somewhere new is held until the account holder confirms it by email
    Given Vera has an account that has never logged in from this place
    When Vera logs in with the right password
    Then Vera is kept out until the new place is confirmed
    And Vera receives an email asking to confirm the new place
    When Vera opens the link in that email
    Then the link redirects to the website
    And no new session is opened
    When Vera logs in with the right password
    Then Vera is asked for a code sent by email

  # Locks the account's logins for five minutes: never against a real account. The mock lifts the lock with its clock.
  @severity:critical @mock-only @asvs:6.3.1 @ground:assumption:VR-003
  Scenario: Guessing passwords is stopped after a few attempts
    Given Tess has an account protected by an authenticator app
    And someone has tried 10 wrong passwords for Tess's account
    When Tess logs in with the right password
    Then Tess is kept out for a while, even with the right password
    And no new session is opened
    When as long as the server asked to wait has passed
    And Tess logs in with the right password
    Then Tess is asked for a code from an authenticator app or a recovery code

  @severity:critical @asvs:7.2.4
  Scenario: A login never adopts a session cookie that someone planted on the device
    Given Tess has an account protected by an authenticator app
    And Mallory has planted a made-up session cookie on Tess's device
    When Tess logs in with the right password
    Then Tess gets a session cookie of the server's own choosing, not the planted one
    And the cookie planted on Tess's device is refused by the server
    When Tess verifies her login with a code from her authenticator app
    Then the second factor is accepted
    And the cookie planted on Tess's device is refused by the server
    And Tess can see her own profile

  @severity:critical @email-account @mailbox @asvs:6.3.4 @ground:assumption:VR-012
  Scenario: A device remembered for one account does not skip the second factor of another
    Given Tess has an account protected by an authenticator app
    And Mallory has an account without an authenticator app
    And Mallory has completed a login on this device before
    When Mallory logs in on her device with Tess's password
    Then Tess is asked for a code from an authenticator app or a recovery code

  @severity:critical @email-account @mailbox @asvs:9.1.1 @ground:assumption:VR-012
  Scenario: An altered remembered-device cookie does not skip the second factor
    Given Emil has an account without an authenticator app
    And Emil has completed a login on this device before
    And the signature of Emil's remembered-device cookie has been altered
    When Emil logs in with the right password
    Then Emil is asked for a code sent by email

  @severity:critical @asvs:6.2.8 @ground:documented
  Scenario: The password in another letter case is refused
    Given Tess has an account protected by an authenticator app
    When Tess logs in with her password in another letter case
    Then Tess is told her username or password is wrong
    And no new session is opened

  # The cookie is three JWT-like parts (vrchat-auth.md §2.4, §3): forged as a JWT, whatever its claims.
  @severity:critical @email-account @mailbox @asvs:9.1.2 @ground:documented
  Scenario: A remembered-device cookie marked unsigned does not skip the second factor
    Given Emil has an account without an authenticator app
    And Emil has completed a login on this device before
    And Emil's remembered-device cookie has been marked unsigned and its signature dropped
    When Emil logs in with the right password
    Then Emil is asked for a code sent by email

  @severity:critical @email-account @mailbox @asvs:9.1.3 @ground:documented
  Scenario: A remembered-device cookie signed with a key it names itself does not skip the second factor
    Given Emil has an account without an authenticator app
    And Emil has completed a login on this device before
    And Emil's remembered-device cookie has been signed again with a key it names itself
    When Emil logs in with the right password
    Then Emil is asked for a code sent by email

  @severity:critical @asvs:3.4.2
  Scenario: Another website cannot read Tess's account with her session
    Given Tess has an account protected by an authenticator app
    And Tess is fully logged in
    When a page on another website reads Tess's account with her session
    Then the answer is not shared with the other website
