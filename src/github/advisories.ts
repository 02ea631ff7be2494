import type { AdvisoryPort, AdvisoryRef, AdvisoryUpdate, AdvisoryVulnerability, NewAdvisory } from '../ports/github.js';
import { domainCalls, toDomainError } from './errors.js';
import { type Octokit, timeout } from './octokit.js';

/**
 * The AdvisoryPort over one installation's Octokit: draft repository security advisories.
 * Domain errors only leave this file. GitHub answers 404 for every advisory endpoint of a
 * repository where advisories are unavailable (private repositories without the
 * innersource/Advanced Security grant), the same as for a repository the installation
 * cannot see.
 * https://docs.github.com/rest/security-advisories/repository-advisories
 */
export function createAdvisories(octokit: Octokit, now: () => Date): AdvisoryPort {
  const call = domainCalls(now);

  return {
    async createAdvisory(owner, repo, advisory: NewAdvisory): Promise<AdvisoryRef> {
      const { data } = await call('create advisory', () =>
        octokit.rest.securityAdvisories.createRepositoryAdvisory({
          owner,
          repo,
          summary: advisory.summary,
          description: advisory.description,
          vulnerabilities: advisory.vulnerabilities.map(toVulnerability),
          cwe_ids: advisory.cweIds,
          credits: advisory.credits,
          // GitHub refuses both at once (422 "Cannot define both severity and cvss_vector_string").
          ...(advisory.cvssVector !== null
            ? { cvss_vector_string: advisory.cvssVector }
            : advisory.severity !== null
              ? { severity: advisory.severity }
              : {}),
          request: timeout(),
        }),
      );
      return { ghsaId: data.ghsa_id, url: data.html_url };
    },

    async updateAdvisory(owner, repo, ghsaId, update: AdvisoryUpdate) {
      // Each list given replaces GitHub's whole list (users missing from it are removed).
      await call('update advisory', () =>
        octokit.rest.securityAdvisories.updateRepositoryAdvisory({
          owner,
          repo,
          ghsa_id: ghsaId,
          ...(update.collaboratingUsers === undefined ? {} : { collaborating_users: update.collaboratingUsers }),
          ...(update.cweIds === undefined ? {} : { cwe_ids: update.cweIds }),
          ...(update.credits === undefined ? {} : { credits: update.credits }),
          ...(update.vulnerabilities === undefined ? {} : { vulnerabilities: update.vulnerabilities.map(toVulnerability) }),
          request: timeout(),
        }),
      );
    },

    async findAdvisoryByMarker(owner, repo, marker) {
      // Cursor-paginated (`after` in the link header); paginate follows it.
      const iterator = octokit.paginate.iterator(octokit.rest.securityAdvisories.listRepositoryAdvisories, {
        owner,
        repo,
        state: 'draft',
        per_page: 100,
        request: timeout(),
      });
      try {
        for await (const page of iterator) {
          const found = page.data.find((advisory) => (advisory.description ?? '').includes(marker));
          if (found !== undefined) return { ghsaId: found.ghsa_id, url: found.html_url };
        }
      } catch (error) {
        throw toDomainError(error, now(), 'find advisory by marker');
      }
      return null;
    },
  };
}

function toVulnerability(vulnerability: AdvisoryVulnerability) {
  return {
    package: { ecosystem: vulnerability.ecosystem, name: vulnerability.name },
    vulnerable_version_range: vulnerability.vulnerableRange,
    patched_versions: vulnerability.patchedVersions,
  };
}
