import type { ProbotOctokit } from 'probot';

/** An authenticated Octokit as Probot hands it out. */
export type Octokit = InstanceType<typeof ProbotOctokit>;

/** Every request carries a deadline, so a hung connection becomes a retryable error. */
export const REQUEST_TIMEOUT_MS = 30_000;

export function timeout(): { signal: AbortSignal } {
  return { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) };
}
