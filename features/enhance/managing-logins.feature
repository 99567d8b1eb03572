@enhance @admin @ground:documented
Feature: Administrators managing customer logins
  The hosting company creates and lists its customers' logins, makes them members of a customer organisation
  and can set a customer's password. It acts with its organisation access token, or through an administrator's
  own session; customers cannot do any of this.

  # Each of these two creates a login, and the API cannot delete one: against a real panel they run only when
  # ENHANCE_ALLOW_NEW_LOGINS=1 allows a run to leave a login behind (the footprint report counts it).
  @leaves-login
  Scenario: The hosting company creates a login that can sign in
    When the hosting company creates a login for Nina in the customer organisation
    Then the login is created
    And Nina can sign in to the panel with the right password

 
  Scenario: An email address can have only one login
    Given Nina has a panel login without two-factor authentication
    When the hosting company creates another login with Nina's email address
    Then the panel refuses it as already existing

 
  Scenario: A login needs a valid email address
    When the hosting company creates a login with an email address that is not valid
    Then the panel rejects the request as invalid input

  # A login is created in the realm; membership of an organisation is a separate step, as on a real panel.
  @leaves-login
  Scenario: The hosting company makes a new login a member of its customer
    Given the hosting company has created a login for Nina in the customer organisation
    When the hosting company makes Nina a member of the customer organisation
    Then the membership is created
    And Nina's memberships include the customer organisation

 
  Scenario: A login is a member of an organisation only once
    Given Nina has a panel login without two-factor authentication
    When the hosting company makes Nina a member of the customer organisation again
    Then the panel refuses it as already existing

 
  Scenario: Only an existing login can become a member
    When the hosting company makes a login that does not exist a member of the customer organisation
    Then the panel answers that there is no such login

  @severity:critical @asvs:8.2.1
  Scenario: A customer cannot make members
    Given Nina has a panel login without two-factor authentication
    And Olga has a panel login without two-factor authentication
    And Olga has signed in to the panel
    When Olga makes Nina a member of the customer organisation
    Then the panel tells Olga that only administrators may do that

  @mock-only
  Scenario: An administrator signed in to the panel can create logins too
    Given Ada is an administrator of the hosting company
    And Ada has signed in to the panel
    When Ada creates a login for Nina in the customer organisation
    Then the login is created

  @severity:critical @asvs:8.2.1
  Scenario: A customer cannot create logins
    Given Olga has a panel login without two-factor authentication
    And Olga has signed in to the panel
    When Olga creates a login for Nina in the customer organisation
    Then the panel tells Olga that only administrators may do that

  # Needs an organisation with exactly these logins; a real one has others.
  @mock-only
  Scenario Outline: Listing an organisation's logins by page, sorted
    Given the customer organisation has logins for Amy, Ben, Cal, Dee and Eve
    When the hosting company lists the customer organisation's logins by <field> <order>, <limit> from position <offset>
    Then the page lists <names> of 5 logins

    Examples:
      | field | order | limit | offset | names         |
      | name  | asc   | 2     | 0      | Amy, Ben      |
      | name  | desc  | 2     | 0      | Eve, Dee      |
      | email | asc   | 2     | 4      | Eve           |
      | email | desc  | 3     | 1      | Dee, Cal, Ben |

 
  Scenario: The hosting company lists the logins of all its customers
    Given the customer organisation has logins for Amy, Ben, Cal, Dee and Eve
    When the hosting company lists the logins of its customers
    Then the listing includes Amy, Ben, Cal, Dee and Eve

 
  Scenario: The hosting company lists the logins of its realm
    Given the customer organisation has logins for Amy, Ben, Cal, Dee and Eve
    When the hosting company lists the logins of its realm
    Then the listing includes Amy, Ben, Cal, Dee and Eve

  @severity:critical @asvs:8.2.1
  Scenario: A customer cannot list the organisation's logins
    Given Olga has a panel login without two-factor authentication
    And Olga has signed in to the panel
    When Olga lists the customer organisation's logins
    Then the panel tells Olga that only administrators may do that

  @severity:critical @asvs-deviation:6.4.6
  Scenario: The hosting company sets a customer's password
    Given Nina has a panel login without two-factor authentication
    When the hosting company sets a new password for Nina
    Then the new password is accepted
    And Nina can sign in to the panel with the new password
    And Nina cannot sign in to the panel with the old password

 
  Scenario: Setting the password of a login that does not exist
    When the hosting company sets a new password for a login that does not exist
    Then the panel answers that there is no such login

  @severity:critical @asvs:8.2.1
  Scenario: A customer cannot set another customer's password
    Given Nina has a panel login without two-factor authentication
    And Olga has a panel login without two-factor authentication
    And Olga has signed in to the panel
    When Olga sets a new password for Nina
    Then the panel tells Olga that only administrators may do that

  # Needs a second hosting company with its own access token, which only the mocks make: a real run is given the
  # credentials of one company.
  @severity:critical @mock-only @asvs:8.4.1
  Scenario: Another hosting company cannot set the password of this company's customer
    Given Nina has a panel login without two-factor authentication
    And another hosting company manages its own customers on the same panel
    When the other hosting company sets a new password for Nina
    Then the panel refuses the other hosting company
    And Nina can sign in to the panel with the right password
