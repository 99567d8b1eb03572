@better-auth @sessions @ground:documented
Feature: Seeing and ending sessions in a better-auth application
  Bella can see where she is signed in and end any of those sessions, one, all the others, or all of them; nobody
  else can end hers, and no session outlives the time the standard allows.

  Background:
    Given Bella has an account on the app
    And Bella has signed in to the app on her laptop and on her phone

  @asvs:7.5.2
  Scenario: Bella sees the sessions of both her devices
    When Bella lists her sessions on her laptop
    Then the list shows the sessions of Bella's laptop and phone, and nobody else's

  @severity:critical @asvs:7.5.2
  Scenario: Bella ends her phone's session from her laptop
    When Bella ends her phone's session from her laptop
    Then Bella's phone is signed out of the app
    And Bella is still signed in to the app on her laptop

  @severity:critical @asvs:7.5.2
  Scenario: Bella ends every session but the one she is using
    When Bella ends her other sessions from her laptop
    Then Bella's phone is signed out of the app
    And Bella is still signed in to the app on her laptop

  @severity:critical
  Scenario: Bella ends all her sessions at once
    When Bella ends all her sessions from her laptop
    Then Bella's phone is signed out of the app
    And Bella's laptop is signed out of the app

  @severity:critical @asvs:8.2.2
  Scenario: Nobody else can end Bella's session, even knowing its token
    Given Mallory has an account on the app
    And Mallory has signed in to the app
    When Mallory tries to end Bella's phone session
    Then Bella is still signed in to the app on her phone

  @severity:critical @asvs:7.3.2
  Scenario: A session lasts 30 days at most before the password is asked again
    Then Bella's session on her laptop ends within 30 days

  Scenario: A session update with nothing to change is turned away, and the session stays
    When Bella updates her session on her laptop without changing anything
    Then the request is rejected as a bad request
    And Bella is still signed in to the app on her laptop
