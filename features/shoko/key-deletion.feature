@shoko @key-deletion @ground:documented
Feature: Revoking a Shoko API key
  Deleting a key must end its use on the server at once, without touching the user's other devices. Anyone who
  holds a key may revoke it, and asking to revoke a key that does not exist changes nothing.

  Background:
    Given Sam has a Shoko user
    And Sam has signed in on the "phone" device
    And Sam has signed in on the "tablet" device

  @severity:critical @asvs:7.4.1 @asvs:7.5.2
  Scenario: A deleted key stops working at once, while Sam's other keys keep working
    When Sam deletes the "phone" key
    Then the deletion is confirmed
    And Sam's "phone" key stops working
    And Sam's "tablet" key still works

  Scenario: Deleting a key that does not exist is harmless
    When someone deletes a key that does not exist
    Then the deletion is confirmed
    And Sam's "phone" key still works

  Scenario: Deleting a key written in another letter case leaves Sam's key working
    When someone deletes Sam's "phone" key written in upper case
    Then the deletion is confirmed
    And Sam's "phone" key still works

  @severity:critical
  Scenario: Signing in again on a device whose key was deleted gives a new key
    Given Sam has deleted the "phone" key
    When Sam signs in on the "phone" device again
    Then Sam receives a different API key than before
    And Sam's "phone" key works

  @severity:critical @asvs:7.4.1
  Scenario: A deleted key cannot change Sam's password
    Given Sam has deleted the "phone" key
    When someone tries to change Sam's password with the deleted "phone" key
    Then the password change is refused
    And Sam's "tablet" key still works
