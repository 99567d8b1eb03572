@better-auth @emailed-code-sign-in @uses:email-otp @ground:documented
Feature: Signing in with a code sent by email
  Bella can sign in without her password: the app mails her a one-time code, which signs her in once.

  Background:
    Given Bella has an account on the app

  @severity:critical @asvs-deviation:6.3.6
  Scenario: A mailed code signs Bella in
    Given Bella has asked for a sign-in code
    When Bella signs in to the app with the code from the email
    Then Bella is signed in to the app

  @severity:critical @asvs:6.5.1
  Scenario: A sign-in code works only once
    Given Bella has signed in to the app with a mailed code
    When someone signs in to the app as Bella with the same code
    Then the app refuses the code

  @severity:critical
  Scenario: A few wrong guesses end the sign-in code
    Given Bella has asked for a sign-in code
    When someone guesses 3 sign-in codes for Bella
    And Bella signs in to the app with the code from the email
    Then the app refuses the code

  @uses:sign-up-by-code
  Scenario: A code for a new address signs its owner up
    Given Dora has asked for a sign-in code for an address without an account
    When Dora signs in to the app with the code from the email
    Then Dora is signed in to the app

  @severity:critical @uses:two-factor @asvs:6.3.4
  Scenario: A code sign-in still asks a user with a second factor for it
    Given Tara has an account on the app protected by an authenticator app
    And Tara has asked for a sign-in code
    When Tara signs in to the app with the code from the email
    Then Tara is not signed in before her second factor
