import type { Clock } from '../../clock/clock.js';
import { nextCheckAt } from '../../clock/sla-clock.js';
import type { Logger } from '../../log.js';
import type { ReportEvent, Store } from '../../store/store.js';
import type { TriageChange, TriageFields, TriageRecord } from '../../store/triage-records.js';
import { saveTriageRetrying, triageFieldsOf } from '../../store/save-triage.js';
import { issueUpdateJob } from './queue-issue-update.js';
import { closedByHandLine, reopenedByHandLine } from '../../issue-text/issue-event-replies.js';
import { CLOSING_STATUSES, ISSUE_GONE_EVENTS, TRIAGE_STATUSES, type TriageStatus } from '../../triage/triage-status.js';
import { type Metrics, noMetrics } from '../../metrics/metrics.js';
import { deadlineTally } from '../../metrics/sla-outcomes.js';

/** An `issues` webhook about a tracking issue, as the app needs it. */
export type IssueEventFacts = IssueAt &
  (
    | { action: 'closed'; stateReason: string | null; closedAt: string; by: string }
    | { action: 'reopened'; updatedAt: string; by: string }
    | { action: 'deleted'; by: string }
    | { action: 'transferred'; by: string; to: { owner: string; repo: string; number: number; url: string; private: boolean } }
  );

interface IssueAt {
  org: string;
  repo: string;
  issueNumber: number;
}

export type IssueEventOutcome = 'ignored' | 'applied' | 'already-applied';

/**
 * Staff close, reopen or delete a tracking issue in GitHub's own UI: the report follows, so
 * the SLA clock never runs for an issue nobody works on any more (and runs again when it is
 * reopened). The app's own closes and reopens arrive here too; they find the report already
 * in the state they set and change nothing. Everything happens in the store, in one change
 * keyed by the event, so a redelivered webhook changes nothing twice; the label and comment
 * follow through the outbox.
 *
 * - closed as completed → `resolved` (the resolution promise met); as not planned →
 *   `rejected`; as duplicate → `duplicate`. The researcher is not told: only commands
 *   speak to them, and the comment says so.
 * - reopened (from any closing status) → `triaged`, the clock runs again.
 * - deleted → the report is closed where it stands; jobs for the issue end (see
 *   issue-update-job) instead of retrying.
 * - transferred to another private repository of the organisation → the report follows
 *   (new number, maybe a new repository); pending jobs write there. Transferred out of the
 *   organisation or into a public repository → treated as deleted: the app never writes
 *   report text where it may not be private (rule "private repositories only").
 */
export async function handleIssueEvent(deps: { store: Store; clock: Clock; log: Logger; kick: () => void; metrics?: Metrics }, facts: IssueEventFacts): Promise<IssueEventOutcome> {
  const found = await deps.store.findTriageByIssue(facts.org, facts.repo, facts.issueNumber);
  if (found === null) return 'ignored';
  if (facts.action === 'transferred' && followsTransfer(facts)) {
    const { to } = facts;
    await deps.store.moveTrackingIssue(found.reportId, { repo: to.repo, number: to.number, url: to.url }, {
      reportId: found.reportId,
      type: 'issue-transferred',
      at: deps.clock(),
      data: { by: facts.by, fromRepo: facts.repo, fromNumber: facts.issueNumber, toRepo: to.repo, toNumber: to.number },
    });
    deps.log.info({ reportId: found.reportId, issueNumber: to.number }, 'tracking issue transferred; report follows');
    return 'applied';
  }
  if (facts.action === 'deleted' || facts.action === 'transferred') {
    if ((await deps.store.listEvents(found.reportId)).some((e) => ISSUE_GONE_EVENTS.has(e.type))) return 'already-applied';
  }
  const now = deps.clock();
  const tally = deadlineTally(deps.metrics ?? noMetrics);
  const outcome = await saveTriageRetrying(deps.store, found.reportId, tally.watch((triage) => planIssueEvent(triage, facts, now)));
  const meta = { reportId: found.reportId, issueNumber: facts.issueNumber, action: facts.action };
  if (outcome === 'saved') {
    tally.saved();
    deps.kick();
    if (facts.action === 'transferred') deps.log.warn(meta, 'tracking issue transferred where the app does not follow; the report is closed');
    else deps.log.info(meta, 'tracking issue changed by hand; report follows');
    return 'applied';
  }
  return outcome === 'duplicate' ? 'already-applied' : 'ignored';
}

