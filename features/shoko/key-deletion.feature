@shoko @key-deletion
Feature: Revoking a Shoko API key
  Deleting a key must end its use on the server at once, without touching the user's other devices. Anyone who
  holds a key may revoke it, and asking to revoke a key that does not exist changes nothing.

  Background:
    Given Sam has a Shoko user
    And Sam has signed in on the "phone" device
    And Sam has signed in on the "tablet" device

  @severity:critical @asvs:3.3.1 @asvs:3.3.4
  Scenario: A deleted key is refused while the user's other keys still work
    When Sam deletes the "phone" key
    Then the deletion is accepted
    And Sam's "phone" key is refused
    And Sam's "tablet" key is accepted

  Scenario: Deleting a key that does not exist is harmless
    When someone deletes a key that does not exist
    Then the deletion is accepted
    And Sam's "phone" key is accepted

  Scenario: Deletion matches the key exactly
    When someone deletes Sam's "phone" key written in upper case
    Then the deletion is accepted
    And Sam's "phone" key is accepted

  Scenario: Signing in again on a device whose key was deleted issues a new key
    Given Sam has deleted the "phone" key
    When Sam signs in on the "phone" device again
    Then Sam receives a different API key than before
    And Sam's "phone" key is accepted

  @severity:critical @asvs:3.3.1
  Scenario: A deleted key cannot change the password
    Given Sam has deleted the "phone" key
    When someone tries to change Sam's password with the deleted "phone" key
    Then the password change is refused as unauthorised
    And Sam's "tablet" key is accepted
