import type { Clock } from '../../clock/clock.js';
import { nextCheckAt } from '../../clock/sla-clock.js';
import { issueUpdateJob } from '../triage/queue-issue-update.js';
import { saveTriageRetrying, triageFieldsOf } from '../../store/save-triage.js';
import type { Store } from '../../store/store.js';
import { CLOSING_STATUSES } from '../../triage/triage-status.js';
import { type Metrics, noMetrics } from '../../metrics/metrics.js';
import { deadlineTally } from '../../metrics/sla-outcomes.js';

/**
 * The acknowledgement e-mail is the confirmation of receipt the policy promises: once it
 * has gone out, the receipt deadline is met (event `receipt-confirmed`, by acknowledgement)
 * and the Deadlines section says so. A staff command that came first already met it.
 */
export async function confirmReceiptByAcknowledgement(deps: { store: Store; clock: Clock; kick: () => void; metrics?: Metrics }, reportId: string): Promise<void> {
  const tally = deadlineTally(deps.metrics ?? noMetrics);
  const saved = await saveTriageRetrying(deps.store, reportId, tally.watch((triage) => {
    if (triage.sla.receiptMetAt !== null) return null;
    const now = deps.clock();
    const sla = { ...triage.sla, receiptMetAt: now };
    return {
      reportId,
      expectedVersion: triage.version,
      fields: { ...triageFieldsOf(triage), sla, nextCheckAt: CLOSING_STATUSES.has(triage.status) ? null : nextCheckAt(sla, triage.remindLeadMs, []) },
      events: [{ reportId, type: 'receipt-confirmed', at: now, data: { by: 'acknowledgement' } }],
      jobs: [
        issueUpdateJob(
          `receipt-acknowledged:${reportId}`,
          triage.org,
          { reportId, repo: triage.repo, issueNumber: triage.issueNumber, addLabels: [], removeLabels: [], syncDeadlines: true, comment: null, issueState: null },
          now,
        ),
      ],
      messages: [],
    };
  }));
  if (saved === 'saved') {
    tally.saved();
    deps.kick();
  }
}
