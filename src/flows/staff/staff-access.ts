import type { Clock } from '../../clock/clock.js';
import type { GitHubPort, RepoPermission } from '../../ports/github.js';
import { effectiveConfig, isGitHubLogin, type OrgDirectory } from '../org-directory.js';

/** How long an answer about someone's access is believed: removed access stops working within this. */
export const ACCESS_TTL_MS = 60_000;

/** Who may use an organisation's staff pages: people who may push to its tracking repository. */
const STAFF_PERMISSIONS: ReadonlySet<RepoPermission> = new Set(['write', 'maintain', 'admin']);

/** Whether a GitHub user may use an organisation's staff pages, and the repository that decides it. */
export type StaffAccessOutcome =
  | { kind: 'allowed'; org: string; repo: string }
  | { kind: 'denied'; org: string; repo: string }
  /** The app is not installed on the organisation (or the name cannot be one). */
  | { kind: 'unknown-org' };

export interface StaffAccess {
  /**
   * Asks GitHub, through the app's installation, for the user's permission on the
   * organisation's tracking repository; the answer is kept for ACCESS_TTL_MS, unless
   * `fresh` (at sign-in). Throws when GitHub cannot be asked (the page answers 503).
   */
  check(org: string, login: string, options?: { fresh?: boolean }): Promise<StaffAccessOutcome>;
}

/**
 * Access to the staff pages, checked with the installation (the same question the triage
 * commands ask: write, maintain or admin on the tracking repository), at sign-in and again
 * on every request after at most ACCESS_TTL_MS, so removed access stops working fast. The
 * session itself says only who signed in, never what they may do.
 */
export function createStaffAccess(deps: { github: GitHubPort; orgs: OrgDirectory; clock: Clock; ttlMs?: number }): StaffAccess {
  const ttl = deps.ttlMs ?? ACCESS_TTL_MS;
  const cache = new Map<string, { outcome: StaffAccessOutcome; expires: number }>();

  return {
    async check(org, login, options = {}) {
      if (!isGitHubLogin(org) || !isGitHubLogin(login)) return { kind: 'unknown-org' };
      const settings = await deps.orgs.get(org);
      if (settings === null) return { kind: 'unknown-org' };
      const repo = effectiveConfig(settings).tracking.repository;
      const key = `${org.toLowerCase()}\n${repo.toLowerCase()}\n${login.toLowerCase()}`;
      const now = deps.clock().getTime();
      const cached = cache.get(key);
      if (options.fresh !== true && cached !== undefined && cached.expires > now) return cached.outcome;
      const issues = await deps.github.issues(settings.installationId);
      const permission = await issues.permissionOf(settings.org, repo, login);
      const outcome: StaffAccessOutcome = { kind: STAFF_PERMISSIONS.has(permission) ? 'allowed' : 'denied', org: settings.org, repo };
      for (const [other, entry] of cache) if (entry.expires <= now) cache.delete(other);
      cache.set(key, { outcome, expires: now + ttl });
      return outcome;
    },
  };
}
