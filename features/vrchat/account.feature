@vrchat @account @ground:documented
Feature: Account checks around authentication
  Sign-up forms ask whether a name is taken, account holders confirm their email address through a mailed
  link, and an account can be scheduled for deletion, which any later login cancels.

  Background:
    Given Tess has an account protected by an authenticator app

 
  @asvs-deviation:6.3.8
  Scenario: A taken username is reported as existing
    When someone checks whether Tess's username is taken
    Then the name is reported as taken
    And the answer also says whether the username would be acceptable

  # Needs the account's email address and display name, which a real configuration does not name.
  @mock-only @asvs-deviation:6.3.8
  Scenario Outline: Email addresses and display names can be checked too
    When someone checks whether Tess's <field> is taken
    Then the name is reported as taken

    Examples:
      | field        |
      | email        |
      | display name |

  Scenario: A free username is reported as not existing
    When someone checks whether an unused username is taken
    Then the name is reported as free

  Scenario: An account is not counted against itself
    When someone checks whether Tess's username is taken, leaving out Tess's own account
    Then the name is reported as free

  Scenario Outline: A check without a name to look for is rejected
    When someone checks whether a name is taken <without>
    Then the check asks for a username, email address or display name

    Examples:
      | without                         |
      | without naming anything         |
      | giving only a user id           |

  # On a real server the deletion is cancelled afterwards (any later request cancels it).
  @destructive
  Scenario: Deleting an account schedules it fourteen days ahead
    Given Tess is fully logged in
    When Tess asks to delete her account
    Then the account is scheduled for deletion in 14 days
    And the deletion request is logged

  @destructive
  Scenario: The next request after a deletion request cancels it
    Given Tess is fully logged in
    And Tess has asked to delete her account
    When Tess looks at her own profile
    Then the account is no longer scheduled for deletion
    And the cancellation is logged after the request

  @severity:critical @email-account @mailbox @asvs:8.2.2
  Scenario: Nobody can delete someone else's account
    Given Tess is fully logged in
    And Mallory has an account without an authenticator app
    And Mallory is fully logged in
    When Mallory asks to delete Tess's account
    Then Mallory is kept out of Tess's account
    And Tess's account is not scheduled for deletion

  # On a real server the configured account's address gets the mail again; the link is not opened, so nothing about
  # the account changes.
  @mailbox @ground:assumption:MB-003
  Scenario: The confirmation email can be sent again
    Given Tess is fully logged in
    When Tess asks for the confirmation email again
    Then the confirmation email is reported as sent
    And Tess receives an email with a confirmation link

  # Confirms the account's address, which cannot be undone (and a real account's is confirmed already).
  @mock-only @mailbox @ground:assumption:MB-003
  Scenario: Confirming the email address through the mailed link
    Given Tess is fully logged in
    When Tess asks for the confirmation email again
    Then the confirmation email is reported as sent
    And Tess receives an email with a confirmation link
    When Tess opens the link in that email
    Then the link redirects to the website
    And no new session is opened
    And Tess's email address is confirmed

  # Needs an unconfirmed account, and a real account's address is confirmed already.
  @severity:critical @mock-only @mailbox
  Scenario: A tampered confirmation link confirms nothing
    Given Tess is fully logged in
    And Tess has asked for the confirmation email again
    When Tess opens the confirmation link with a tampered token
    Then the link redirects to the website
    And Tess's email address is still unconfirmed
