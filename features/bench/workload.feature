@bench
Feature: The benchmark workload
  Ten short authentication flows over the three APIs, one after another, each starting without the cookies of
  the others: what `npm run bench` measures authflow on, against a plain script making the same requests
  (bench/WORKLOAD.md, flows F1 to F10). Every session and key a flow opens is closed by the same flow, so any
  number of rounds leaves the servers as they were. Not part of a normal run: only `features/bench` names it.

  # F1
  @vrchat
  Scenario: A login with an authenticator app ends on the server when its owner logs out
    Given Tess has an account protected by an authenticator app
    When Tess logs in with the right password
    Then Tess is asked for a code from an authenticator app or a recovery code
    And Tess receives a session cookie that scripts cannot read
    When Tess verifies her login with a code from her authenticator app
    Then the second factor is accepted
    And this device is remembered with a cookie that scripts cannot read
    When Tess asks who is logged in
    Then Tess is recognised as herself
    Given Tess keeps a copy of her credentials
    When Tess logs out
    Then the logout is confirmed
    And the credentials Tess kept are refused by the server

  # F2
  @vrchat
  Scenario: A wrong password is refused
    Given Tess has an account protected by an authenticator app
    When Tess logs in with a wrong password
    Then Tess is told her username or password is wrong

  # F3
  @vrchat
  Scenario: A taken username is reported, and a check naming nothing is rejected
    Given Tess has an account protected by an authenticator app
    When someone checks whether Tess's username is taken
    Then the name is reported as taken
    And the answer also says whether the username would be acceptable
    When someone checks whether a name is taken without naming anything
    Then the check asks for a username, email address or display name

  # F4
  @vrchat
  Scenario: The auth token of a fresh session is its session cookie, until logout
    Given Tess has an account protected by an authenticator app
    When Tess logs in with the right password
    Then Tess is asked for a code from an authenticator app or a recovery code
    And Tess receives a session cookie that scripts cannot read
    When Tess verifies her login with a code from her authenticator app
    Then the second factor is accepted
    And this device is remembered with a cookie that scripts cannot read
    When Tess checks her auth token
    Then the token is reported as valid
    And the reported token is Tess's session cookie
    When Tess logs out
    Then the logout is confirmed

  # F5
  @enhance
  Scenario: A panel session shows its login and its sessions, and signing out ends it on the server
    Given Olga has a panel login without two-factor authentication
    When Olga signs in to the panel with the right password
    Then Olga is signed in to the panel
    And Olga can use the panel
    When Olga lists her panel sessions
    Then Olga's session is listed
    Given Olga keeps a copy of her credentials
    When Olga signs out of the panel
    Then the panel confirms that Olga is signed out
    And the credentials Olga kept are refused by the server

  # F6
  @enhance
  Scenario: A password reset for an unknown address is accepted like any other
    When someone asks to reset the panel password of an address nobody uses
    Then the panel accepts the reset request

  # F7
  @enhance
  Scenario: A wrong panel password is refused
    Given Olga has a panel login without two-factor authentication
    When Olga signs in to the panel with a wrong password
    Then Olga is kept out of the panel

  # F8
  @shoko
  Scenario: A deleted API key stops working at once
    Given Sam has a Shoko user
    When Sam signs in on the "phone" device
    Then Sam receives an API key
    And Sam's "phone" key works
    When Sam deletes the "phone" key
    Then the deletion is confirmed
    And Sam's "phone" key stops working

  # F9
  @shoko
  Scenario: The same device gets the same key again
    Given Sam has a Shoko user
    When Sam signs in on the "living-room" device
    Then Sam receives an API key
    When Sam signs in on the "living-room" device again
    Then Sam receives the same API key as before

  # F10
  @shoko
  Scenario: A sign-in without a device name is rejected naming the field
    Given Sam has a Shoko user
    When Sam signs in without a device
    Then the request is rejected as a bad request
    And the rejection says "Device is required"
