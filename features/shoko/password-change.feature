@shoko @password-change @ground:documented
Feature: Changing a Shoko password
  A password change must lock out every client that signed in with the old password: all of the user's keys,
  on every device, including the one used for the change, stop working. The old password stops working too.
  On a real server these scenarios run only with ALLOW_DESTRUCTIVE=1, and put the password back afterwards.

  Background:
    Given Sam has a Shoko user
    And Sam has signed in on the "phone" device
    And Sam has signed in on the "tablet" device

  @severity:critical @destructive @asvs:6.2.2 @asvs:7.4.3 @asvs-deviation:6.2.3 @asvs-deviation:7.5.1
  Scenario: A password change, taken without the current password (a documented weakness), stops every key on every device
    Given Sam keeps a copy of his credentials
    When Sam changes his password using the "phone" key
    Then the password change is confirmed
    And the credentials Sam kept are refused by the server

  @severity:critical @destructive
  Scenario: The old password no longer signs Sam in after a change
    Given Sam has changed his password using the "phone" key
    When Sam signs in on the "phone" device with the old password
    Then the sign-in is refused

  @severity:critical @destructive
  Scenario: The new password gives Sam a new key
    Given Sam has changed his password using the "phone" key
    When Sam signs in on the "phone" device
    Then Sam receives a different API key than before
    And Sam's "phone" key works

  # Needs two Shoko users; a real run names one.
  @destructive @mock-only
  Scenario: Sam's password change leaves another user's keys working
    Given Rita has a Shoko user
    And Rita has signed in on the "laptop" device
    When Sam changes his password using the "phone" key
    Then Rita's "laptop" key still works

  @severity:critical @asvs:7.5.1
  Scenario: Nobody can change Sam's password without a key
    When someone tries to change Sam's password without a key
    Then the password change is refused
    And Sam's "phone" key still works
