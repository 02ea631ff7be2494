import type { ProbotOctokit } from 'probot';

/** An authenticated Octokit as Probot hands it out. */
export type Octokit = InstanceType<typeof ProbotOctokit>;

/** Every request carries a deadline, so a hung connection becomes a retryable error. */
export const REQUEST_TIMEOUT_MS = 30_000;

export function timeout(): { signal: AbortSignal } {
  return { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) };
}

/** Methods that may create something on GitHub; GET and HEAD never do. */
const WRITES: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Switches Octokit's retry plugin off for every write of this Octokit (rule "exactly once under lost answers"). The plugin turns a dropped connection into a 500 and repeats the request, a POST
 * included: when GitHub performed the write and only the answer was lost, the repeat
 * creates a second issue, comment or advisory. The outbox retries instead, after looking
 * up the marker the create carried. Reads keep the plugin's retries.
 *
 * Registered last, so the hook runs before the plugin's wrapper reads `request.retries`.
 */
export function withoutBlindRetries(octokit: Octokit): Octokit {
  octokit.hook.before('request', (options) => {
    if (WRITES.has(options.method.toUpperCase())) options.request = { ...options.request, retries: 0 };
  });
  return octokit;
}
