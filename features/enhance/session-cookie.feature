@enhance @session-cookie
Feature: The panel's session cookie keeps to its own site and transport
  Whoever holds the session cookie (`id0`) holds the panel session. The standard asks four things of it, each
  checked here on its own, so a cookie that misses one fails that scenario and nothing else: scripts cannot read it,
  it never travels over plain http, other sites' requests do not carry it, and its name binds it.

  Background:
    Given Olga has a panel login without two-factor authentication

  @severity:critical @asvs:3.3.4 @ground:assumption:EN-008
  Scenario: Scripts on a page cannot read the session cookie
    When Olga signs in to the panel with the right password
    Then Olga's session cookie is out of reach of scripts

  # Over plain http there is no https to keep the cookie to: a run against an http server skips it, with its reason.
  @severity:critical @https @asvs:3.3.1 @ground:assumption:EN-008
  Scenario: The session cookie never travels over plain http
    When Olga signs in to the panel with the right password
    Then Olga's session cookie is sent over https only

  @severity:critical @asvs:3.3.2 @ground:assumption:EN-008
  Scenario: Other sites' requests do not carry the session cookie
    When Olga signs in to the panel with the right password
    Then Olga's session cookie is kept from requests that other sites start

  @asvs-deviation:3.3.3
  Scenario: The session cookie is named without the __Host- prefix, a documented weakness
    When Olga signs in to the panel with the right password
    Then Olga's session cookie has the name the vendor documents, without a __Host- or __Secure- prefix
