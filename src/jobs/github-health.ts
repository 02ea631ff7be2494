import { TransientError } from '../errors.js';
import type { GitHubCondition } from '../ports/github.js';

/**
 * What the outbox last learnt about GitHub, for readiness and metrics: the intake goes on
 * storing reports while GitHub is unreachable or refuses the app's credentials, but an
 * operator must see it. Per process: each instance reports what its own jobs met.
 */
export interface GitHubHealth {
  /** A GitHub job finished (`null`) or failed (`error`). */
  record(error: unknown): void;
  condition(): GitHubCondition;
}

export function createGitHubHealth(): GitHubHealth {
  let current: GitHubCondition = 'unknown';
  return {
    record(error) {
      if (error === null) {
        current = 'ok';
        return;
      }
      const seen = conditionOf(error);
      if (seen !== null) current = seen;
    },
    condition: () => current,
  };
}

/**
 * 401 anywhere (an installation token refused: a wrong or revoked private key, a wrong
 * APP_ID) is failing authentication; 5xx, timeouts and dropped connections are GitHub out of
 * reach. Anything else (a refusal, a missing issue) says nothing about GitHub as a whole.
 */
function conditionOf(error: unknown): GitHubCondition | null {
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 401) return 'auth-failed';
  if (error instanceof TransientError) return 'unreachable';
  if (typeof status === 'number' && status >= 500) return 'unreachable';
  return null;
}
