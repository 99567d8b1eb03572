@vrchat @session-cookie
Feature: The VRChat session cookie keeps to its own site and transport
  Whoever holds the session cookie (`auth`) holds the session, from the password on. The standard asks four things
  of it, each checked here on its own, so a cookie that misses one fails that scenario and nothing else: scripts
  cannot read it, it never travels over plain http, other sites' requests do not carry it, and its name binds it.

  Background:
    Given Tess has an account protected by an authenticator app

  @severity:critical @asvs:3.3.4 @ground:documented
  Scenario: Scripts on a page cannot read the session cookie
    When Tess logs in with the right password
    Then Tess's session cookie is out of reach of scripts

  # Over plain http there is no https to keep the cookie to: a run against an http server skips it, with its reason.
  @severity:critical @https @asvs:3.3.1 @ground:assumption:VR-007
  Scenario: The session cookie never travels over plain http
    When Tess logs in with the right password
    Then Tess's session cookie is sent over https only

  @severity:critical @asvs:3.3.2 @ground:assumption:VR-007
  Scenario: Other sites' requests do not carry the session cookie
    When Tess logs in with the right password
    Then Tess's session cookie is kept from requests that other sites start

  @asvs-deviation:3.3.3
  Scenario: The session cookie is named without the __Host- prefix, a documented weakness
    When Tess logs in with the right password
    Then Tess's session cookie has the name the vendor documents, without a __Host- or __Secure- prefix

  @email-account @mailbox @ground:documented @ground:assumption:MB-003
  Scenario: Scripts on a page cannot read the cookie that remembers the device
    Given Emil has an account without an authenticator app
    And Emil has logged in but not yet passed the second factor
    When Emil verifies his login with the code sent by email
    Then the cookie that remembers this device is out of reach of scripts
