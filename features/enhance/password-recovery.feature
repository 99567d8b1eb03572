@enhance @password-recovery @mailbox @destructive
Feature: Recovering a forgotten panel password
  A login that forgot its password asks for a reset link by email. The panel must not reveal which addresses
  have logins, the link must work once and expire, and the old password must stop working. A reset proves
  only the mailbox: it must not sign anyone in, nor take a second factor away.

  @severity:critical @asvs:6.4.3 @ground:documented @ground:assumption:EN-011 @ground:assumption:EN-014 @ground:assumption:MB-003
  Scenario: Resetting the password through the mailed link
    Given Olga has a panel login without two-factor authentication
    When Olga asks to reset her panel password
    Then the panel accepts the reset request
    And Olga receives an email with a password reset link
    When Olga opens the password reset link
    Then the panel shows Olga's email address obscured
    When Olga chooses a new password through the link
    Then the new password is accepted
    And Olga can sign in to the panel with the new password
    And Olga cannot sign in to the panel with the old password

  @severity:critical @ground:documented @asvs:6.3.8
  Scenario: An unknown address gets the same answer as a known one
    When someone asks to reset the panel password of an address nobody uses
    Then the panel accepts the reset request
    And no reset email is sent to that address

  @severity:critical @asvs:6.4.3 @ground:assumption:EN-011
  Scenario: A reset link works only once
    Given Olga has a panel login without two-factor authentication
    And Olga has reset her panel password through the mailed link
    When Olga chooses a new password through the same link again
    Then the password reset link no longer works
    And Olga can sign in to the panel with the right password
    And Olga cannot sign in to the panel with the password the panel refused

  @severity:critical @mock-only @asvs:6.4.3 @ground:documented @ground:assumption:EN-011
  Scenario: A reset link expires within an hour
    Given Olga has a panel login without two-factor authentication
    And Olga has asked to reset her panel password
    And 61 minutes pass
    When Olga chooses a new password through the link
    Then the password reset link no longer works
    And Olga can sign in to the panel with the right password

  @ground:documented
  Scenario: A made-up reset secret is rejected
    When someone opens a password reset link with a made-up secret
    Then the panel rejects the request as invalid input

  @severity:critical @asvs:7.4.3 @ground:assumption:EN-011 @ground:assumption:EN-012
  Scenario: Resetting the password signs out sessions that used the old one
    Given Olga has a panel login without two-factor authentication
    And Olga has signed in to the panel
    And Olga keeps a copy of her credentials
    And Olga has reset her panel password through the mailed link
    Then the credentials Olga kept are refused by the server

  @severity:critical @asvs:6.4.3 @ground:documented @ground:assumption:EN-011
  Scenario: A reset of a login with a PIN hands out no session, and the next sign-in still asks for the PIN
    Given Pia has a panel login protected by a PIN sent by email
    When Pia resets her panel password through the mailed link
    Then the reset signs nobody in
    When Pia signs in to the panel with the new password
    Then the panel asks Pia for a PIN sent by email

  # A panel that built the link from what the request claims would mail Olga a link to the attacker's site, which
  # would receive the secret when she opens it (password reset poisoning).
  @severity:critical @asvs:6.4.3 @ground:assumption:EN-011
  Scenario: The reset link leads to the panel, whatever host the request claims to be for
    Given Olga has a panel login without two-factor authentication
    When someone asks to reset Olga's panel password, naming another website as the host the request was forwarded for
    Then the reset link Olga receives does not lead to the other website

  @severity:critical @asvs:6.4.3 @ground:assumption:EN-011
  Scenario: A reset link used twice at the same moment sets only one new password
    Given Olga has a panel login without two-factor authentication
    And Olga has asked to reset her panel password
    When Olga chooses two new passwords through the link at the same moment
    Then only one of the two new passwords is accepted
    And Olga can sign in to the panel with the new password

  @severity:critical @asvs:6.3.8
  Scenario: A reset request takes about as long for an unknown address as for a known one
    Given Olga has a panel login without two-factor authentication
    When someone asks several times, in turn, to reset the panel password of an address nobody uses and of Olga's address
    Then the panel takes about as long to answer either
