@better-auth @trusted-devices @uses:two-factor @ground:documented
Feature: Trusting a device so that it skips the second factor
  Passing the second factor, Bella may ask the app to trust the device. That device alone then signs her in with
  the password only, and only for a while.

  Background:
    Given Bella has an account on the app protected by an authenticator app

  @severity:critical
  Scenario: A trusted device skips the second factor next time
    Given Bella has passed the second factor on her laptop and asked the app to trust it
    And Bella has signed out of the app on her laptop
    When Bella signs in to the app with her password on her laptop
    Then Bella is signed in to the app

  @severity:critical
  Scenario: Another device is still asked for the second factor
    Given Bella has passed the second factor on her laptop and asked the app to trust it
    When Bella signs in to the app with her password on her phone
    Then the app asks Bella for a second factor

  @severity:critical
  Scenario: A device is trusted for 30 days at most
    When Bella passes the second factor on her laptop and asks the app to trust it
    Then the app trusts the laptop for 30 days at most
