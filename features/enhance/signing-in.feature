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

  @severity:critical @ground:documented @ground:assumption:EN-002
  Scenario: An unknown email address is refused exactly like a wrong password
    Given Olga has a panel login without two-factor authentication
    When someone signs in to the panel several times, in turn with an email address nobody uses and with Olga's email address and a wrong password
    Then the panel refuses both alike, so the answer does not tell whether the address has a login
    And the panel takes about as long to refuse either

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

  @severity:critical @mailbox @asvs:2.2.2 @ground:documented @ground:assumption:EN-003 @ground:assumption:MB-003
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

  @severity:critical @mailbox @asvs:3.7.1
  Scenario: A session waiting for its PIN cannot be used for anything else
    Given Olga has a panel login protected by a PIN sent by email
    And Olga has signed in to the panel but not yet passed the second factor
    When Olga looks at her panel login
    Then the panel turns the request away as not signed in

  # The guesses lock the scenario's own login, made for it with the hosting company's token; a login the
  # environment lends is never put at risk (the step skips it).
  @severity:critical @asvs:2.2.1 @ground:assumption:EN-002
  Scenario: Guessing the password again and again locks the login for a while
    Given Olga has a panel login without two-factor authentication
    When someone guesses Olga's panel password wrongly 10 times in a row
    Then Olga cannot sign in to the panel for now, even with the right password
