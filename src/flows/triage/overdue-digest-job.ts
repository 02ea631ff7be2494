import { type LanePacers, pacedIssues } from '../../jobs/pace-writes.js';
import { parsePayload } from '../../jobs/parse-job.js';
import type { JobHandler } from '../../jobs/worker.js';
import type { Logger } from '../../log.js';
import type { GitHubPort } from '../../ports/github.js';
import type { OrgDirectory } from '../org-directory.js';

/**
 * Opens the digest of an overdue backlog in the tracking repository. It looks for the digest's
 * marker first, so a retry after a lost answer, or a second instance, never opens two
 * (rule "exactly once under lost answers").
 */
export function overdueDigestJob(deps: { github: GitHubPort; orgs: OrgDirectory; pacer: LanePacers; log: Logger }): JobHandler {
  return async (job) => {
    const payload = parsePayload('overdue-digest', job);
    const settings = await deps.orgs.get(payload.org);
    if (settings === null) return { kind: 'done' };
    const issues = pacedIssues(await deps.github.issues(settings.installationId), deps.pacer.lane(payload.org));
    // Invariant 3: the digest lists security reports; it goes nowhere but a private repository.
    const repository = await issues.getRepository(payload.org, payload.repo);
    if (repository === null || !repository.private) {
      deps.log.warn({ org: payload.org, repo: payload.repo }, 'overdue digest not opened: the tracking repository is missing or not private');
      return { kind: 'done' };
    }
    const found = await issues.findIssueByMarker(payload.org, payload.repo, payload.marker, new Date(payload.since));
    if (found !== null) return { kind: 'done' };
    const created = await issues.createIssue(payload.org, payload.repo, { title: payload.title, body: payload.body, labels: [] });
    deps.log.warn({ org: payload.org, issueNumber: created.number }, 'overdue backlog digest opened');
    return { kind: 'done' };
  };
}
