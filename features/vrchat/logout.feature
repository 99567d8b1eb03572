@vrchat @logout
Feature: Logging out of VRChat
  Logging out must end the session on the server, not just in the client: anyone who copied the session
  cookie must be locked out too. The device stays remembered, so the next login on it skips the second
  factor.

  Background:
    Given Tess has an account protected by an authenticator app
    And Tess is fully logged in

  @severity:critical @asvs:3.3.1
  Scenario: Logging out ends the session on the server
    Given Tess keeps a copy of her credentials
    When Tess logs out
    Then the logout is confirmed
    And the session cookie is cleared in the client
    And the credentials Tess kept are refused by the server

  @severity:critical @asvs:3.3.1
  Scenario: A copied session cookie stops working when its owner logs out
    Given Mallory has copied Tess's session cookie
    When Tess logs out
    Then Mallory is refused with the copied session cookie

  Scenario: Logging out clears the session cookies but keeps the device remembered
    When Tess logs out
    Then the response clears the "auth", "age" and "tos" cookies
    And Tess's device is still remembered

  Scenario: The remembered device skips the second factor on the next login
    Given Tess has logged out
    When Tess logs in with the right password
    Then the login completes without asking for a second factor

  Scenario: Logging out without a session is refused
    Given Tess has logged out
    When Tess logs out
    Then the request is refused for missing credentials
