/**
 * What the hardened configuration (hardened.ts) turns off that scenarios use (`@uses:<what>` tags): those scenarios
 * skip on it, with the reason. A module of its own, without better-auth's code, so that a run can say why before it
 * loads the framework.
 */
export const HARDENED_TURNS_OFF: Readonly<Record<string, string>> = {
  'api-key-sessions': 'the hardened configuration keeps API keys from standing for a session (enableSessionForAPIKeys: false, as the API key plugin advises for production)',
  'sign-up-by-code': 'the hardened configuration creates no account from an emailed code or a magic link (disableSignUp)',
};
