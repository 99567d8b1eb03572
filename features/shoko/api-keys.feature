@shoko @api-keys
Feature: Getting a Shoko API key
  Shoko's clients sign in with a username, a password and a device name, and get an API key that stands for
  the user on that device. Each device has one key: signing in again from the same device gives the same key.

  Background:
    Given Sam has a Shoko user

  @severity:critical
  Scenario: Signing in issues an API key that identifies the user
    When Sam signs in on the "living-room" device
    Then Sam receives an API key
    And Sam's "living-room" key is accepted

  @asvs-deviation:3.2.1
  Scenario: The same device gets the same key again
    Given Sam has signed in on the "living-room" device
    When Sam signs in on the "living-room" device again
    Then Sam receives the same API key as before

  Scenario: Another device gets another key
    Given Sam has signed in on the "living-room" device
    When Sam signs in on the "phone" device
    Then Sam's "living-room" and "phone" keys differ
    And Sam's "phone" key is accepted

  Scenario Outline: A sign-in without its <field> is rejected naming the field
    When Sam signs in without a <field>
    Then the request is rejected as a bad request
    And the rejection says "<message>"

    Examples:
      | field    | message              |
      | username | Username is required |
      | password | Password is required |
      | device   | Device is required   |

  Scenario: A sign-in that is not JSON is rejected as a bad request
    When Sam signs in with a body that is not JSON
    Then the request is rejected as a bad request

  @severity:critical
  Scenario: A wrong password is refused
    When Sam signs in on the "phone" device with a wrong password
    Then the sign-in is refused as unauthorised

  @asvs-deviation:3.1.1
  Scenario: The key works in the query string and whatever its letter case
    Given Sam has signed in on the "phone" device
    Then Sam's "phone" key is accepted in the query string
    And Sam's "phone" key is accepted in upper case

  @severity:critical
  Scenario: A wrong password on a device that already has a key does not get that key
    Given Sam has signed in on the "phone" device
    When someone signs in as Sam on the "phone" device with a wrong password
    Then the sign-in is refused as unauthorised
    And the refusal does not reveal Sam's "phone" key

  Scenario: An unknown username is refused exactly like a wrong password
    When someone signs in several times, in turn with a username nobody has and with Sam's username and a wrong password
    Then both are refused with the same answer, as unauthorised

  @severity:critical
  Scenario: A key with one character changed is refused
    Given Sam has signed in on the "phone" device
    Then Sam's "phone" key with one character changed is refused
    And Sam's "phone" key is accepted

  # Ten wrong passwords against a real user could trip a lockout in front of the server (a proxy, fail2ban).
  @asvs-deviation:2.2.1 @mock-only
  Scenario: Guessing a password is not slowed down, and does not lock the user out
    When someone guesses Sam's password 10 times on the "phone" device
    Then every guess at Sam's password is refused as unauthorised, the last one as readily as the first
    And Sam can still sign in on the "phone" device with his password

  # Needs two Shoko users; a real run names one.
  @severity:critical @mock-only
  Scenario: Two users signing in on one shared device get keys of their own
    Given Rita has a Shoko user
    And Sam has signed in on the "family-tablet" device
    When Rita signs in on the same "family-tablet" device as Sam
    Then Rita's "family-tablet" key is accepted
    And Rita's "family-tablet" key differs from Sam's
    And Sam's "family-tablet" key is accepted
