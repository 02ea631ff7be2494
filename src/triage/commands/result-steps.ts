import type { DeadlineKind } from '../../clock/sla-state.js';
import type { CloseReason } from '../../ports/github.js';
import type { TriageFields } from '../triage-record.js';
import { CLOSING_STATUSES, type TriageStatus } from '../triage-status.js';
import type { PlannedChange, PlannedEvent } from './command-result.js';

/** Every accepted command confirms receipt: a human has the report in hand. */
export function startResult(fields: TriageFields, now: Date): PlannedChange {
  const result: PlannedChange = {
    ok: true,
    fields: { ...fields, sla: { ...fields.sla } },
    events: [],
    addLabels: [],
    removeLabels: [],
    issueState: null,
    deadlinesChanged: false,
    confirmation: { kind: '', params: {} },
    message: null,
    openAdvisory: null,
    updateAdvisory: false,
    credit: false,
  };
  if (fields.sla.receiptMetAt === null) {
    result.fields.sla.receiptMetAt = now;
    result.events.push({ type: 'receipt-confirmed' });
    result.deadlinesChanged = true;
  }
  return result;
}

/** new → triaged; later statuses stay where they are. */
export function advance(status: TriageStatus): TriageStatus {
  return status === 'new' ? 'triaged' : status;
}

/** A decision that ends the report; the first closing time is kept. */
export function close(result: PlannedChange, status: TriageStatus, reason: CloseReason, now: Date): void {
  result.fields = { ...result.fields, status, closedAt: result.fields.closedAt ?? now };
  result.issueState = { state: 'closed', reason };
}

export function reopenIfClosed(result: PlannedChange, before: TriageFields): void {
  if (before.closedAt === null && !CLOSING_STATUSES.has(before.status)) return;
  result.fields = { ...result.fields, closedAt: null };
  result.issueState = { state: 'open' };
}

/** The assessment promise is kept by a fix date or by a decision that ends the report. */
export function assessed(result: PlannedChange, before: TriageFields, now: Date): void {
  if (before.sla.assessmentMetAt !== null) return;
  result.fields = { ...result.fields, sla: { ...result.fields.sla, assessmentMetAt: now } };
  result.events.push({ type: 'assessed' });
  result.deadlinesChanged = true;
}

export function deadlineSet(deadline: DeadlineKind, due: Date | null): PlannedEvent {
  return { type: 'deadline-set', data: { deadline, due: due === null ? null : due.getTime() } };
}
