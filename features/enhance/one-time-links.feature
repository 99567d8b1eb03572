@enhance @sso @admin @mailbox
Feature: Signing in with a one-time link
  Administrators can hand a customer a short-lived one-time sign-in link that signs them in without password or second factor
  (support, onboarding). Such a link must work once, and not for long.

  Background:
    Given Olga has a panel login protected by a PIN sent by email

  @severity:critical @asvs-deviation:6.3.4
  Scenario: A one-time sign-in link lets the customer in without the second factor, a documented weakness
    Given the hosting company has created a one-time sign-in link for Olga
    When Olga opens the one-time sign-in link
    Then Olga is signed in to the panel
    And Olga can use the panel

  @severity:critical @asvs:6.4.1 @ground:assumption:EN-009
  Scenario: A one-time sign-in link works only once
    Given the hosting company has created a one-time sign-in link for Olga
    And Olga has opened the one-time sign-in link
    When Olga opens the one-time sign-in link on another device
    Then Olga is kept out of the panel

  @severity:critical @mock-only @asvs:6.4.1 @ground:assumption:EN-009
  Scenario: A one-time sign-in link expires within minutes
    Given the hosting company has created a one-time sign-in link for Olga
    And 3 minutes pass
    When Olga opens the one-time sign-in link
    Then Olga is kept out of the panel

  @mock-only @ground:documented
  Scenario: An administrator signed in to the panel can create the link too
    Given Ada is an administrator of the hosting company
    And Ada has signed in to the panel
    When Ada creates a one-time sign-in link for Olga
    Then the panel returns a one-time sign-in link

  @severity:critical @ground:documented
  Scenario: A customer cannot create one-time sign-in links for others
    Given Nina has a panel login without two-factor authentication
    And Nina has signed in to the panel
    When Nina creates a one-time sign-in link for Olga
    Then the panel tells Nina that only administrators may do that

  @ground:documented
  Scenario: A one-time sign-in link that is malformed is rejected
    When someone opens a malformed one-time sign-in link
    Then the panel rejects the request as invalid input

  @severity:critical @asvs:6.4.1 @ground:assumption:EN-009
  Scenario: A one-time sign-in link opened on two devices at the same moment signs in only one
    Given the hosting company has created a one-time sign-in link for Olga
    When Olga opens the one-time sign-in link on two devices at the same moment
    Then only one of the two devices is signed in

  # Needs a second hosting company with its own access token, which only the mocks make: a real run is given the
  # credentials of one company.
  @severity:critical @mock-only @asvs:8.4.1 @asvs:8.2.2
  Scenario: Another hosting company cannot get a one-time sign-in link for this company's customer
    Given another hosting company manages its own customers on the same panel
    When the other hosting company asks for a one-time sign-in link for Olga
    Then the panel gives the other hosting company no link for Olga
