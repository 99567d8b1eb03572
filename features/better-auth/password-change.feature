@better-auth @password-change @ground:documented
Feature: Changing the password of a better-auth account
  A password change needs the current password. The old one stops working at once; the other sessions end when
  Bella asks for it (better-auth keeps them otherwise, as its documentation says).

  Background:
    Given Bella has an account on the app
    And Bella has signed in to the app on her laptop and on her phone

  @severity:critical @asvs:6.2.2 @asvs:7.4.3
  Scenario: Bella changes her password and ends her other sessions
    Given Bella keeps a copy of her credentials
    When Bella changes her password on her laptop and asks to end her other sessions
    Then the app accepts the new password
    And the credentials Bella kept are refused by the server
    And Bella is still signed in to the app on her laptop

  Scenario: Without asking, the other sessions stay signed in, as documented
    When Bella changes her password on her laptop
    Then the app accepts the new password
    And Bella is still signed in to the app on her phone

  @severity:critical @asvs:6.2.3
  Scenario: A password change without the current password is refused
    When Bella changes her password on her laptop giving a wrong current password
    Then the app refuses the change
    And Bella can still sign in to the app with her password

  @severity:critical @asvs:6.2.2
  Scenario: The old password no longer signs Bella in
    Given Bella has changed her password on her laptop
    When Bella signs in to the app with her old password
    Then the app refuses the sign-in

  @asvs:7.5.1
  Scenario: The app checks Bella's password before a sensitive step
    When Bella's password is checked on her laptop with a wrong password
    Then the app refuses the password
    When Bella's password is checked on her laptop with her password
    Then the app confirms the password
