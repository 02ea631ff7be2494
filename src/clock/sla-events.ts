import type { ReportEvent } from '../report/report-event.js';
import { DEADLINES, type DeadlineKind } from './sla-state.js';

/*
 * The SLA event vocabulary (a contract with whoever writes events; other types are ignored):
 *
 * - `received` at receipt, data `{ channel, receiptDue, assessmentDue, promises }` with the
 *   dues in epoch milliseconds (null: not promised) and `promises` the deadlines promised,
 *   space-separated (config `sla.promises`). Older events may lack the dues: such a report
 *   counts, but not in the "met on time" share of those deadlines. Without `promises` all
 *   three were promised. A deadline not promised is left out of its metrics altogether.
 * - `deadline-set`, data `{ deadline: 'receipt' | 'assessment' | 'resolution', due }`: a
 *   deadline was set or moved (a pause shifted it, a severity set the resolution target).
 *   The latest by `at` wins (on a tie, the later in the list) and overrides `received`.
 *   `due: null` removes the deadline (e.g. severity `none`: no resolution target).
 * - `receipt-confirmed`, `assessed`, `resolved`: that deadline was met at `at`. The
 *   earliest of each type counts.
 */

/** The event that marks each deadline met. */
const MET_BY = new Map<string, DeadlineKind>([
  ['receipt-confirmed', 'receipt'],
  ['assessed', 'assessment'],
  ['resolved', 'resolution'],
]);

/** What the events say about one report's deadlines, in epoch milliseconds. */
export interface ReportSlaFacts {
  reportId: string;
  receivedAt: Date;
  /** The deadline in force, or null when unknown or unset. */
  due: Record<DeadlineKind, number | null>;
  /** When the deadline was first met, or null. */
  metAt: Record<DeadlineKind, number | null>;
  /** Whether the organisation promised the deadline at receipt: one not promised is not measured. */
  promised: Record<DeadlineKind, boolean>;
}

/** Folds events into per-report facts. Reports without a `received` event are left out. */
export function slaFacts(events: readonly ReportEvent[]): ReportSlaFacts[] {
  const byReport = new Map<string, ReportEvent[]>();
  for (const event of events) {
    const list = byReport.get(event.reportId);
    if (list) list.push(event);
    else byReport.set(event.reportId, [event]);
  }
  const facts: ReportSlaFacts[] = [];
  for (const [reportId, list] of byReport) {
    const report = reportFacts(reportId, list);
    if (report !== null) facts.push(report);
  }
  return facts;
}

function reportFacts(reportId: string, events: ReportEvent[]): ReportSlaFacts | null {
  // A stable sort keeps list order for events at the same instant.
  const ordered = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const received = ordered.find((event) => event.type === 'received');
  if (received === undefined) return null;
  const due: Record<DeadlineKind, number | null> = {
    receipt: epochMs(received.data?.['receiptDue']),
    assessment: epochMs(received.data?.['assessmentDue']),
    resolution: null,
  };
  const metAt: Record<DeadlineKind, number | null> = { receipt: null, assessment: null, resolution: null };
  for (const event of ordered) {
    const met = MET_BY.get(event.type);
    if (met !== undefined && metAt[met] === null) metAt[met] = event.at.getTime();
    if (event.type === 'deadline-set') {
      const deadline = deadlineKind(event.data?.['deadline']);
      const value = event.data?.['due'];
      if (deadline !== null && (value === null || epochMs(value) !== null)) due[deadline] = epochMs(value);
    }
  }
  const promises = received.data?.['promises'];
  const listed = typeof promises === 'string' ? promises.split(' ') : null;
  const promised = { receipt: true, assessment: true, resolution: true };
  for (const kind of DEADLINES) promised[kind] = listed === null || listed.includes(kind);
  return { reportId, receivedAt: received.at, due, metAt, promised };
}

function epochMs(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function deadlineKind(value: unknown): DeadlineKind | null {
  return DEADLINES.find((kind) => kind === value) ?? null;
}
