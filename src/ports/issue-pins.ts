/**
 * Pinned issues of a repository, for one installation. GitHub has no REST endpoint for
 * pinning: it is the GraphQL mutation `pinIssue`, and a repository pins at most three issues.
 * https://docs.github.com/graphql/reference/mutations#pinissue
 */
export interface PinPort {
  /**
   * The number of the pinned issue of the repository whose body contains `marker`, or null.
   * Cheap (one request; a repository pins at most three), so it is tried before a marker
   * lookup over every issue.
   */
  findPinnedByMarker(owner: string, repo: string, marker: string): Promise<number | null>;
  /** Whether the issue is pinned now; throws NotFoundError when there is no such issue. */
  isPinned(owner: string, repo: string, issueNumber: number): Promise<boolean>;
  /** Pins the issue. Throws RefusedError when GitHub refuses (no permission, three pinned already). */
  pinIssue(owner: string, repo: string, issueNumber: number): Promise<void>;
}
