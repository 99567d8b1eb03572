@better-auth @signing-up @ground:documented
Feature: Signing up to a better-auth application and signing in
  A new account is an email address and a password. The password must be long enough and taken as it was typed,
  a sign-in must give the device a session cookie of the server's own making (its attributes: session-cookie.feature),
  and a refusal must not tell a stranger whether an address has an account.

  @severity:critical
  Scenario: A new account signs in with its address and password
    Given Bella has an account on the app
    When Bella signs in to the app with her password
    Then Bella is signed in to the app

  @severity:critical @asvs:7.2.4
  Scenario: Signing in gives a session cookie of the server's making, not one the device already had
    Given Bella has an account on the app
    And Mallory has planted a made-up session cookie on Bella's device
    When Bella signs in to the app with her password
    Then Bella is signed in to the app with a session cookie other than the planted one

  @severity:critical
  Scenario: A wrong password signs nobody in
    Given Bella has an account on the app
    When someone signs in to the app as Bella with a wrong password
    Then the app refuses the sign-in
    And no session cookie is set

  @severity:critical @asvs:6.3.8
  Scenario: An unknown address and a wrong password get the same refusal
    Given Bella has an account on the app
    When someone signs in to the app several times, in turn with an address nobody uses and with Bella's address and a wrong password
    Then the unknown address and the wrong password get the same refusal

  @asvs:6.2.9
  Scenario: A password of 64 characters is accepted
    When Bella signs up to the app with a password of 64 characters
    Then the app accepts the sign-up

  # The framework's documented maximum (maxPasswordLength, 128 by default); ASVS 5.0.0 sets no maximum.
  Scenario: A password of 129 characters is refused as too long
    When Carla signs up to the app with a password of 129 characters
    Then the app refuses the password as too long

  @asvs:6.2.8
  # 72: where bcrypt stops reading (a server that cuts there signs in with the first 72 characters).
  Scenario: A long password is not cut short: neither its first 72 characters nor all but its last sign in
    Given Bella has an account on the app with a password of 100 characters
    When Bella signs in to the app with the first 72 characters of her password
    Then the app refuses the sign-in
    When Bella signs in to the app with all but the last character of her password
    Then the app refuses the sign-in

  @asvs:6.2.5
  Scenario: A password of any printable characters, without composition rules, is taken as typed
    Given Bella has an account on the app with a password of lower-case words, spaces and letters from other scripts
    When Bella signs in to the app with her password
    Then Bella is signed in to the app

  # ASVS 5.0.0 6.2.1 asks 8 characters at least (and strongly recommends 15): what each configuration asks beyond
  # that is its own choice (the defaults 8, the hardened configuration 12), not checked against the standard.
  @severity:critical @asvs:6.2.1
  Scenario: A password shorter than 8 characters is refused
    When Bella signs up to the app with a password of 7 characters
    Then the app refuses the password as too short

  @severity:critical @asvs:6.3.8
  Scenario: Signing up with an address that has an account does not tell so
    Given Bella has an account on the app
    When someone signs up to the app with Bella's address, and with an address nobody uses
    Then both sign-ups get the same answer

  @severity:critical @asvs:6.3.1
  Scenario: Guessing Bella's password from one place is slowed down
    Given Bella has an account on the app
    When someone guesses Bella's password 5 times from one place
    Then the guesses are turned away for a while
    And Bella can still sign in to the app with her password
