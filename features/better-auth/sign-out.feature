@better-auth @sign-out @ground:documented
Feature: Signing out of a better-auth application
  Signing out must end the session on the server, not only in the browser: whoever copied the session cookie
  is locked out too.

  Background:
    Given Bella has an account on the app
    And Bella has signed in to the app

  @severity:critical @asvs:7.4.1
  Scenario: Signing out ends the session on the server
    Given Bella keeps a copy of her credentials
    When Bella signs out of the app
    Then the app confirms that Bella is signed out
    And the browser is told to forget Bella's session cookie
    And the credentials Bella kept are refused by the server
