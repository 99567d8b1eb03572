@better-auth @password-reset-by-code @uses:email-otp @ground:documented
Feature: Resetting a forgotten password with a mailed code
  Instead of a link, Bella can ask for a one-time code by mail and set a new password with it. The code works once.

  Background:
    Given Bella has an account on the app

  @severity:critical @asvs:6.4.3
  Scenario: A mailed code sets a new password
    Given Bella has asked for a password reset code
    When Bella chooses a new password with the code from the email
    Then the app accepts the new password
    And Bella can sign in to the app with her new password

  Scenario: The code can be checked before the new password is chosen
    Given Bella has asked for a password reset code the way older clients do
    When Bella checks the code from the email
    Then the app confirms the code
    When Bella chooses a new password with the code from the email
    Then the app accepts the new password

  @severity:critical
  Scenario: A reset code works only once
    Given Bella has reset her password with a mailed code
    When someone sets another password with the same code
    Then the app refuses the reset
