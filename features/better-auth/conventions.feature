@better-auth @server-conventions @ground:documented
Feature: Conventions of a better-auth server
  A client relies on the server's health check, and on its error page naming the error a failed flow sent the
  browser there with.

  Scenario: The health check answers that the server is up
    When someone asks the app whether it is up
    Then the app answers that it is up

  Scenario: The error page names the error it was given
    When someone opens the app's error page for an error named "unable_to_link_account"
    Then the page names the error "unable_to_link_account"
