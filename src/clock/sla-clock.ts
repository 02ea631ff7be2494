import type { Severity } from '../report/severity.js';
import { addBusinessDays, isBusinessDay, type BusinessCalendar } from './business-days.js';
import { addCalendarDays, calendarDaysBetween } from './calendar-days.js';
import { DEADLINES, type DeadlineKind, type DueNotice, type SentNotice, type SlaState } from './sla-state.js';
import { endOfLocalDay, localDate } from './zoned-time.js';

/*
 * The SLA clock of one report: pausing, resuming and which notices are due. Pure: the
 * caller passes `now`. A deadline is the last millisecond of its day (`due`), so it is met
 * when met at or before `due` and passes at `due + 1 ms`, the start of the next local day.
 */

/** The part of the SLA config the resolution deadline needs (`DisclosureConfig['sla']` fits). */
export interface ResolutionPolicy {
  /** IANA time zone in which the calendar days are counted. */
  time_zone: string;
  /** Resolution targets in calendar days per severity; `none` has no target. */
  resolution_days: Readonly<Record<Exclude<Severity, 'none'>, number>>;
  /** The deadlines promised (`sla.promises`); without `resolution` there is no target. Unset: all three. */
  promises?: readonly DeadlineKind[] | undefined;
}

/**
 * The end of the local day (in `sla.time_zone`) that lies `resolution_days[severity] +
 * pausedCalendarDays` calendar days after the local day of `receivedAt`. Severity `none`
 * has no resolution target, nor has any severity when `sla.promises` leaves `resolution` out: null.
 */
export function resolutionDue(receivedAt: Date, severity: Severity, sla: ResolutionPolicy, pausedCalendarDays: number): Date | null {
  if (severity === 'none' || (sla.promises !== undefined && !sla.promises.includes('resolution'))) return null;
  const day = addCalendarDays(localDate(receivedAt, sla.time_zone), sla.resolution_days[severity] + pausedCalendarDays);
  return endOfLocalDay(day, sla.time_zone);
}

/** Pauses the clock at `now` (`/needs-info`). A paused clock keeps its original pause time. */
export function pauseClock(state: SlaState, now: Date): SlaState {
  return state.pausedAt === null ? { ...state, pausedAt: now } : state;
}

/**
 * Resumes a paused clock at `now` (a running one is returned as is). The pause covers the
 * local days [day of pausedAt, day of now): pausing and resuming on one day shifts nothing,
 * Monday to Wednesday covers Monday and Tuesday. Unmet receipt and assessment deadlines
 * move by the business days in that range (to the end of the N-th business day after the
 * old due's day), or by its calendar days when the calendar counts that deadline in calendar
 * days (`calendar.calendarDayDeadlines`); an unmet resolution deadline by its calendar days, which are also added
 * to `pausedCalendarDays` (even without a resolution deadline, so a later one is shifted
 * too). Met deadlines never move.
 */
export function resumeClock(state: SlaState, now: Date, calendar: BusinessCalendar): SlaState {
  if (state.pausedAt === null) return state;
  const from = localDate(state.pausedAt, calendar.timeZone);
  const calendarDays = calendarDaysBetween(from, localDate(now, calendar.timeZone));
  let businessDays = 0;
  for (let offset = 0; offset < calendarDays; offset += 1) {
    if (isBusinessDay(addCalendarDays(from, offset), calendar)) businessDays += 1;
  }
  const byCalendarDays = (due: Date): Date => endOfLocalDay(addCalendarDays(localDate(due, calendar.timeZone), calendarDays), calendar.timeZone);
  const moved = (kind: 'receipt' | 'assessment', due: Date | null, metAt: Date | null): Date | null => {
    if (due === null || metAt !== null) return due;
    if (calendar.calendarDayDeadlines?.includes(kind) === true) return calendarDays === 0 ? due : byCalendarDays(due);
    return businessDays === 0 ? due : addBusinessDays(due, businessDays, calendar);
  };
  const { resolutionDue: resolution } = state;
  return {
    ...state,
    receiptDue: moved('receipt', state.receiptDue, state.receiptMetAt),
    assessmentDue: moved('assessment', state.assessmentDue, state.assessmentMetAt),
    resolutionDue:
      resolution === null || state.resolutionMetAt !== null || calendarDays === 0
        ? resolution
        : byCalendarDays(resolution),
    pausedAt: null,
    pausedCalendarDays: state.pausedCalendarDays + calendarDays,
  };
}

