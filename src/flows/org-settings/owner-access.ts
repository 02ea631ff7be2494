import type { Clock } from '../../clock/clock.js';
import type { GitHubPort } from '../../ports/github.js';
import { isGitHubLogin, type OrgDirectory } from '../org-directory.js';
import { ACCESS_TTL_MS } from '../staff/staff-access.js';

/** Whether a GitHub user owns an organisation the app is installed on. */
export type OwnerAccessOutcome = { kind: 'allowed'; org: string } | { kind: 'denied'; org: string } | { kind: 'unknown-org' };

/** Who may see and change an organisation's settings on the staff page: its owners only. */
export interface OwnerAccess {
  /** Asks GitHub through the installation; believed for ACCESS_TTL_MS. Throws when GitHub cannot be asked. */
  check(org: string, login: string): Promise<OwnerAccessOutcome>;
}

/**
 * Organisation owners, checked with the installation (GitHub's membership endpoint: an
 * active membership with role admin), like staff access: at most a minute old, so a removed
 * owner loses the page within a minute. The user's own OAuth token is revoked at sign-in and
 * never kept, so it cannot be the one that asks.
 */
export function createOwnerAccess(deps: { github: GitHubPort; orgs: OrgDirectory; clock: Clock; ttlMs?: number }): OwnerAccess {
  const ttl = deps.ttlMs ?? ACCESS_TTL_MS;
  const cache = new Map<string, { outcome: OwnerAccessOutcome; expires: number }>();
  return {
    async check(org, login) {
      if (!isGitHubLogin(org) || !isGitHubLogin(login)) return { kind: 'unknown-org' };
      const settings = await deps.orgs.get(org);
      if (settings === null) return { kind: 'unknown-org' };
      const key = `${org.toLowerCase()}\n${login.toLowerCase()}`;
      const now = deps.clock().getTime();
      const cached = cache.get(key);
      if (cached !== undefined && cached.expires > now) return cached.outcome;
      const issues = await deps.github.issues(settings.installationId);
      const role = issues.orgRoleOf === undefined ? 'none' : await issues.orgRoleOf(settings.org, login);
      const outcome: OwnerAccessOutcome = { kind: role === 'admin' ? 'allowed' : 'denied', org: settings.org };
      for (const [other, entry] of cache) if (entry.expires <= now) cache.delete(other);
      cache.set(key, { outcome, expires: now + ttl });
      return outcome;
    },
  };
}
