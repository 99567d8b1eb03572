@better-auth @password-reset @ground:documented
Feature: Resetting a forgotten password with a mailed link
  Bella asks for a reset link, gets it by mail, and sets a new password with it. The link works once, leads only
  to the app itself, and the answer to the request does not tell a stranger whether an address has an account.

  Background:
    Given Bella has an account on the app

  @severity:critical @asvs:6.4.3
  Scenario: The mailed link sets a new password
    Given Bella has asked for a password reset link
    When Bella opens the link and chooses a new password
    Then the app accepts the new password
    And Bella can sign in to the app with her new password
    And Bella cannot sign in to the app with her old password

  @severity:critical @asvs:6.3.8
  Scenario: An address without an account gets the same answer, and no mail
    When someone asks for a password reset link for an address nobody uses, and for Bella's
    Then both requests get the same answer
    And no mail goes to the address nobody uses

  @severity:critical
  Scenario: A reset link works only once
    Given Bella has reset her password with the mailed link
    When someone sets another password with the same link
    Then the app refuses the reset

  @severity:critical
  Scenario: A reset link that would lead to another site is refused
    When someone asks for a password reset link for Bella that leads to another site
    Then the request is refused as forbidden

  @severity:critical @asvs:7.4.3
  Scenario: A password reset ends Bella's other sessions
    Given Bella has signed in to the app
    And Bella keeps a copy of her credentials
    When Bella resets her password with the mailed link
    Then the credentials Bella kept are refused by the server
