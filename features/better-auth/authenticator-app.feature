@better-auth @authenticator-app @uses:two-factor @ground:documented
Feature: Signing in to a better-auth application with an authenticator app
  With an authenticator app switched on, the password alone opens no session: the server asks for the app's
  current code first. A code must be the app's, recent, and refused once guessing goes on.

  Background:
    Given Bella has an account on the app protected by an authenticator app

  @severity:critical
  Scenario: The password alone does not sign Bella in
    When Bella signs in to the app with her password
    Then the app asks Bella for a second factor
    And Bella is not signed in to the app yet

  @severity:critical @asvs:7.2.4
  Scenario: The code from her app completes the sign-in, with a new session cookie
    Given Bella has signed in to the app with her password but not yet passed the second factor
    When Bella enters the code from her authenticator app
    Then Bella is signed in to the app

  @severity:critical
  Scenario: A wrong code does not complete the sign-in
    Given Bella has signed in to the app with her password but not yet passed the second factor
    When Bella enters a wrong authenticator code
    Then the app refuses the code
    And Bella is not signed in to the app yet

  @severity:critical @asvs:6.5.5
  Scenario: A code her app showed five minutes ago is refused
    Given Bella has signed in to the app with her password but not yet passed the second factor
    When Bella enters the code her authenticator app showed five minutes ago
    Then the app refuses the code

  @severity:critical @asvs:6.3.1
  Scenario: Guessing codes keeps even the right code out for a while
    When someone who knows Bella's password guesses 12 authenticator codes
    Then Bella is kept out of the app for a while, even with the right code

  @asvs:7.5.1
  Scenario: Turning the app off needs the password
    Given Bella has passed the second factor with her authenticator app
    When Bella turns her authenticator app off with a wrong password
    Then the app refuses the change
    And Bella is still asked for a second factor when she signs in

  Scenario: With the app turned off, the password alone signs Bella in again
    Given Bella has passed the second factor with her authenticator app
    And Bella has turned her authenticator app off with her password
    When Bella signs in to the app with her password
    Then Bella is signed in to the app

  Scenario: The app can be set up again from the same secret, with the password
    Given Bella has passed the second factor with her authenticator app
    When Bella asks for her authenticator app's setup link with her password
    Then the setup link carries the secret her app already has

  @severity:critical @asvs:6.5.1
  Scenario: A code already used is refused in a new sign-in
    Given Bella has passed the second factor with her authenticator app
    And Bella has signed in to the app with her password on another device but not yet passed the second factor
    When Bella enters the same authenticator code again
    Then the app refuses the code
