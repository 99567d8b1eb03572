@enhance @signing-in
Feature: Signing in to the control panel
  A panel login signs in with its email address and password. A login without a second factor gets an active
  session and the list of organisations it belongs to; a login protected by a second factor (a PIN sent by
  email, or a code from an authenticator app) gets a session that waits for it and cannot be used for anything
  else until then.

  @severity:critical @ground:documented
  Scenario: A login without two-factor authentication is signed in at once
    Given Olga has a panel login without two-factor authentication
    When Olga signs in to the panel with the right password
    Then Olga is signed in to the panel

  @ground:documented
  Scenario: A wrong password is refused
    Given Olga has a panel login without two-factor authentication
    When Olga signs in to the panel with a wrong password
    Then Olga is kept out of the panel

  # More attempts than a lock allows: the answers are compared once Olga's login is locked too.
  @severity:critical @ground:documented @ground:assumption:EN-002 @asvs:6.3.8
  Scenario: An unknown email address is refused exactly like a wrong password
    Given Olga has a panel login without two-factor authentication
    When someone signs in to the panel several times, in turn with an email address nobody uses and with Olga's email address and a wrong password
    Then the panel refuses both alike, so the answer does not tell whether the address has a login
    And the panel takes about as long to refuse either

  @severity:critical @asvs:6.2.8 @ground:documented
  Scenario: The password in another letter case is refused
    Given Olga has a panel login without two-factor authentication
    When Olga signs in to the panel with her password in another letter case
    Then Olga is kept out of the panel

  # A page on another website can post a plain form without a CORS preflight; a sign-in it could make would put
  # the visitor's browser into a login of the attacker's choosing (login CSRF).
  @severity:critical @asvs:3.5.2
  Scenario: A sign-in posted from another website as a plain form is refused
    Given Olga has a panel login without two-factor authentication
    When a page on another website posts Olga's email address and password to the panel as a plain form
    Then the panel refuses the sign-in without opening a session

  @ground:documented
  Scenario Outline: A sign-in request that is not well formed is rejected
    Given Olga has a panel login without two-factor authentication
    When Olga signs in to the panel <problem>
    Then the panel rejects the request as invalid input

    Examples:
      | problem                         |
      | without an email address        |
      | without a password              |
      | with something that is no email |

  @severity:critical @mailbox @asvs-deviation:6.3.6 @ground:documented @ground:assumption:EN-003 @ground:assumption:MB-003
  Scenario: A login protected by a PIN sent by email is asked for the PIN
    Given Olga has a panel login protected by a PIN sent by email
    When Olga signs in to the panel with the right password
    Then the panel asks Olga for a PIN sent by email
    And Olga receives an email with a PIN

  @severity:critical @ground:documented
  Scenario: A login protected by an authenticator app is asked for a code from the app
    Given Olga has a panel login protected by an authenticator app
    When Olga signs in to the panel with the right password
    Then the panel asks Olga for a code from her authenticator app

  @severity:critical @mailbox @asvs:9.2.2
  Scenario: A session waiting for its PIN cannot be used for anything else
    Given Olga has a panel login protected by a PIN sent by email
    And Olga has signed in to the panel but not yet passed the second factor
    When Olga uses her waiting session to look at her login, memberships and sessions and to rename her login
    Then the panel turns each of Olga's requests away as not signed in

  # The guesses lock the scenario's own login, made for it with the hosting company's token; a login the
  # environment lends is never put at risk (the step skips it).
  @severity:critical @asvs:6.3.1 @ground:assumption:EN-002
  Scenario: Guessing the password again and again locks the login for a while
    Given Olga has a panel login without two-factor authentication
    When someone guesses Olga's panel password wrongly 10 times in a row
    Then Olga cannot sign in to the panel for now, even with the right password

  # A lock that never lifts lets anyone who knows an address lock its owner out (ASVS 2.2.1 names it). The mock lifts
  # it with its clock; a real panel's lock lasts as long as it lasts.
  @severity:critical @mock-only @asvs:6.3.1 @ground:assumption:EN-002
  Scenario: A login locked by guessing signs in again once the lock has lifted
    Given Olga has a panel login without two-factor authentication
    And someone has guessed Olga's panel password wrongly 10 times in a row
    And Olga cannot sign in to the panel for now, even with the right password
    When 1 hour passes
    Then Olga can sign in to the panel with the right password
