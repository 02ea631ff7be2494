import { deadlineDue } from './sla-clock.js';
import { DEADLINES, type DeadlineKind, type SlaState } from './sla-state.js';

/**
 * How a promised deadline fared: met on time, met after it passed, missed (passed unmet),
 * still due, on hold while the clock is paused, or no longer applying to a closed report.
 */
export type DeadlineOutcome = 'met' | 'met-late' | 'missed' | 'due' | 'paused' | 'void';

export interface DeadlineFate {
  kind: DeadlineKind;
  due: Date;
  /** When it was met (the first time); null while not met. */
  metAt: Date | null;
  outcome: DeadlineOutcome;
}

/** How a report ended, as far as its deadlines care: when, and whether with a fix. */
export interface ClosedAs {
  at: Date;
  /** Resolved or published. A report closed otherwise no longer owes a resolution. */
  fixed: boolean;
}

/**
 * Every deadline set on the clock and how it fared at `now`, by the rule of the SLA metrics
 * (sla-metrics.ts): met on time at or before `due`, late after it; missed when `due` passed
 * unmet while the clock ran. A paused clock holds an open deadline (its date moves when the
 * clock runs again) unless it had passed before the pause. On a closed report an open
 * deadline that had not passed no longer applies, nor does the resolution target of a
 * report closed without a fix. One rule for the researcher's status page and staff's page.
 */
export function deadlineFates(sla: SlaState, closed: ClosedAs | null, now: Date): DeadlineFate[] {
  return DEADLINES.flatMap((kind): DeadlineFate[] => {
    const due = deadlineDue(sla, kind);
    if (due === null) return [];
    const metAt = kind === 'receipt' ? sla.receiptMetAt : kind === 'assessment' ? sla.assessmentMetAt : sla.resolutionMetAt;
    const passedBy = (at: Date) => at.getTime() > due.getTime();
    let outcome: DeadlineOutcome;
    if (metAt !== null) outcome = passedBy(metAt) ? 'met-late' : 'met';
    else if (closed !== null) outcome = kind === 'resolution' && !closed.fixed ? 'void' : passedBy(closed.at) ? 'missed' : 'void';
    else if (sla.pausedAt !== null) outcome = passedBy(sla.pausedAt) ? 'missed' : 'paused';
    else outcome = passedBy(now) ? 'missed' : 'due';
    return [{ kind, due, metAt, outcome }];
  });
}

/** The clock of a report not filed yet: its promised receipt and assessment (null: not promised), nothing met. */
export function promisedClock(report: { receivedAt: Date; receiptDue: Date | null; assessmentDue: Date | null }): SlaState {
  return {
    receivedAt: report.receivedAt,
    receiptDue: report.receiptDue,
    assessmentDue: report.assessmentDue,
    resolutionDue: null,
    receiptMetAt: null,
    assessmentMetAt: null,
    resolutionMetAt: null,
    pausedAt: null,
    pausedCalendarDays: 0,
  };
}
