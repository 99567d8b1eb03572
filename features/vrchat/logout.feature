@vrchat @logout @ground:documented
Feature: Logging out of VRChat
  Logging out must end the session on the server, not just in the client: anyone who copied the session
  cookie must be locked out too. The device stays remembered, so the next login on it skips the second
  factor.

  Background:
    Given Tess has an account protected by an authenticator app
    And Tess is fully logged in

  @severity:critical @asvs:7.4.1
  Scenario: Logging out ends the session on the server
    Given Tess keeps a copy of her credentials
    When Tess logs out
    Then the logout is confirmed
    And the client is told to forget the session cookie
    And the credentials Tess kept are refused by the server

  @severity:critical @asvs:7.4.1
  Scenario: A copied session cookie stops working when its owner logs out
    Given Mallory has copied Tess's session cookie
    When Tess logs out
    Then Mallory is kept out with the copied session cookie

  Scenario: Logging out makes the client forget the session but keeps the device remembered
    When Tess logs out
    Then the client is told to forget the "auth", "age" and "tos" cookies
    And Tess's device is still remembered

  Scenario: The remembered device skips the second factor on the next login
    Given Tess has logged out
    When Tess logs in with the right password
    Then the login completes without asking for a second factor

  Scenario: Logging out without a session is refused
    Given Tess has logged out
    When Tess logs out
    Then Tess is told to log in first

  # SameSite Lax lets the session cookie ride along on a link followed from another site: logging out must never
  # answer a GET.
  @severity:critical @asvs:3.5.3
  Scenario: A link on another website cannot log Tess out
    When a page on another website sends Tess's browser to the logout address
    Then Tess can see her own profile
