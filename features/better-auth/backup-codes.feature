@better-auth @backup-codes @uses:two-factor @ground:documented
Feature: Passing the second factor with a backup code
  Switching the authenticator app on gives Bella backup codes for the day the app is lost. Each one works once, and
  asking for new ones makes the old ones worthless.

  Background:
    Given Bella has an account on the app protected by an authenticator app
    And Bella has signed in to the app with her password but not yet passed the second factor

  @severity:critical
  Scenario: A backup code completes the sign-in
    When Bella enters one of her backup codes
    Then Bella is signed in to the app

  @severity:critical @asvs:6.5.1
  Scenario: A backup code works only once
    Given Bella has passed the second factor with one of her backup codes
    And Bella has signed in to the app with her password on another device but not yet passed the second factor
    When Bella enters the same backup code again
    Then the app refuses the code
    And Bella is not signed in to the app yet

  Scenario: A code that is not one of hers is refused
    When Bella enters a made-up backup code
    Then the app refuses the code

  @severity:critical
  Scenario: New backup codes make the old ones worthless
    Given Bella has passed the second factor with her authenticator app
    And Bella has asked for new backup codes with her password
    And Bella has signed in to the app with her password on another device but not yet passed the second factor
    When Bella enters one of her old backup codes
    Then the app refuses the code