/**
 * The notices to post at `now`, in the order receipt, assessment, resolution. Nothing while
 * paused; nothing for a met or unset deadline. After `due` an `overdue` notice unless one
 * was sent; from `leadMs` before the deadline passes (`due + 1 ms`) a `reminder` unless a
 * reminder or overdue notice was sent. A deadline already past gets only the overdue notice.
 */
export function dueNotices(state: SlaState, now: Date, leadMs: number, sent: readonly SentNotice[]): DueNotice[] {
  if (state.pausedAt !== null) return [];
  const at = now.getTime();
  const notices: DueNotice[] = [];
  for (const { deadline, due } of openDeadlines(state)) {
    const passes = due.getTime() + 1;
    if (wasSent(sent, deadline, 'overdue')) continue;
    if (at >= passes) notices.push({ deadline, stage: 'overdue', due });
    else if (leadMs > 0 && at >= passes - leadMs && !wasSent(sent, deadline, 'reminder')) notices.push({ deadline, stage: 'reminder', due });
  }
  return notices;
}

/**
 * The earliest instant at which `dueNotices` returns a notice, given what was sent: the
 * store indexes on it so the sweep reads only due reports. It may lie in the past (a
 * notice is due now). Null when nothing can become due: every deadline met, or paused
 * (resuming computes it again).
 */
export function nextCheckAt(state: SlaState, leadMs: number, sent: readonly SentNotice[]): Date | null {
  if (state.pausedAt !== null) return null;
  let next: number | null = null;
  for (const { deadline, due } of openDeadlines(state)) {
    if (wasSent(sent, deadline, 'overdue')) continue;
    const passes = due.getTime() + 1;
    const remind = leadMs > 0 && !wasSent(sent, deadline, 'reminder');
    const at = remind ? passes - leadMs : passes;
    if (next === null || at < next) next = at;
  }
  return next === null ? null : new Date(next);
}

interface OpenDeadline {
  deadline: DeadlineKind;
  due: Date;
}

/** Deadlines that are set (promised) and not met, in contract order. */
function openDeadlines(state: SlaState): OpenDeadline[] {
  // Plain pushes, no lookup table: the sweep calls this twice for every due report.
  const open: OpenDeadline[] = [];
  if (state.receiptDue !== null && state.receiptMetAt === null) open.push({ deadline: 'receipt', due: state.receiptDue });
  if (state.assessmentDue !== null && state.assessmentMetAt === null) open.push({ deadline: 'assessment', due: state.assessmentDue });
  if (state.resolutionDue !== null && state.resolutionMetAt === null) open.push({ deadline: 'resolution', due: state.resolutionDue });
  return open;
}

function wasSent(sent: readonly SentNotice[], deadline: DeadlineKind, stage: SentNotice['stage']): boolean {
  return sent.some((notice) => notice.deadline === deadline && notice.stage === stage);
}

/** The due instant of one deadline; null for one not promised, or a resolution target not set yet. */
export function deadlineDue(sla: SlaState, kind: DeadlineKind): Date | null {
  return kind === 'receipt' ? sla.receiptDue : kind === 'assessment' ? sla.assessmentDue : sla.resolutionDue;
}

/** The deadlines that moved between two states of a clock (a resume), with their new due. */
export function movedDeadlines(before: SlaState, after: SlaState): Array<{ deadline: DeadlineKind; due: Date }> {
  return DEADLINES.flatMap((deadline) => {
    const was = deadlineDue(before, deadline);
    const now = deadlineDue(after, deadline);
    return now !== null && now.getTime() !== was?.getTime() ? [{ deadline, due: now }] : [];
  });
}
