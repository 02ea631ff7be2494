import type { Insertable } from 'kysely';
import type { FieldCipher } from './field-cipher.js';
import { laneOf, type NewJob, type ReportEvent } from './job-records.js';
import { priorityRank } from './lane-queries.js';
import type { EventsTable, OutboxTable, ReportsTable } from './schema.js';
import type { NewReport } from './store.js';

/**
 * The columns of what the intake writes, in one place: Kysely inserts them one by one, and
 * the SQLite batch writer binds the same objects to statements it prepared once.
 */
export function reportRow(report: NewReport, cipher: FieldCipher, now: number): Insertable<ReportsTable> {
  return {
    id: report.id,
    org: report.org,
    channel: report.channel,
    language: report.language,
    status: 'queued',
    hold_reason: null,
    status_token_hash: report.statusTokenHash,
    received_at: report.receivedAt.getTime(),
    receipt_due: report.receiptDue?.getTime() ?? null,
    assessment_due: report.assessmentDue?.getTime() ?? null,
    filed_at: null,
    issue_number: null,
    issue_url: null,
    create_started_at: null,
    payload: cipher.encrypt(report.payload),
    updated_at: now,
    ghsa_id: report.advisory?.ghsaId ?? null,
    advisory_url: report.advisory?.url ?? null,
    advisory_repo: report.advisory?.repo ?? null,
    receipt: report.receipt === undefined ? null : cipher.encrypt(report.receipt),
  };
}

export function eventRow(event: ReportEvent): Insertable<EventsTable> {
  return {
    report_id: event.reportId,
    type: event.type,
    at: event.at.getTime(),
    data: event.data === undefined ? null : JSON.stringify(event.data),
  };
}

/** The 'received' event every accepted report starts its history with. */
export function receivedEvent(report: NewReport): ReportEvent {
  return {
    reportId: report.id,
    type: 'received',
    at: report.receivedAt,
    // A null due is a deadline not promised; `promises` (space-separated) tells the SLA metrics which ones were.
    data: {
      channel: report.channel,
      receiptDue: report.receiptDue?.getTime() ?? null,
      assessmentDue: report.assessmentDue?.getTime() ?? null,
      ...(report.promises === undefined ? {} : { promises: report.promises.join(' ') }),
    },
  };
}

/**
 * The jobs committed with a report: filing it, then what the channel asked for (the
 * acknowledgement mail). The filing job's payload is a FileReportPayload (src/jobs), written
 * here because the store does not import jobs; test/jobs/dead-jobs.test.ts checks it parses.
 */
export function intakeJobs(report: NewReport): NewJob[] {
  const fileReport: NewJob = {
    key: `file-report:${report.id}`,
    kind: 'file-report',
    org: report.org,
    payload: JSON.stringify({ reportId: report.id }),
    runAfter: report.receivedAt,
  };
  return [fileReport, ...(report.jobs ?? [])];
}

export function jobRow(job: NewJob, cipher: FieldCipher, now: number): Insertable<OutboxTable> {
  return {
    key: job.key,
    kind: job.kind,
    org: job.org,
    priority: priorityRank(job),
    lane: laneOf(job.kind, job.org),
    payload: cipher.encrypt(job.payload),
    state: 'pending',
    attempts: 0,
    run_after: job.runAfter.getTime(),
    locked_until: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  };
}
