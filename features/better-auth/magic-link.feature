@better-auth @magic-link @uses:magic-link @ground:documented
Feature: Signing in with a link sent by email
  Bella can sign in by opening a link the app mails her. The link works once, and leads only to the app itself.

  Background:
    Given Bella has an account on the app

  @severity:critical @asvs-deviation:6.3.6
  Scenario: The mailed link signs Bella in
    Given Bella has asked for a sign-in link
    When Bella opens the sign-in link
    Then Bella is signed in to the app

  @severity:critical @asvs:6.5.1
  Scenario: A sign-in link works only once
    Given Bella has signed in to the app with the mailed link
    When someone opens the same sign-in link
    Then that someone is not signed in to the app

  @severity:critical
  Scenario: A sign-in link that would lead to another site is refused
    When someone asks for a sign-in link for Bella that leads to another site
    Then the request is refused as forbidden

  @severity:critical @uses:two-factor @asvs:6.3.4
  Scenario: A link sign-in still asks a user with a second factor for it
    Given Tara has an account on the app protected by an authenticator app
    And Tara has asked for a sign-in link
    When Tara opens the sign-in link
    Then Tara is not signed in before her second factor
