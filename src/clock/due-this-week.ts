import { DEADLINES, type DeadlineKind, type SlaState } from './sla-state.js';

/** "This week" on the SLA dashboard: the next seven days from now, whatever the weekday. */
export const DUE_HORIZON_MS = 7 * 24 * 3_600_000;

/** A filed report's SLA clock and where its tracking issue is, as the dashboard reads it. */
export interface OpenReportClock {
  repo: string;
  issueNumber: number;
  issueUrl: string;
  sla: SlaState;
}

/** One unmet deadline of one report. */
export interface DueEntry {
  repo: string;
  issueNumber: number;
  issueUrl: string;
  deadline: DeadlineKind;
  due: Date;
}

/** What is overdue now and what falls due within {@link DUE_HORIZON_MS}, each soonest first. */
export interface DueSummary {
  overdue: DueEntry[];
  dueSoon: DueEntry[];
  /** Open reports whose clock is paused (waiting for the researcher): their dues will move, so they are not listed. */
  paused: number;
}

/**
 * Splits the unmet deadlines of open reports into overdue (due before `now`) and due soon
 * (from `now` up to the horizon). A paused clock's dues are not final (the pause shifts them
 * on resume) and the sweep sends no notice for them either, so such reports are only counted.
 * Pure: `now` is passed in.
 */
export function dueThisWeek(reports: readonly OpenReportClock[], now: Date): DueSummary {
  const overdue: DueEntry[] = [];
  const dueSoon: DueEntry[] = [];
  let paused = 0;
  const until = now.getTime() + DUE_HORIZON_MS;
  for (const report of reports) {
    if (report.sla.pausedAt !== null) {
      paused += 1;
      continue;
    }
    for (const deadline of DEADLINES) {
      const { due, metAt } = deadlineOf(report.sla, deadline);
      if (due === null || metAt !== null) continue;
      const entry: DueEntry = { repo: report.repo, issueNumber: report.issueNumber, issueUrl: report.issueUrl, deadline, due };
      if (due.getTime() < now.getTime()) overdue.push(entry);
      else if (due.getTime() <= until) dueSoon.push(entry);
    }
  }
  return { overdue: overdue.sort(byDue), dueSoon: dueSoon.sort(byDue), paused };
}

function deadlineOf(sla: SlaState, deadline: DeadlineKind): { due: Date | null; metAt: Date | null } {
  if (deadline === 'receipt') return { due: sla.receiptDue, metAt: sla.receiptMetAt };
  if (deadline === 'assessment') return { due: sla.assessmentDue, metAt: sla.assessmentMetAt };
  return { due: sla.resolutionDue, metAt: sla.resolutionMetAt };
}

/** Soonest first; on a tie, by issue number and then deadline order, so the text is stable. */
function byDue(a: DueEntry, b: DueEntry): number {
  return a.due.getTime() - b.due.getTime() || a.repo.localeCompare(b.repo) || a.issueNumber - b.issueNumber || DEADLINES.indexOf(a.deadline) - DEADLINES.indexOf(b.deadline);
}

/** The quarter of `date` as `npm run sla` names it (`2026-Q4`, by the UTC date), and when it began. */
export function quarterOf(date: Date): { label: string; start: Date } {
  const year = date.getUTCFullYear();
  const index = Math.floor(date.getUTCMonth() / 3);
  return { label: `${year}-Q${index + 1}`, start: new Date(Date.UTC(year, index * 3, 1)) };
}
