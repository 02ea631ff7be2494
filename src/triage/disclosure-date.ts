import { addCalendarDays } from '../clock/calendar-days.js';
import { endOfLocalDay, type CalendarDate } from '../clock/zoned-time.js';
import type { TriageStatus } from './triage-status.js';

/**
 * The publication date agreed with the researcher (`/disclose-on`, seed 004: "in onderling
 * overleg"), as the store keeps it with the triage record.
 */
export interface AgreedDisclosure {
  /** The agreed day, `YYYY-MM-DD`, a calendar day in `sla.time_zone`. */
  date: string;
  /** `disclosure.reminder_days_before` when the date was agreed (0: no reminder). */
  reminderDays: number;
  /** When the sweep must next look at it (the reminder, then the day itself); null when nothing is left to post. */
  checkAt: Date | null;
}

/** The two notices about an agreed date: some days before it, and on the day. */
export type DisclosureStage = 'reminder' | 'day';

/** Statuses for which an agreed date still needs a person: a fixed report is published on it; a closed-as-not-a-bug one never is. */
export const DISCLOSURE_STATUSES: ReadonlySet<TriageStatus> = new Set(['new', 'triaged', 'accepted', 'resolved']);

/** The first instant of `date` in `timeZone` (the end of the day before, plus 1 ms). */
export function startOfLocalDay(date: CalendarDate, timeZone: string): Date {
  return new Date(endOfLocalDay(addCalendarDays(date, -1), timeZone).getTime() + 1);
}

/** `YYYY-MM-DD` as a calendar day (the parser made sure it is a real one). */
export function calendarDateOf(iso: string): CalendarDate {
  const [year = 0, month = 0, day = 0] = iso.split('-').map(Number);
  return { year, month, day };
}

/** When each notice is due: the reminder at the start of the day `reminderDays` before, the day notice at the start of the day. */
export function disclosureMoments(disclosure: Pick<AgreedDisclosure, 'date' | 'reminderDays'>, timeZone: string): { reminderAt: Date | null; dayAt: Date } {
  const day = calendarDateOf(disclosure.date);
  const dayAt = startOfLocalDay(day, timeZone);
  const reminderAt = disclosure.reminderDays > 0 ? startOfLocalDay(addCalendarDays(day, -disclosure.reminderDays), timeZone) : null;
  return { reminderAt, dayAt };
}

/**
 * The first check of a newly agreed date. A reminder whose moment has already come when the
 * date is agreed (a date closer than `reminderDays`) is skipped: the confirmation just said it.
 */
export function firstDisclosureCheck(disclosure: Pick<AgreedDisclosure, 'date' | 'reminderDays'>, timeZone: string, now: Date): Date {
  const { reminderAt, dayAt } = disclosureMoments(disclosure, timeZone);
  return reminderAt !== null && reminderAt.getTime() > now.getTime() ? reminderAt : dayAt;
}

/**
 * What the sweep posts at `now` for an agreed date, and when it looks again. Pure. The
 * reminder only before the day itself; the day notice once the day has come; each once
 * (`sent` are the stages recorded for this date).
 */
export function dueDisclosureNotices(
  disclosure: Pick<AgreedDisclosure, 'date' | 'reminderDays'>,
  timeZone: string,
  now: Date,
  sent: readonly DisclosureStage[],
): { due: DisclosureStage[]; nextCheckAt: Date | null } {
  const { reminderAt, dayAt } = disclosureMoments(disclosure, timeZone);
  const at = now.getTime();
  if (at >= dayAt.getTime()) return { due: sent.includes('day') ? [] : ['day'], nextCheckAt: null };
  if (reminderAt !== null && at >= reminderAt.getTime() && !sent.includes('reminder')) return { due: ['reminder'], nextCheckAt: dayAt };
  return { due: [], nextCheckAt: reminderAt !== null && at < reminderAt.getTime() && !sent.includes('reminder') ? reminderAt : dayAt };
}
