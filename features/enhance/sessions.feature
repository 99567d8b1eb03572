@enhance @sessions
Feature: Managing panel sessions
  A login can see where it is signed in and end any of those sessions: this one, another device's, or all of
  them. An ended session must be refused by the server, whoever still holds its cookie.

  Background:
    Given Olga has a panel login without two-factor authentication

  @asvs:7.5.2 @ground:documented
  Scenario: Each signed-in device has its own session
    Given Olga is signed in to the panel on two devices
    When Olga lists her panel sessions
    Then both of Olga's sessions are listed

  @severity:critical @asvs:7.4.1 @ground:documented
  Scenario: Signing out ends the session on the server
    Given Olga has signed in to the panel
    And Olga keeps a copy of her credentials
    When Olga signs out of the panel
    Then the panel confirms that Olga is signed out
    And the credentials Olga kept are refused by the server

  @severity:critical @asvs:7.5.2 @ground:documented
  Scenario: Ending another device's session signs that device out only
    Given Olga is signed in to the panel on two devices
    When Olga ends the session of her other device
    Then Olga's other device is signed out
    And Olga can use the panel

  @severity:critical @asvs:7.5.2 @ground:documented
  Scenario: Ending all sessions signs out every device
    Given Olga is signed in to the panel on two devices
    And Olga keeps a copy of her credentials
    When Olga ends all her panel sessions
    Then the credentials Olga kept are refused by the server

  @admin @ground:assumption:EN-016 @asvs:8.2.1
  Scenario: The organisation's access token cannot act as a login
    When the hosting company lists panel sessions with its access token
    Then the panel turns the request away as not signed in

  @ground:documented @ground:assumption:EN-015
  Scenario: Listing sessions needs a session
    When someone lists panel sessions without signing in
    Then the panel turns the request away as not signed in

  @severity:critical @asvs:9.1.1
  Scenario: A session token whose contents were changed is refused
    Given Olga has signed in to the panel
    When someone changes the contents of Olga's session token, keeps its signature and uses it
    Then the panel turns the request away as not signed in

  @severity:critical @asvs:9.1.1 @asvs:9.1.2
  Scenario: A session token stripped of its signature is refused
    Given Olga has signed in to the panel
    When someone marks Olga's session token as unsigned, drops its signature and uses it
    Then the panel turns the request away as not signed in

  @severity:critical @asvs:9.1.3
  Scenario: A session token signed with a key it names itself is refused
    Given Olga has signed in to the panel
    When someone signs Olga's session token with a key of their own, names that key in the token and uses it
    Then the panel turns the request away as not signed in

  @severity:critical @asvs:8.2.2 @ground:documented @ground:assumption:EN-017
  Scenario: A login cannot end another login's session by its id
    Given Nina has a panel login without two-factor authentication
    And Nina has signed in to the panel
    And Olga has signed in to the panel
    When Olga ends Nina's session, knowing its id
    Then the panel refuses to end a session that is not Olga's
    And Nina can use the panel

  @severity:critical @asvs:3.4.2
  Scenario: Another website cannot read the panel's answers with Olga's session
    Given Olga has signed in to the panel
    When a page on another website reads Olga's account with her session
    Then the answer is not shared with the other website
