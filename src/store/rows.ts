import type { Selectable } from 'kysely';
import type { EventsTable, OutboxTable, ReportsTable } from './schema.js';
import type { Job, ReportEvent, ReportRecord } from './store.js';

/** Row ↔ record mapping. Timestamps are stored as epoch milliseconds (see schema.ts). */

export function toDate(ms: number): Date {
  return new Date(ms);
}

export function toDateOrNull(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

export function toReportRecord(row: Selectable<ReportsTable>): ReportRecord {
  return {
    id: row.id,
    org: row.org,
    channel: row.channel,
    language: row.language,
    status: row.status,
    statusTokenHash: row.status_token_hash,
    holdReason: row.hold_reason,
    receivedAt: toDate(row.received_at),
    receiptDue: toDateOrNull(row.receipt_due),
    assessmentDue: toDateOrNull(row.assessment_due),
    filedAt: toDateOrNull(row.filed_at),
    issueNumber: row.issue_number,
    issueUrl: row.issue_url,
    createStartedAt: toDateOrNull(row.create_started_at),
    payload: row.payload,
  };
}

/** `decrypt` opens the payload (encrypted at rest; a finished job's is `{}`, in clear). */
export function toJob(row: Selectable<OutboxTable>, decrypt: (stored: string) => string = (s) => s): Job {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    org: row.org,
    priority: row.priority === 0 ? 'staff' : 'bulk',
    lane: row.lane,
    payload: decrypt(row.payload),
    runAfter: toDate(row.run_after),
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: toDate(row.created_at),
    lockedUntil: toDateOrNull(row.locked_until),
  };
}

export function toReportEvent(row: Selectable<EventsTable>): ReportEvent {
  const event: ReportEvent = { reportId: row.report_id, type: row.type, at: toDate(row.at) };
  if (row.data !== null) event.data = JSON.parse(row.data) as NonNullable<ReportEvent['data']>;
  return event;
}
