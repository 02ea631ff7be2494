import { UNINSTALLED_RECHECK_MS } from './backoff.js';
import type { Job, Store } from '../store/store.js';
import type { GitHubPort, TrackerPort } from '../ports.js';
import type { OrgDirectory } from '../config/org-directory.js';
import type { Logger } from '../log.js';
import { isLabelName } from '../tracker/labels.js';
import { planDeadlines, replaceDeadlines } from '../tracker/plan-deadlines.js';
import { ensureLabels } from './ensure-labels.js';
import { type IssueUpdatePayload, jobCommentMarker } from './issue-update.js';
import { type WritePacer, pacedTracker } from './pace-writes.js';
import type { JobHandler, JobOutcome } from './worker.js';

export interface IssueUpdateDeps {
  store: Store;
  github: GitHubPort;
  orgs: OrgDirectory;
  pacer: WritePacer;
  log: Logger;
}

/**
 * Applies one triage change to its tracking issue: labels, the Deadlines section, one
 * comment, then the state (so a closing comment comes before the close). Reads happen
 * only where a retry needs them (was the comment already posted?) or to edit the body.
 */
export function issueUpdateJob(deps: IssueUpdateDeps): JobHandler {
  return async (job: Job): Promise<JobOutcome> => {
    const update = JSON.parse(job.payload) as IssueUpdatePayload;
    const installationId = await deps.github.installationFor(job.org);
    if (installationId === null) return { kind: 'later', afterMs: UNINSTALLED_RECHECK_MS, reason: 'the app is not installed on this organisation' };
    const tracker = pacedTracker(await deps.github.tracker(installationId), deps.pacer);
    const { repo, issueNumber } = update;

    const add = update.addLabels.filter(isLabelName);
    if (add.length > 0) {
      await ensureLabels(tracker, deps.store, job.org, repo, add);
      await tracker.addLabels(job.org, repo, issueNumber, add);
    }
    for (const label of update.removeLabels) await tracker.removeLabel(job.org, repo, issueNumber, label);
    if (update.syncDeadlines && update.reportId !== null) await syncDeadlines(deps, tracker, job.org, update, update.reportId);
    if (update.comment !== null) await postOnce(tracker, job, update, update.comment);
    if (update.issueState !== null) {
      const { issueState } = update;
      await tracker.updateIssue(
        job.org,
        repo,
        issueNumber,
        issueState.state === 'closed' ? { state: 'closed', stateReason: issueState.reason } : { state: 'open' },
      );
    }
    return { kind: 'done' };
  };
}

/**
 * Re-renders the section from the store's current state, not from the job: jobs may run
 * late or out of order, and the latest state is the one to show.
 */
async function syncDeadlines(deps: IssueUpdateDeps, tracker: TrackerPort, org: string, update: IssueUpdatePayload, reportId: string): Promise<void> {
  const triage = await deps.store.getTriage(reportId);
  const settings = await deps.orgs.get(org);
  if (triage === null || settings === null || !settings.config.ok) return;
  const issue = await tracker.getIssue(org, update.repo, update.issueNumber);
  if (issue === null) return;
  const section = planDeadlines({ sla: triage.sla, fixBy: triage.fixBy, severity: triage.severity, cvssVector: triage.cvssVector, config: settings.config.config });
  const body = replaceDeadlines(issue.body, section);
  if (body === null) {
    deps.log.warn({ reportId, issueNumber: update.issueNumber }, 'deadlines section not found in the issue body; left as it is');
    return;
  }
  if (body !== issue.body) await tracker.updateIssue(org, update.repo, update.issueNumber, { body });
}

async function postOnce(tracker: TrackerPort, job: Job, update: IssueUpdatePayload, comment: string): Promise<void> {
  const marker = jobCommentMarker(job.key);
  if (job.attempts > 0) {
    // A retry: the comment may have been posted before the job failed or the process died.
    const existing = await tracker.listCommentBodies(job.org, update.repo, update.issueNumber);
    if (existing.some((body) => body.includes(marker))) return;
  }
  await tracker.createComment(job.org, update.repo, update.issueNumber, `${marker}\n${comment}`);
}