/** The change an issue event makes, or null when the report is already where it points. */
export function planIssueEvent(triage: TriageRecord, facts: IssueEventFacts, now: Date): TriageChange | null {
  const before = triageFieldsOf(triage);
  const closed = CLOSING_STATUSES.has(triage.status);
  const event = (type: string, data: ReportEvent['data']): ReportEvent => ({ reportId: triage.reportId, type, at: now, ...(data === undefined ? {} : { data }) });

  if (facts.action === 'closed') {
    if (closed) return null;
    const status = statusForReason(facts.stateReason);
    const fields: TriageFields = { ...before, status, closedAt: now, nextCheckAt: null };
    const events = [event('closed-by-hand', { by: facts.by, reason: facts.stateReason })];
    if (status === 'resolved' && before.sla.resolutionMetAt === null) {
      fields.sla = { ...before.sla, resolutionMetAt: now };
      events.push(event('resolved', undefined));
    }
    return change(triage, fields, events, `issue-closed:${triage.reportId}:${facts.closedAt}`, status, closedByHandLine(triage.trackingLanguage, status), now);
  }
  if (facts.action === 'reopened') {
    if (!closed) return null;
    // A resolved report that is reopened is not resolved: its resolution promise runs again.
    const sla = triage.status === 'resolved' ? { ...before.sla, resolutionMetAt: null } : before.sla;
    const fields: TriageFields = { ...before, status: 'triaged', closedAt: null, sla, nextCheckAt: nextCheckAt(sla, triage.remindLeadMs, []) };
    return change(triage, fields, [event('reopened-by-hand', { by: facts.by, was: triage.status })], `issue-reopened:${triage.reportId}:${facts.updatedAt}`, 'triaged', reopenedByHandLine(triage.trackingLanguage), now);
  }
  // Deleted, or moved where the app does not follow: no issue left to write to, so no job;
  // the clock stops and retention starts.
  const gone =
    facts.action === 'deleted'
      ? event('issue-deleted', { by: facts.by, issueNumber: triage.issueNumber })
      : event('issue-left', { by: facts.by, issueNumber: triage.issueNumber, reason: facts.to.private ? 'another organisation' : 'a repository that is not private' });
  return {
    reportId: triage.reportId,
    expectedVersion: triage.version,
    fields: { ...before, closedAt: before.closedAt ?? now, nextCheckAt: null },
    events: [gone],
    jobs: [],
    messages: [],
  };
}

/** Only into another private repository of the same organisation. */
function followsTransfer(facts: Extract<IssueEventFacts, { action: 'transferred' }>): boolean {
  return facts.to.private && facts.to.owner.toLowerCase() === facts.org.toLowerCase();
}

function statusForReason(reason: string | null): TriageStatus {
  if (reason === 'not_planned') return 'rejected';
  if (reason === 'duplicate') return 'duplicate';
  return 'resolved';
}

function change(triage: TriageRecord, fields: TriageFields, events: ReportEvent[], key: string, status: TriageStatus, line: string, now: Date): TriageChange {
  const removeLabels = TRIAGE_STATUSES.filter((s) => s !== status).map((s) => `status:${s}`);
  if (CLOSING_STATUSES.has(status)) removeLabels.push('sla:overdue');
  return {
    reportId: triage.reportId,
    expectedVersion: triage.version,
    fields,
    events,
    jobs: [
      issueUpdateJob(
        key,
        triage.org,
        { reportId: triage.reportId, repo: triage.repo, issueNumber: triage.issueNumber, addLabels: [`status:${status}`], removeLabels, syncDeadlines: true, comment: line, issueState: null },
        now,
      ),
    ],
    messages: [],
  };
}
