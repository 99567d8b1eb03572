@vrchat @registration @ground:documented
Feature: Registering an account (deprecated)
  VRChat still documents account registration, though automating it is against its terms. A registration
  must be complete to be accepted; once accepted, the new account is logged in and the reported token is its
  session cookie.

  # Creates an account for good: only on the mock.
  @severity:critical @mock-only @asvs-deviation:3.3.4
  Scenario: A complete registration creates a logged-in account and reports its session cookie as a token, a documented weakness
    When Nora registers a new account with complete details
    Then Nora is logged in as the new account
    And Nora receives a new session cookie
    And the token in the registration is Nora's session cookie

  Scenario Outline: An incomplete registration is rejected
    When Nora registers a new account <problem>
    Then the request is rejected as a bad request
    And no new session is opened

    Examples:
      | problem                                 |
      | without accepting the terms of service  |
      | with a password shorter than 8 letters  |
      | with a username longer than 15 letters  |
