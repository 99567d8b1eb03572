@better-auth @api-keys @uses:api-key @ground:documented
Feature: API keys of a better-auth account
  Bella can create keys for her scripts, see and rename them without the secret being shown again, and delete
  them; a deleted key stops working at once, and nobody else can read or delete hers.

  Background:
    Given Bella has an account on the app
    And Bella has signed in to the app

  @severity:critical @uses:api-key-sessions
  Scenario: A new key stands for Bella
    When Bella creates an API key named "backup script"
    Then the "backup script" key stands for Bella

  @severity:critical @uses:api-key-sessions @asvs:7.4.1
  Scenario: A deleted key stops working at once
    Given Bella has created an API key named "backup script"
    When Bella deletes her "backup script" key
    Then the "backup script" key no longer works

  Scenario: Bella sees and renames her keys, and the secret is never shown again
    Given Bella has created an API key named "backup script"
    When Bella renames her "backup script" key to "nightly backup"
    Then Bella's keys list a key named "nightly backup"
    And neither the list nor the key's details show its secret

  @severity:critical @asvs:8.2.2
  Scenario: Nobody else can read or delete Bella's key
    Given Bella has created an API key named "backup script"
    And Mallory has an account on the app
    And Mallory has signed in to the app
    When Mallory tries to read and to delete Bella's "backup script" key
    Then Mallory is refused both times
    And Bella's keys list a key named "backup script"

  @uses:api-key-sessions
  Scenario: A made-up key lets nobody in
    When someone uses a made-up API key
    Then that someone is not signed in to the app
