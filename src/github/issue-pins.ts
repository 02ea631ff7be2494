import { NotFoundError, RateLimitedError, RefusedError } from '../errors.js';
import type { PinPort } from '../ports/issue-pins.js';
import { toDomainError } from './errors.js';
import { type Octokit, timeout } from './octokit.js';

/*
 * Pinning is GraphQL only (https://docs.github.com/graphql/reference/mutations#pinissue).
 * GitHub answers a refused GraphQL call with HTTP 200 and an `errors` list, which Octokit
 * throws as a GraphqlResponseError; transport failures come as RequestErrors like REST's.
 */
const PINNED_ISSUES = `query ($owner: String!, $repo: String!) {
  repository(owner: $owner, name: $repo) { pinnedIssues(first: 3) { nodes { issue { number body } } } }
}`;
const ISSUE_PIN = `query ($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) { issue(number: $number) { id isPinned } }
}`;
const PIN_ISSUE = `mutation ($issueId: ID!) {
  pinIssue(input: { issueId: $issueId }) { issue { isPinned } }
}`;

interface PinnedIssuesAnswer {
  repository: { pinnedIssues: { nodes: Array<{ issue: { number: number; body: string } } | null> | null } } | null;
}
interface IssuePinAnswer {
  repository: { issue: { id: string; isPinned: boolean | null } | null } | null;
}

/** The PinPort over one installation's Octokit (`withoutBlindRetries`: the mutation is never repeated by Octokit). */
export function createIssuePins(octokit: Octokit, now: () => Date): PinPort {
  async function call<T>(what: string, query: string, variables: Record<string, string | number>): Promise<T> {
    try {
      return await octokit.graphql<T>(query, { ...variables, request: timeout() });
    } catch (error) {
      throw graphqlError(error, now(), what);
    }
  }

  async function issuePin(owner: string, repo: string, issueNumber: number): Promise<{ id: string; isPinned: boolean }> {
    const answer = await call<IssuePinAnswer>('get issue pin', ISSUE_PIN, { owner, repo, number: issueNumber });
    const issue = answer.repository?.issue ?? null;
    if (issue === null) throw new NotFoundError(`get issue pin: no issue ${issueNumber}`);
    return { id: issue.id, isPinned: issue.isPinned === true };
  }

  return {
    async findPinnedByMarker(owner, repo, marker) {
      const answer = await call<PinnedIssuesAnswer>('list pinned issues', PINNED_ISSUES, { owner, repo });
      const nodes = answer.repository?.pinnedIssues.nodes ?? [];
      return nodes.find((node) => node !== null && node.issue.body.includes(marker))?.issue.number ?? null;
    },
    async isPinned(owner, repo, issueNumber) {
      return (await issuePin(owner, repo, issueNumber)).isPinned;
    },
    async pinIssue(owner, repo, issueNumber) {
      const { id } = await issuePin(owner, repo, issueNumber);
      await call('pin issue', PIN_ISSUE, { issueId: id });
    },
  };
}

interface GraphqlErrorLike {
  name?: unknown;
  errors?: Array<{ type?: unknown; message?: unknown }>;
}

/**
 * A GraphQL `errors` answer as a domain error: RATE_LIMITED waits, NOT_FOUND is not found,
 * anything else (FORBIDDEN, UNPROCESSABLE: e.g. three issues pinned already) is a refusal a
 * person must settle, with GitHub's own words as its detail. Everything else as for REST.
 */
function graphqlError(error: unknown, now: Date, what: string): Error {
  const e = (typeof error === 'object' && error !== null ? error : {}) as GraphqlErrorLike;
  if (e.name !== 'GraphqlResponseError' || !Array.isArray(e.errors)) return toDomainError(error, now, what);
  const first = e.errors[0] ?? {};
  const type = typeof first.type === 'string' ? first.type : 'UNKNOWN';
  const detail = typeof first.message === 'string' ? first.message : undefined;
  if (type === 'RATE_LIMITED') return new RateLimitedError(`${what}: rate limited (GraphQL)`, null, { cause: error });
  if (type === 'NOT_FOUND') return new NotFoundError(`${what}: not found (GraphQL)`, { cause: error });
  return new RefusedError(`${what}: refused (GraphQL ${type})`, type === 'FORBIDDEN' ? 403 : 422, { cause: error, ...(detail === undefined ? {} : { detail }) });
}
