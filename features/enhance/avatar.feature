@enhance @avatar @destructive @ground:documented
Feature: The login's avatar
  A login can show a small picture. The panel takes PNG and JPEG images up to 200 KiB, and nothing else.

  Background:
    Given Olga has a panel login without two-factor authentication
    And Olga has signed in to the panel

  Scenario Outline: A small <format> image becomes the avatar
    When Olga uploads a <format> avatar of 10 KiB
    Then the avatar is accepted
    And the panel shows that Olga has an avatar

    Examples:
      | format |
      | PNG    |
      | JPEG   |

  @ground:assumption:EN-001
  Scenario: An image over 200 KiB is rejected
    When Olga uploads a PNG avatar of 201 KiB
    Then the panel rejects the request as invalid input
    And the panel shows that Olga has no avatar

  @ground:assumption:EN-001
  Scenario: A file that is not an image is rejected
    When Olga uploads a text file as her avatar
    Then the panel rejects the request as invalid input

  Scenario: Removing the avatar
    Given Olga has uploaded a PNG avatar
    When Olga removes her avatar
    Then the avatar is removed
    And the panel shows that Olga has no avatar
