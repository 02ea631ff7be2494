/**
 * Sign-in with GitHub for the staff pages: the GitHub App's own OAuth user authorization
 * (web application flow). `src/github/` implements it; tests implement it with a fake.
 */
export interface GitHubSignIn {
  /** Where the browser goes to sign in: GitHub's authorize page, which returns to `redirectUri` with a code and `state`. */
  authorizeUrl(redirectUri: string, state: string): string;
  /**
   * Exchanges the code GitHub returned for a user token, asks GitHub whose it is, and lets
   * the token go: it is used for that one request, never stored, returned or logged.
   * Resolves with the user's login. Throws SignInRefusedError when GitHub refuses the code
   * (expired, used, not ours), SignInUnavailableError when GitHub cannot be reached.
   */
  loginFor(code: string, redirectUri: string): Promise<string>;
}

/** GitHub refused the code, or answered with something that is not a user. */
export class SignInRefusedError extends Error {
  override name = 'SignInRefusedError' as const;
}

/** GitHub could not be reached, or answered with a server error: the sign-in may work later. */
export class SignInUnavailableError extends Error {
  override name = 'SignInUnavailableError' as const;
}
