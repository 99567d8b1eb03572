@better-auth @account @ground:documented
Feature: Looking after a better-auth account
  Bella confirms her email address, changes it with the old address's approval, renames herself, sees how she can
  sign in, and deletes her account for good.

  Scenario: Bella confirms her address with the mailed link
    Given Bella has an account on the app whose address is not confirmed yet
    When Bella opens the confirmation link mailed to her
    Then Bella's address is confirmed

  @uses:email-otp
  Scenario: Bella confirms her address with a mailed code
    Given Bella has an account on the app whose address is not confirmed yet
    When Bella confirms her address with a code mailed to her
    Then Bella's address is confirmed

  @severity:critical @uses:change-email
  Scenario: A new address takes effect only once the old one has approved it
    Given Bella has an account on the app
    And Bella has signed in to the app
    When Bella asks to change her address
    Then the approval goes to her current address
    When Bella approves the change and confirms her new address
    Then Bella can sign in to the app with her new address

  @uses:email-otp @uses:change-email
  Scenario: A new address takes effect with a code mailed to it
    Given Bella has an account on the app
    And Bella has signed in to the app
    When Bella changes her address with a code mailed to the new one
    Then Bella can sign in to the app with her new address

  Scenario: Bella renames herself and sees how she signs in
    Given Bella has an account on the app
    And Bella has signed in to the app
    When Bella changes her name to "Bella B."
    Then the app shows Bella's name as "Bella B."
    And Bella's sign-in methods are her address and password

  @severity:critical @uses:delete-user
  Scenario: A deleted account signs in no more
    Given Bella has an account on the app
    And Bella has signed in to the app
    When Bella deletes her account
    Then Bella cannot sign in to the app with her password
