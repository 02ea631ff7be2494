import { UNINSTALLED_RECHECK_MS } from '../../jobs/backoff.js';
import type { Job, Store } from '../../store/store.js';
import type { GitHubPort, IssueState, IssueUpdate, IssuePort } from '../../ports/github.js';
import type { OrgDirectory } from '../org-directory.js';
import type { Logger } from '../../log.js';
import type { Clock } from '../../clock/clock.js';
import { isLabelName } from '../../issue-text/labels.js';
import { planDeadlines, replaceDeadlines } from '../../issue-text/plan-deadlines.js';
import { ensureLabels } from '../filing/ensure-labels.js';
import { type IssueUpdatePayload, jobCommentMarker } from './queue-issue-update.js';
import { type LanePacers, pacedIssues } from '../../jobs/pace-writes.js';
import type { JobHandler, JobOutcome } from '../../jobs/worker.js';
import { parsePayload } from '../../jobs/parse-job.js';
import { ISSUE_GONE_EVENTS } from '../../triage/triage-status.js';

export interface IssueUpdateDeps {
  store: Store;
  github: GitHubPort;
  orgs: OrgDirectory;
  pacer: LanePacers;
  clock: Clock;
  log: Logger;
}

/**
 * Applies one triage change to its tracking issue in at most two writes: the comment,
 * then one PATCH with the whole new label set, the Deadlines section and the state (so a
 * closing comment comes before the close). The issue is read fresh first: labels it does
 * not carry are never removed (GitHub answers those with a 404 that still costs a paced
 * write), and nothing is sent when nothing changes.
 */
export function issueUpdateJob(deps: IssueUpdateDeps): JobHandler {
  return async (job: Job): Promise<JobOutcome> => {
    const update = parsePayload('issue-update', job);
    const installationId = await deps.github.installationFor(job.org);
    if (installationId === null) return { kind: 'later', afterMs: UNINSTALLED_RECHECK_MS, reason: 'the app is not installed on this organisation' };
    const issues = pacedIssues(await deps.github.issues(installationId), deps.pacer.lane(job.org));
    const where = await currentLocation(deps, update);
    if (where === null) return issueGone(deps, job, update);
    const { repo, issueNumber } = where;

    const add = update.addLabels.filter(isLabelName);
    const needsIssue = add.length > 0 || update.removeLabels.length > 0 || update.syncDeadlines || update.issueState !== null;
    const issue = needsIssue ? await issues.getIssue(job.org, repo, issueNumber) : null;
    if (needsIssue && issue === null) return issueGone(deps, job, update);

    if (update.comment !== null) await postOnce(issues, job, where, update.comment);
    if (issue === null) return { kind: 'done' };

    const edit: IssueUpdate = {};
    const labels = nextLabels(issue.labels, add, update.removeLabels);
    if (labels !== null) {
      await ensureLabels(issues, deps.store, job.org, repo, add);
      edit.labels = labels;
    }
    if (update.syncDeadlines && update.reportId !== null) {
      const body = await deadlinesBody(deps, job.org, issue, issueNumber, update.reportId);
      if (body !== null && body !== issue.body) edit.body = body;
    }
    if (update.issueState !== null && update.issueState.state !== issue.state) {
      Object.assign(edit, update.issueState.state === 'closed' ? { state: 'closed', stateReason: update.issueState.reason } : { state: 'open' });
    }
    if (Object.keys(edit).length > 0) await issues.updateIssue(job.org, repo, issueNumber, edit);
    return { kind: 'done' };
  };
}

/** The label set after the change, or null when it is the set the issue already carries. */
function nextLabels(current: readonly string[], add: readonly string[], remove: readonly string[]): string[] | null {
  const removing = new Set(remove.map((label) => label.toLowerCase()));
  const kept = current.filter((label) => !removing.has(label.toLowerCase()));
  const has = new Set(kept.map((label) => label.toLowerCase()));
  const next = [...kept, ...add.filter((label) => !has.has(label.toLowerCase()))];
  const same = next.length === current.length && next.every((label, i) => label === current[i]);
  return same ? null : next;
}

/**
 * Re-renders the section from the store's current state, not from the job: jobs may run
 * late or out of order, and the latest state is the one to show. null: leave the body.
 */
async function deadlinesBody(deps: IssueUpdateDeps, org: string, issue: IssueState, issueNumber: number, reportId: string): Promise<string | null> {
  const triage = await deps.store.getTriage(reportId);
  const settings = await deps.orgs.get(org);
  if (triage === null || settings === null || !settings.config.ok) return null;
  const section = planDeadlines({ sla: triage.sla, fixBy: triage.fixBy, severity: triage.severity, cvssVector: triage.cvssVector, config: settings.config.config, disclosureOn: triage.disclosure?.date ?? null });
  const body = replaceDeadlines(issue.body, section);
  if (body === null) deps.log.warn({ reportId, issueNumber }, 'deadlines section not found in the issue body; left as it is');
  return body;
}

/**
 * The issue was deleted, or moved where the app cannot see it: retrying cannot help.
 * The job ends with an event on the report (shown to operators), not a retry loop.
 */
async function issueGone(deps: IssueUpdateDeps, job: Job, update: IssueUpdatePayload): Promise<JobOutcome> {
  deps.log.warn({ jobKey: job.key, reportId: update.reportId, issueNumber: update.issueNumber }, 'tracking issue not found; issue update dropped');
  if (update.reportId !== null) {
    await deps.store.recordEvent({ reportId: update.reportId, type: 'issue-update-dropped', at: deps.clock(), data: { job: job.key, issueNumber: update.issueNumber, reason: 'issue not found' } });
  }
  return { kind: 'done' };
}

async function postOnce(issues: IssuePort, job: Job, where: IssueLocation, comment: string): Promise<void> {
  const marker = jobCommentMarker(job.key);
  if (job.attempts > 0) {
    // A retry: the comment may have been posted before the job failed or the process died.
    const existing = await issues.listCommentBodies(job.org, where.repo, where.issueNumber);
    if (existing.some((body) => body.includes(marker))) return;
  }
  await issues.createComment(job.org, where.repo, where.issueNumber, `${marker}\n${comment}`);
}

interface IssueLocation {
  repo: string;
  issueNumber: number;
}

/**
 * Where the report's issue is now: a transfer by hand moves it after the job was queued.
 * null when it is gone for the app (deleted, or moved out of its reach).
 */
async function currentLocation(deps: IssueUpdateDeps, update: IssueUpdatePayload): Promise<IssueLocation | null> {
  if (update.reportId === null) return { repo: update.repo, issueNumber: update.issueNumber };
  const [triage, events] = await Promise.all([deps.store.getTriage(update.reportId), deps.store.listEvents(update.reportId)]);
  if (events.some((event) => ISSUE_GONE_EVENTS.has(event.type))) return null;
  return triage === null ? { repo: update.repo, issueNumber: update.issueNumber } : { repo: triage.repo, issueNumber: triage.issueNumber };
}
