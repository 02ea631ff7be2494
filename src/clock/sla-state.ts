/**
 * The SLA clock of one report, as the store keeps it and the sweep reads it. Instants are
 * Dates; a deadline is "met" once its met time is set, and is then never reminded about.
 */

/** The three promises to a researcher. */
export const DEADLINES = ['receipt', 'assessment', 'resolution'] as const;
export type DeadlineKind = (typeof DEADLINES)[number];

/** A reminder before a deadline, or the notice that it passed. */
export type NoticeStage = 'reminder' | 'overdue';

export interface SlaState {
  receivedAt: Date;
  /** Null when the organisation promises no receipt deadline (`sla.promises`). */
  receiptDue: Date | null;
  /** Null when the organisation promises no assessment deadline (`sla.promises`). */
  assessmentDue: Date | null;
  /** Set once a severity is known (resolution targets are per severity), if a resolution is promised. */
  resolutionDue: Date | null;
  receiptMetAt: Date | null;
  assessmentMetAt: Date | null;
  resolutionMetAt: Date | null;
  /** While set, the clock is paused (`/needs-info`): no reminders, no overdue notices. */
  pausedAt: Date | null;
  /**
   * Calendar days the clock has been paused in total, so a resolution deadline set after a
   * pause (severity decided later) is shifted like the others were.
   */
  pausedCalendarDays: number;
}

/** A notice already posted, so it is never posted twice. */
export interface SentNotice {
  deadline: DeadlineKind;
  stage: NoticeStage;
}

/** A notice the sweep should post now. */
export interface DueNotice extends SentNotice {
  due: Date;
}
