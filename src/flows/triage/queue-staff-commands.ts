import type { Store } from '../../store/store.js';
import type { Clock } from '../../clock/clock.js';
import type { Logger } from '../../log.js';
import { findReportId } from '../../issue-text/marker.js';
import type { CommentFacts, QueuedComment } from './apply-staff-commands.js';
import { parseCommands } from '../../triage/parse-commands.js';
import { newJob } from '../../jobs/new-job.js';

export type QueueOutcome = 'ignored' | 'queued';

/**
 * The webhook's part: keep a comment with commands durably, then answer. GitHub does not
 * redeliver a failed webhook by itself, so the permission check and the change run from
 * the outbox, which retries through GitHub outages; nothing a staff member typed is lost.
 *
 * A tracking issue is known by the report marker in its body as soon as it exists, not
 * only once filing has recorded its number (labels and notes follow the create, and the
 * answer to the create may have been lost): a command typed in that window waits in the
 * outbox for the filing to finish. Comments without commands, by bots, or on issues that
 * are not tracking issues cost at most two store reads and no GitHub request.
 */
export async function queueCommandComment(deps: { store: Store; clock: Clock; kick: () => void; log: Logger }, facts: CommentFacts): Promise<QueueOutcome> {
  if (facts.authorIsBot || parseCommands(facts.body).length === 0) return 'ignored';
  const reportId = await trackedReportId(deps.store, facts);
  if (reportId === null) {
    deps.log.debug({ org: facts.org, issueNumber: facts.issueNumber, commentId: facts.commentId }, 'commands on an issue that is not a tracking issue; ignored');
    return 'ignored';
  }
  // The issue body is report text: it is not kept in the job.
  const { issueBody: _body, ...kept } = facts;
  const queued: QueuedComment = { ...kept, reportId };
  await deps.store.enqueue(newJob('triage-comment', queued, { key: `triage-comment:${facts.commentId}`, org: facts.org, runAfter: deps.clock() }));
  deps.kick();
  return 'queued';
}

/** The report this issue tracks: by its recorded number, else by the marker in its body. */
async function trackedReportId(store: Store, facts: CommentFacts): Promise<string | null> {
  const filed = await store.findTriageByIssue(facts.org, facts.repo, facts.issueNumber);
  if (filed !== null) return filed.reportId;
  const id = facts.issueBody === undefined || facts.issueBody === null ? null : findReportId(facts.issueBody);
  if (id === null) return null;
  const report = await store.getReport(id);
  // A marker copied into another organisation's issue does not reach its report.
  return report !== null && report.org.toLowerCase() === facts.org.toLowerCase() ? report.id : null;
}
