import type { Clock } from '../clock/clock.js';
import { nextCheckAt } from '../clock/sla-clock.js';
import { issueUpdateJob } from '../outbox/issue-update.js';
import type { Store } from '../store/store.js';
import type { TriageRecord } from '../store/triage-records.js';
import { CLOSING_STATUSES } from '../triage/triage-status.js';

/**
 * The acknowledgement e-mail is the confirmation of receipt the policy promises: once it
 * has gone out, the receipt deadline is met (event `receipt-confirmed`, by acknowledgement)
 * and the Deadlines section says so. A staff command that came first already met it.
 */
export async function confirmReceiptByAcknowledgement(deps: { store: Store; clock: Clock; kick: () => void }, reportId: string): Promise<void> {
  let triage: TriageRecord | null = await deps.store.getTriage(reportId);
  for (let attempt = 0; attempt < 5 && triage !== null && triage.sla.receiptMetAt === null; attempt += 1) {
    const now = deps.clock();
    const sla = { ...triage.sla, receiptMetAt: now };
    const saved = await deps.store.saveTriage({
      reportId,
      expectedVersion: triage.version,
      fields: {
        status: triage.status,
        severity: triage.severity,
        cvssVector: triage.cvssVector,
        sla,
        fixBy: triage.fixBy,
        acceptedRepository: triage.acceptedRepository,
        closedAt: triage.closedAt,
        nextCheckAt: CLOSING_STATUSES.has(triage.status) ? null : nextCheckAt(sla, triage.remindLeadMs, []),
        cweIds: triage.cweIds,
        packages: triage.packages,
        reward: triage.reward,
      },
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
    });
    if (saved !== 'conflict') {
      deps.kick();
      return;
    }
    triage = await deps.store.getTriage(reportId);
  }
}
