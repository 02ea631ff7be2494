import { createProbot, ProbotOctokit } from 'probot';
import { expect } from 'vitest';
import { createGitHubPort } from '../../src/github/github-port.js';
import type { GitHubPort } from '../../src/ports/github.js';
import type { FakeGitHub } from './fake-github.js';
import { validateGitHubResponse } from './openapi.js';
import { TEST_APP_ID, testPrivateKey } from './test-keys.js';

/**
 * The app's real GitHub gateway, through Probot in appId + privateKey mode, against the
 * fake GitHub reached the standard way (GHE_HOST / GHE_PROTOCOL); Octokit's own retries
 * and throttling off, so what the gateway sends is what the fake sees.
 */
export function gatewayAgainst(fake: FakeGitHub, now: () => Date = () => new Date()): GitHubPort {
  const probot = createProbot({
    env: { APP_ID: String(TEST_APP_ID), PRIVATE_KEY: testPrivateKey(), GHE_HOST: fake.host, GHE_PROTOCOL: 'http', LOG_LEVEL: 'fatal' },
    defaults: { Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })) },
  });
  return createGitHubPort(probot, now);
}

/**
 * Closes the fake and checks the whole conversation: no request outside the OpenAPI
 * description, none the fake does not implement, and every JSON answer in GitHub's shape
 * (or the gateway would be tested against fiction).
 */
export async function closeAndCheck(fake: FakeGitHub): Promise<void> {
  const invalid = fake.state.invalidRequests;
  const unhandled = fake.state.unhandledRequests.map((r) => r.route);
  const badAnswers = fake.requests.flatMap((r) =>
    r.operationId === null || r.status === null || r.status >= 300 || r.response === undefined ? [] : validateGitHubResponse(r.operationId, r.status, r.response),
  );
  await fake.close();
  expect(invalid).toEqual([]);
  expect(unhandled).toEqual([]);
  expect(badAnswers).toEqual([]);
}
