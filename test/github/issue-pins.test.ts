import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { NotFoundError, RateLimitedError, RefusedError, TransientError } from '../../src/errors.js';
import { createIssuePins } from '../../src/github/issue-pins.js';
import { withoutBlindRetries } from '../../src/github/octokit.js';

// Pinning is GraphQL only (https://docs.github.com/graphql/reference/mutations#pinissue):
// the port's requests and GitHub's answers, with strict nock. GitHub answers a refused
// GraphQL call with 200 and an `errors` list.

const API = 'https://api.github.com';
const now = () => new Date('2026-03-02T09:00:00Z');

function pins() {
  const Octokit = ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } }));
  return createIssuePins(withoutBlindRetries(new Octokit({ auth: { token: 'test-token' } })), now);
}

interface GraphqlBody {
  query: string;
  variables: Record<string, unknown>;
}

describe('pinning issues through GraphQL', () => {
  it('looks the issue up by number and pins it by its node id', async () => {
    const bodies: GraphqlBody[] = [];
    nock(API)
      .post('/graphql', (body: GraphqlBody) => (bodies.push(body), true))
      .reply(200, { data: { repository: { issue: { id: 'I_kwDOabc', isPinned: false } } } })
      .post('/graphql', (body: GraphqlBody) => (bodies.push(body), true))
      .reply(200, { data: { pinIssue: { issue: { isPinned: true } } } });

    await pins().pinIssue('acme', 'security-reports', 12);

    expect(bodies[0]?.variables).toEqual({ owner: 'acme', repo: 'security-reports', number: 12 });
    expect(bodies[0]?.query).toContain('issue(number: $number) { id isPinned }');
    expect(bodies[1]?.variables).toEqual({ issueId: 'I_kwDOabc' });
    expect(bodies[1]?.query).toContain('pinIssue(input: { issueId: $issueId })');
  });

  it('finds the pinned issue that carries the marker', async () => {
    nock(API)
      .post('/graphql')
      .reply(200, { data: { repository: { pinnedIssues: { nodes: [{ issue: { number: 3, body: 'other' } }, { issue: { number: 9, body: 'x <!-- m -->' } }] } } } });

    expect(await pins().findPinnedByMarker('acme', 'security-reports', '<!-- m -->')).toBe(9);
  });

  it('says whether an issue is pinned, and NotFoundError for an issue that is not there', async () => {
    nock(API)
      .post('/graphql')
      .reply(200, { data: { repository: { issue: { id: 'I_1', isPinned: true } } } })
      .post('/graphql')
      .reply(200, { data: { repository: { issue: null } } });

    expect(await pins().isPinned('acme', 'security-reports', 1)).toBe(true);
    await expect(pins().isPinned('acme', 'security-reports', 2)).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each([
    ['FORBIDDEN', 'Resource not accessible by integration', 403],
    ['UNPROCESSABLE', 'You can only pin 3 issues', 422],
  ])('turns a GraphQL %s answer into a RefusedError with GitHub’s words', async (type, message, status) => {
    nock(API)
      .post('/graphql')
      .reply(200, { data: { repository: { issue: { id: 'I_1', isPinned: false } } } })
      .post('/graphql')
      .reply(200, { data: { pinIssue: null }, errors: [{ type, message, path: ['pinIssue'] }] });

    const error: unknown = await pins().pinIssue('acme', 'security-reports', 1).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RefusedError);
    expect((error as RefusedError).status).toBe(status);
    expect((error as RefusedError).detail).toBe(message);
  });

  it('turns a GraphQL rate limit into a RateLimitedError and a 502 into a TransientError, never a refusal', async () => {
    nock(API)
      .post('/graphql')
      .reply(200, { data: null, errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }] })
      .post('/graphql')
      .reply(502, { message: 'Bad Gateway' });

    await expect(pins().isPinned('acme', 'security-reports', 1)).rejects.toBeInstanceOf(RateLimitedError);
    await expect(pins().isPinned('acme', 'security-reports', 1)).rejects.toBeInstanceOf(TransientError);
  });
});
