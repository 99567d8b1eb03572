@better-auth @session-cookie @ground:documented
Feature: The app's session cookie keeps to its own site and transport
  Whoever holds the session cookie (`better-auth.session_token`, `__Secure-` prefixed where cookies are Secure)
  holds the session. The standard asks four things of it, each checked here on its own, so a cookie that misses one
  fails that scenario and nothing else: scripts cannot read it, it never travels over plain http, other sites'
  requests do not carry it, and its name binds it. And a page on another website cannot read what the session opens.

  Background:
    Given Bella has an account on the app

  @severity:critical @asvs:3.3.4
  Scenario: Scripts on a page cannot read the session cookie
    When Bella signs in to the app with her password
    Then Bella's session cookie is out of reach of scripts

  # Over plain http there is no https to keep the cookie to: a run against an http server skips it, with its reason.
  @severity:critical @https @asvs:3.3.1
  Scenario: The session cookie never travels over plain http
    When Bella signs in to the app with her password
    Then Bella's session cookie is sent over https only

  @severity:critical @asvs:3.3.2
  Scenario: Other sites' requests do not carry the session cookie
    When Bella signs in to the app with her password
    Then Bella's session cookie is kept from requests that other sites start

  @asvs-deviation:3.3.3
  Scenario: The session cookie is named without the __Host- prefix, a documented weakness
    When Bella signs in to the app with her password
    Then Bella's session cookie has the name the vendor documents, without a __Host- prefix

  @severity:critical @asvs:3.4.2
  Scenario: Another website cannot read Bella's session with her cookie
    Given Bella has signed in to the app
    When a page on another website reads Bella's account with her session
    Then the answer is not shared with the other website
