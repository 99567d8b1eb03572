@vrchat @recovery-codes
Feature: Passing the second factor with a recovery code
  When the authenticator app is lost, each of the account's recovery codes stands in for it once. A used code
  must be spent for good, and the account holder must be able to see which codes are left.

  Background:
    Given Tess has an account protected by an authenticator app

  # Spends one of the account's recovery codes for good; a real configuration names none to spend.
  @mock-only @ground:documented
  Scenario: A recovery code completes the login
    Given Tess has logged in but not yet passed the second factor
    When Tess verifies her login with one of her recovery codes
    Then the second factor is accepted
    And Tess can see her own profile

  # Spends one of the account's recovery codes for good; a real configuration names none to spend.
  @severity:critical @mock-only @asvs:6.5.1 @ground:assumption:VR-001 @ground:assumption:VR-015
  Scenario: A recovery code works only once
    Given Tess has completed a login with one of her recovery codes
    And Tess has logged in on another device but not yet passed the second factor
    When Tess verifies her login with the same recovery code again
    Then the code is refused

  # Spends one of the account's recovery codes for good; a real configuration names none to spend.
  @mock-only @ground:assumption:VR-015
  Scenario: A used recovery code is marked as used
    Given Tess has completed a login with one of her recovery codes
    When Tess lists her recovery codes
    Then the recovery code Tess used is marked as used
    And Tess's other recovery codes are still unused

  @severity:critical @ground:documented @ground:assumption:VR-001
  Scenario: A code that is not one of the account's recovery codes is refused
    Given Tess has logged in but not yet passed the second factor
    When Tess verifies her login with a recovery code that is not hers
    Then the code is refused
    And Tess is still asked for a second factor

  # Locks the account for a while and spends a recovery code; the mock lifts the lock with its clock.
  @severity:critical @mock-only @asvs:6.3.1 @ground:documented @ground:assumption:VR-002
  Scenario: Guessing recovery codes is stopped after a few attempts
    Given Tess has logged in but not yet passed the second factor
    And someone has tried 10 wrong recovery codes in Tess's login
    When Tess verifies her login with one of her recovery codes
    Then Tess is kept out for a while, even with the right code
    And Tess is still asked for a second factor

  # Spends one of the account's recovery codes for good; a real configuration names none to spend.
  @severity:critical @mock-only @asvs:6.5.1 @ground:assumption:VR-001 @ground:assumption:VR-015
  Scenario: One recovery code sent from two logins at the same moment completes only one
    Given Tess has logged in but not yet passed the second factor
    And Tess has logged in on another device but not yet passed the second factor
    When Tess verifies both logins with the same recovery code at the same moment
    Then only one of the two logins is completed
