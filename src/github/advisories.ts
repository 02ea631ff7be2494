import { RefusedError } from '../errors.js';
import { type AdvisoryPort, type AdvisoryRef, type AdvisoryUpdate, type AdvisoryVulnerability, CvssVectorRefusedError, type NewAdvisory } from '../ports/github.js';
import { type DomainCall, domainCalls, toDomainError } from './errors.js';
import { type Octokit, timeout } from './octokit.js';

/**
 * The AdvisoryPort over one installation's Octokit: draft repository security advisories.
 * Domain errors only leave this file. GitHub answers 404 for every advisory endpoint of a
 * repository where advisories are unavailable (private repositories without the
 * innersource/Advanced Security grant), the same as for a repository the installation
 * cannot see. A request that carries a CVSS vector (3.1 or 4.0) and is refused for it
 * throws CvssVectorRefusedError, so the flow can send the severity instead.
 * https://docs.github.com/rest/security-advisories/repository-advisories
 */
export function createAdvisories(octokit: Octokit, now: () => Date): AdvisoryPort {
  const plainCall = domainCalls(now);

  return {
    async createAdvisory(owner, repo, advisory: NewAdvisory): Promise<AdvisoryRef> {
      const call = advisory.cvssVector === null ? plainCall : vectorCall(plainCall);
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
      const call = typeof update.cvssVector === 'string' ? vectorCall(plainCall) : plainCall;
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
          ...(update.cvssVector === undefined ? {} : { cvss_vector_string: update.cvssVector }),
          ...(update.severity === undefined ? {} : { severity: update.severity }),
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

/**
 * The DomainCall of a request that carries a CVSS vector: a 422 whose answer names the
 * vector becomes a CvssVectorRefusedError, so the flow can send the severity instead. Any
 * other refusal stays as it was.
 */
function vectorCall(call: DomainCall): DomainCall {
  return async (what, fn) => {
    try {
      return await call(what, fn);
    } catch (error) {
      if (!(error instanceof RefusedError) || error.status !== 422) throw error;
      const named = cvssReason(error.cause);
      if (named === null) throw error;
      throw new CvssVectorRefusedError(`${what}: CVSS vector refused (422)`, { cause: error.cause, detail: named });
    }
  };
}

const NAMES_CVSS = /cvss/i;

/**
 * GitHub's words about the vector in a 422's body, or null when the body does not name it.
 * GitHub's validation errors say it in `message` ("Not a valid CVSS 4 vector string") or
 * in an entry of `errors`: an object (`{"resource":"RepositoryAdvisory","field":
 * "cvss_vector_string","code":"invalid"}`, with or without its own `message`) or a string.
 * https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api
 */
function cvssReason(cause: unknown): string | null {
  const data: unknown = typeof cause === 'object' && cause !== null ? (cause as { response?: { data?: unknown } }).response?.data : undefined;
  if (typeof data !== 'object' || data === null) return null;
  const { message, errors } = data as { message?: unknown; errors?: unknown };
  const reasons = (Array.isArray(errors) ? errors : []).flatMap((entry: unknown): string[] => {
    if (typeof entry === 'string') return NAMES_CVSS.test(entry) ? [entry] : [];
    if (typeof entry !== 'object' || entry === null) return [];
    const { field, code, message: said } = entry as { field?: unknown; code?: unknown; message?: unknown };
    const text = typeof said === 'string' && said.trim() !== '' ? said.trim() : typeof code === 'string' ? code : 'invalid';
    if (typeof field === 'string' && NAMES_CVSS.test(field)) return [NAMES_CVSS.test(text) ? text : `${field} ${text}`];
    return NAMES_CVSS.test(text) ? [text] : [];
  });
  const top = typeof message === 'string' ? message.trim() : '';
  if (reasons.length === 0) return NAMES_CVSS.test(top) ? top : null;
  return [top, reasons.join('; ')].filter((part) => part !== '').join(': ');
}
