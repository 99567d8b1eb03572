@enhance @login-settings
Feature: Changing the panel login's own settings
  A login manages its own details. Whatever changes how it proves who it is (email address, password) needs
  the current password, so that a stolen session cannot take the login over.

  Background:
    Given Olga has a panel login without two-factor authentication
    And Olga has signed in to the panel

  @ground:documented
  Scenario: The login shows its own details
    When Olga looks at her panel login
    Then the panel shows Olga's email address, name and sign-in method

  @ground:documented
  Scenario: The login lists the organisations it belongs to
    When Olga lists her memberships
    Then Olga is listed as a member of the customer organisation

  @severity:critical @asvs:6.2.3 @asvs:7.5.1 @ground:documented
  Scenario Outline: Changing the password needs the current password
    When Olga changes her panel password <how>
    Then the panel refuses the change
    And Olga can sign in to the panel with the right password
    And Olga cannot sign in to the panel with the password the panel refused

    Examples:
      | how                              |
      | without giving the current one   |
      | giving a wrong current password  |

  @severity:critical @destructive @asvs:6.2.2 @ground:documented
  Scenario: A changed password replaces the old one
    When Olga changes her panel password giving the current one
    Then the change is accepted
    And Olga can sign in to the panel with the new password
    And Olga cannot sign in to the panel with the old password

  @severity:critical @asvs:7.5.1 @ground:documented
  Scenario Outline: Changing the email address needs the current password
    When Olga changes her panel email address <how>
    Then the panel refuses the change
    And Olga can sign in to the panel with the right password

    Examples:
      | how                                   |
      | without giving the current password   |
      | giving a wrong current password       |

  @destructive @ground:documented
  Scenario: A changed email address is the one to sign in with
    When Olga changes her panel email address giving the current password
    Then the change is accepted
    And Olga can sign in to the panel with the new email address

  @ground:documented
  Scenario: Renaming the login needs no password
    When Olga renames her panel login
    Then the change is accepted
    And the panel shows Olga's new name

  @severity:critical @mailbox @ground:documented @ground:assumption:EN-022
  Scenario: Switching on PINs sent by email makes the next sign-in ask for one
    When Olga switches on PINs sent by email
    Then the change is accepted
    When Olga signs in to the panel on another device with the right password
    Then the panel asks Olga for a PIN sent by email

  @admin @ground:assumption:EN-016 @asvs:8.2.1
  Scenario: The organisation's access token cannot read the current login
    When the hosting company looks at the current login with its access token
    Then the panel turns the request away as not signed in

  # Enhance documents nothing about other sessions after a password change: this asserts the standard (ASVS 7.4.3).
  @severity:critical @destructive @asvs:7.4.3 @ground:assumption:EN-013
  Scenario: Changing the password signs out the login's other devices
    Given Olga is signed in to the panel on two devices
    When Olga changes her panel password giving the current one
    Then Olga's other device is signed out
    And Olga can use the panel
