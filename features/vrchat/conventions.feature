@vrchat @conventions @ground:documented
Feature: Conventions every VRChat request follows
  VRChat refuses clients that do not identify themselves, and answers unknown operations with its own
  error. A client relies on these answers to tell its own mistakes from the server's.

  @ground:assumption:VR-024
  Scenario: A client that does not identify itself is refused
    Given Tess has an account protected by an authenticator app
    When Tess logs in from a client that does not identify itself
    Then the request is refused as forbidden
    And the refusal asks the client to identify itself

  Scenario: An operation the API does not have is answered as not implemented
    When someone calls an operation the API does not have
    Then the request is answered as not found
    And the answer says the endpoint is not implemented
