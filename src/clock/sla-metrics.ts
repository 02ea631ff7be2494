import type { ReportEvent } from '../report/report-event.js';
import { nearestRank } from './nearest-rank.js';
import { slaFacts, type ReportSlaFacts } from './sla-events.js';
import type { DeadlineKind } from './sla-state.js';

/** How one deadline fared over the reports of a quarter. */
export interface DeadlineMetrics {
  /** Reports where the deadline was promised and met (on time or late). */
  measured: number;
  /** Median hours from receipt to meeting it, nearest-rank (see nearestRank); null when none measured. */
  medianHours: number | null;
  /** 90th percentile of those hours, nearest-rank; null when none measured. */
  p90Hours: number | null;
  /**
   * Met on time / (met on time + missed), 0–1. Missed: met after the due instant, or not
   * met and the due instant is before `now`. Reports not yet due, and reports whose due is
   * unknown, are left out. Null when nothing counts.
   */
  metShare: number | null;
}

/** SLA metrics of the reports received in one quarter. */
export interface QuarterMetrics {
  /** `2026-Q4`, by the UTC date of receipt. */
  quarter: string;
  /** Reports received in the quarter. */
  reports: number;
  receipt: DeadlineMetrics;
  assessment: DeadlineMetrics;
  resolution: DeadlineMetrics;
}

/** `now` decides which unmet deadlines are missed; `since` keeps reports received at or after it. */
export interface SlaMetricsOptions {
  now: Date;
  since?: Date;
}

const HOUR_MS = 3_600_000;

/**
 * SLA metrics per quarter of receipt, oldest first, from stored events (vocabulary in
 * sla-events.ts). Reports without a `received` event are skipped. Pure.
 */
export function slaMetrics(events: readonly ReportEvent[], options: SlaMetricsOptions): QuarterMetrics[] {
  const now = options.now.getTime();
  const since = options.since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const byQuarter = new Map<string, ReportSlaFacts[]>();
  for (const report of slaFacts(events)) {
    if (report.receivedAt.getTime() < since) continue;
    const quarter = quarterOf(report.receivedAt);
    const list = byQuarter.get(quarter);
    if (list) list.push(report);
    else byQuarter.set(quarter, [report]);
  }
  return [...byQuarter.keys()].sort().map((quarter) => {
    const reports = byQuarter.get(quarter) ?? [];
    return {
      quarter,
      reports: reports.length,
      receipt: deadlineMetrics(reports, 'receipt', now),
      assessment: deadlineMetrics(reports, 'assessment', now),
      resolution: deadlineMetrics(reports, 'resolution', now),
    };
  });
}

function deadlineMetrics(reports: readonly ReportSlaFacts[], kind: DeadlineKind, now: number): DeadlineMetrics {
  const hours: number[] = [];
  let onTime = 0;
  let missed = 0;
  for (const report of reports) {
    // A deadline the organisation did not promise (config `sla.promises`) is not measured.
    if (!report.promised[kind]) continue;
    const metAt = report.metAt[kind];
    const due = report.due[kind];
    if (metAt !== null) hours.push((metAt - report.receivedAt.getTime()) / HOUR_MS);
    if (due === null) continue;
    if (metAt !== null && metAt <= due) onTime += 1;
    else if (metAt !== null || due < now) missed += 1;
  }
  return {
    measured: hours.length,
    medianHours: nearestRank(hours, 50),
    p90Hours: nearestRank(hours, 90),
    metShare: onTime + missed === 0 ? null : onTime / (onTime + missed),
  };
}

function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}
