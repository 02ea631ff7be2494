import { queueOrgAlert } from '../alerts/queue-org-alert.js';
import type { Job, ReportRecord, Store } from '../../store/store.js';
import type { GitHubPort, IssuePort } from '../../ports/github.js';
import type { OrgDirectory } from '../org-directory.js';
import type { Clock } from '../../clock/clock.js';
import type { Logger } from '../../log.js';
import { describeProblems } from '../../config/parse-config.js';
import { ReportInput } from '../../report/report.js';
import { planTracking } from '../../issue-text/plan-tracking.js';
import { continuationMarker, reportMarker } from '../../issue-text/marker.js';
import { attachmentDownloadUrls, storeAttachments } from './store-attachments.js';
import { assessAtFiling } from './assess-at-filing.js';
import { ensureLabels } from './ensure-labels.js';
import { type LanePacers, pacedIssues } from '../../jobs/pace-writes.js';
import type { JobHandler, JobOutcome } from '../../jobs/worker.js';
import { parsePayload } from '../../jobs/parse-job.js';
import { sendMailJobKey } from '../researcher/send-mail-job.js';
import { type Metrics, noMetrics } from '../../metrics/metrics.js';
import { type HoldReason, holdReasons } from './hold-reasons.js';
import { staffReportUrl } from '../staff/staff-links.js';

/** A held report is rechecked this often: someone may have fixed its cause. */
export const HOLD_RECHECK_MS = 60_000;

/**
 * After a crash or a lost answer, look for our marker among issues updated since a day
 * before the first try. Generous on purpose: `since` compares this host's clock with
 * GitHub's timestamps, and a host clock running fast must not hide the issue we created
 * (a second one would follow). Such a look is rare, so the longer list costs little.
 */
const MARKER_SEARCH_SLACK_MS = 24 * 60 * 60_000;

export interface FileReportDeps {
  store: Store;
  github: GitHubPort;
  orgs: OrgDirectory;
  pacer: LanePacers;
  clock: Clock;
  log: Logger;
  metrics?: Metrics;
  /** PUBLIC_URL: the issue links the report's staff page (and its attachments) when set. */
  publicUrl?: string;
}

/**
 * Files one stored report as exactly one issue in the org's private tracking repository
 * (rules "one tracking issue per report" and "private repositories only"). Anything a human must fix holds the report, with the
 * reason stored and logged, and is rechecked until it can be filed.
 */
