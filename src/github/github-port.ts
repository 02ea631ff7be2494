import type { Probot } from 'probot';
import { ConfigSyntaxError, type GitHubPort } from '../ports/github.js';
import { NotFoundError } from '../errors.js';
import { CONFIG_FILE } from '../config/parse-config.js';
import { toDomainError } from './errors.js';
import { createIssueGateway } from './issue-gateway.js';
import { createAdvisories } from './advisories.js';
import { createRepoFiles } from './repo-files.js';
import { createCheckRuns } from './check-runs.js';
import { createIssuePins } from './issue-pins.js';
import { timeout, withoutBlindRetries } from './octokit.js';

interface CachedInstallation {
  id: number | null;
  expires: number;
}

/** Found installations are cached for 10 minutes; "not installed" for 1 minute. */
const FOUND_TTL_MS = 10 * 60_000;
const MISSING_TTL_MS = 60_000;

/**
 * The GitHubPort over a Probot instance: installation lookup with the app's JWT (one request
 * shared by every organisation, so the intake asks only through OrgDirectory's budget),
 * config through Probot's config plugin (so `_extends` works as in any Probot app).
 */
export function createGitHubPort(app: Probot, now: () => Date): GitHubPort {
  const installations = new Map<string, CachedInstallation>();

  return {
    async installationFor(org) {
      const key = org.toLowerCase();
      const cached = installations.get(key);
      if (cached && cached.expires > now().getTime()) return cached.id;
      const octokit = await app.auth();
      let id: number | null;
      try {
        // No in-request retries: a reporter is waiting, and a failure here answers 503 at once.
        const { data } = await octokit.rest.apps.getOrgInstallation({ org, request: { ...timeout(), retries: 0 } });
        // A suspended installation cannot act for the organisation: treat it as not installed.
        id = data.suspended_at ? null : data.id;
      } catch (error) {
        const domain = toDomainError(error, now(), 'get org installation');
        if (!(domain instanceof NotFoundError)) throw domain;
        id = null;
      }
      installations.set(key, { id, expires: now().getTime() + (id === null ? MISSING_TTL_MS : FOUND_TTL_MS) });
      return id;
    },

    forgetInstallation(org) {
      installations.delete(org.toLowerCase());
    },

    async loadRawConfig(installationId, org) {
      const octokit = await app.auth(installationId);
      try {
        const { files, config } = await octokit.config.get({ owner: org, repo: '.github', path: CONFIG_FILE });
        return files.every((file) => file.config === null) ? null : config;
      } catch (error) {
        if (typeof (error as { status?: unknown }).status === 'number') {
          throw toDomainError(error, now(), 'load config');
        }
        // The config plugin throws plain Errors for YAML it cannot parse.
        throw new ConfigSyntaxError('the file is not valid YAML', CONFIG_FILE, { cause: error });
      }
    },

    async issues(installationId) {
      return createIssueGateway(withoutBlindRetries(await app.auth(installationId)), now);
    },

    async advisories(installationId) {
      return createAdvisories(withoutBlindRetries(await app.auth(installationId)), now);
    },

    async repoFiles(installationId) {
      return createRepoFiles(withoutBlindRetries(await app.auth(installationId)), now);
    },

    async checks(installationId) {
      return createCheckRuns(withoutBlindRetries(await app.auth(installationId)), now);
    },

    async pins(installationId) {
      return createIssuePins(withoutBlindRetries(await app.auth(installationId)), now);
    },
  };
}
