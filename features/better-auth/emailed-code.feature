@better-auth @emailed-code @uses:two-factor @ground:documented
Feature: Passing the second factor with a code sent by email
  A user with a second factor can have a one-time code mailed instead of reading it from the app. The code works
  once, and a few wrong guesses end it.

  Background:
    Given Bella has an account on the app protected by an authenticator app
    And Bella has signed in to the app with her password but not yet passed the second factor

  @severity:critical
  Scenario: A code mailed to Bella completes her sign-in
    When Bella asks for a code by email
    And Bella enters the code from the email
    Then Bella is signed in to the app

  @severity:critical @asvs:6.5.1
  Scenario: A mailed code works only once
    Given Bella has passed the second factor with a code from the email
    And Bella has signed in to the app with her password on another device but not yet passed the second factor
    When Bella enters the code from the email again
    Then the app refuses the code
    And Bella is not signed in to the app yet

  @severity:critical @asvs:6.6.3
  Scenario: A few wrong guesses end the mailed code
    Given Bella has asked for a code by email
    When someone guesses 5 codes in Bella's sign-in
    And Bella enters the code from the email
    Then the app refuses the code