export function fileReportJob(deps: FileReportDeps): JobHandler {
  return async (job: Job): Promise<JobOutcome> => {
    const { reportId } = parsePayload('file-report', job);
    const report = await deps.store.getReport(reportId);
    if (report === null || report.status === 'filed') return { kind: 'done' };

    const hold = (reason: HoldReason) => holdReport(deps, report, reason);

    const settings = await deps.orgs.get(report.org, { fresh: report.status === 'held' });
    if (settings === null) return hold(holdReasons.notInstalled());
    if (!settings.config.ok) return hold(holdReasons.configInvalid(describeProblems(settings.config)));
    const { config } = settings.config;
    const repoName = config.tracking.repository;
    const where = `${report.org}/${repoName}`;

    const issues = pacedIssues(await deps.github.issues(settings.installationId), deps.pacer.lane(report.org));
    const repo = await issues.getRepository(report.org, repoName);
    if (repo === null) return hold(holdReasons.trackingRepoMissing(where));
    if (!repo.private) return hold(holdReasons.trackingRepoPublic(where));
    if (repo.archived) return hold(holdReasons.trackingRepoArchived(where));

    if (report.status === 'held') {
      await deps.store.markQueued(report.id, deps.clock());
      deps.log.info({ reportId: report.id, org: report.org }, 'held report released');
      await queueOrgAlert(deps.store, report.org, deps.clock());
    }
    if (report.payload === null) throw new Error(`report ${report.id} has no payload but is not filed`);

    const input = ReportInput.parse(JSON.parse(report.payload));
    // In the store, not the repository: no GitHub write per file, and retention can remove them.
    const kept = await storeAttachments(deps.store, report.id, input.attachments, deps.clock());
    const attachmentUrls = kept === 'saved' ? attachmentDownloadUrls(deps.publicUrl, report.org, report.id, input.attachments.length) : [];
    const assessment = await assessAtFiling(deps.store, report, input, config, deps.clock());
    const plan = planTracking({
      report: { id: report.id, org: report.org, channel: report.channel, receivedAt: report.receivedAt, input },
      receiptDue: report.receiptDue,
      assessmentDue: report.assessmentDue,
      resolutionDue: assessment.facts.resolutionDue,
      config,
      attachmentUrls,
      staffUrl: staffReportUrl(deps.publicUrl, report.org, report.id),
      triageNotes: assessment.notes,
    });
    plan.labels.push(...assessment.labels);
    await ensureLabels(issues, deps.store, report.org, repoName, plan.labels);

    const earlier = await findEarlierIssue(issues, report, repoName);
    const issue = earlier ?? (await createIssue(deps, issues, report, repoName, plan));
    const missing = plan.labels.filter((label) => !issue.labels.includes(label));
    if (missing.length > 0) {
      // GitHub drops labels silently when the caller may not push; set them explicitly.
      await issues.addLabels(report.org, repoName, issue.number, missing);
    }
    await postContinuation(issues, report, repoName, issue.number, plan.continuation, earlier !== null);
    const filedAt = deps.clock();
    await deps.store.markFiled(report.id, issue, filedAt, { ...assessment.facts, repo: repoName });
    (deps.metrics ?? noMetrics).reportFiled((filedAt.getTime() - report.receivedAt.getTime()) / 1000);
    // The acknowledgement waited for the researcher facts that filing just wrote.
    await deps.store.runJobNow(sendMailJobKey(report.id, 0), deps.clock());
    deps.log.info({ reportId: report.id, org: report.org, issueNumber: issue.number }, 'report filed');
    return { kind: 'done' };
  };
}

async function createIssue(
  deps: FileReportDeps,
  issues: IssuePort,
  report: ReportRecord,
  repoName: string,
  plan: { title: string; body: string; labels: string[] },
) {
  // Recorded before the request: if we crash after GitHub created the issue but before
  // markFiled, the next attempt knows to look for it instead of creating a second one.
  await deps.store.markCreateStarted(report.id, deps.clock());
  return issues.createIssue(report.org, repoName, plan);
}

/**
 * Text beyond GitHub's 65,536-character body limit follows as comments, each marked, so
 * a retry after a crash posts only the ones that are missing. Posted before markFiled:
 * the plaintext is deleted then, and nothing may be lost.
 */
async function postContinuation(
  issues: IssuePort,
  report: ReportRecord,
  repoName: string,
  issueNumber: number,
  continuation: readonly string[],
  mayExist: boolean,
): Promise<void> {
  if (continuation.length === 0) return;
  const existing = mayExist ? await issues.listCommentBodies(report.org, repoName, issueNumber) : [];
  for (const [index, body] of continuation.entries()) {
    const marker = continuationMarker(report.id, index);
    if (existing.some((comment) => comment.includes(marker))) continue;
    await issues.createComment(report.org, repoName, issueNumber, `${marker}\n${body}`);
  }
}

async function findEarlierIssue(issues: IssuePort, report: ReportRecord, repoName: string) {
  if (report.createStartedAt === null) return null;
  const since = new Date(report.createStartedAt.getTime() - MARKER_SEARCH_SLACK_MS);
  return issues.findIssueByMarker(report.org, repoName, reportMarker(report.id), since);
}

async function holdReport(deps: FileReportDeps, report: ReportRecord, { text: reason, category }: HoldReason): Promise<JobOutcome> {
  if (report.status !== 'held' || report.holdReason !== reason) {
    await deps.store.markHeld(report.id, reason, deps.clock());
    deps.log.warn({ reportId: report.id, org: report.org, holdCategory: category }, `report held: ${reason}`);
    await queueOrgAlert(deps.store, report.org, deps.clock());
  }
  return { kind: 'later', afterMs: HOLD_RECHECK_MS, reason };
}
