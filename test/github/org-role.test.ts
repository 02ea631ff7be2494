import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { TransientError } from '../../src/errors.js';
import { createIssueGateway } from '../../src/github/issue-gateway.js';
import { withoutBlindRetries } from '../../src/github/octokit.js';

// GET /orgs/{org}/memberships/{username} (https://docs.github.com/rest/orgs/members#get-organization-membership-for-a-user),
// asked with the installation (`members: read`): who may see the organisation settings page.

const API = 'https://api.github.com';

function gateway() {
  const Octokit = ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } }));
  return createIssueGateway(withoutBlindRetries(new Octokit({ auth: { token: 'test-token' } })), () => new Date('2026-03-02T09:00:00Z'));
}

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe("a user's role in the organisation", () => {
  it.each([
    ['an active owner', { state: 'active', role: 'admin' }, 'admin'],
    ['an active member', { state: 'active', role: 'member' }, 'member'],
    ['an invited owner who has not accepted yet', { state: 'pending', role: 'admin' }, 'none'],
  ])('is read for %s', async (_name, membership, role) => {
    nock(API).get('/orgs/acme/memberships/olivia').reply(200, { url: '', organization_url: '', organization: {}, user: {}, ...membership });

    expect(await gateway().orgRoleOf?.('acme', 'olivia')).toBe(role);
  });

  it('is none for someone who is not a member (404)', async () => {
    nock(API).get('/orgs/acme/memberships/mallory').reply(404, { message: 'Not Found' });

    expect(await gateway().orgRoleOf?.('acme', 'mallory')).toBe('none');
  });

  it('throws a transient error when GitHub fails, so the page answers 503', async () => {
    nock(API).get('/orgs/acme/memberships/olivia').reply(502, { message: 'Bad Gateway' });

    await expect(gateway().orgRoleOf?.('acme', 'olivia')).rejects.toBeInstanceOf(TransientError);
  });
});
