@vrchat @auth-token @ground:documented
Feature: Checking the auth token
  A client can ask whether its session is still good. The token the server reports is the session cookie
  itself, so a client that stored the token can resume the session with it.

  Background:
    Given Tess has an account protected by an authenticator app

  @severity:critical @asvs-deviation:3.3.4
  Scenario: The auth token is the session cookie itself, readable by scripts, a documented weakness
    Given Tess is fully logged in
    When Tess checks her auth token
    Then the token is reported as valid
    And the reported token is Tess's session cookie

  @severity:critical @asvs-deviation:3.3.4
  Scenario: The reported token resumes the session in another client, a documented weakness
    Given Tess is fully logged in
    And Tess has stored the reported auth token
    When Tess resumes her session on another device with the stored token
    Then Tess is recognised as herself

  @severity:critical
  Scenario: A pending login has no valid token yet
    Given Tess has logged in but not yet passed the second factor
    When Tess checks her auth token
    Then Tess is told to pass the second factor first

  Scenario: Without a session there is no token to check
    When Tess checks her auth token without having logged in
    Then Tess is told to log in first
