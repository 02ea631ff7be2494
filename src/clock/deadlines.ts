import { addBusinessDays } from './business-days.js';
import { addCalendarDays } from './calendar-days.js';
import { businessCalendar, type CalendarPolicy } from './holiday-calendar.js';
import type { DeadlineKind } from './sla-state.js';
import { endOfLocalDay, localDate } from './zoned-time.js';

/** The deadlines promised at receipt, as opposed to the resolution target set by a severity. */
export type ReceiptDeadline = Exclude<DeadlineKind, 'resolution'>;

/**
 * The promise a deadline is computed from: the `sla` section of the organisation's config
 * (`DisclosureConfig['sla']` fits). Each of receipt and assessment is counted in business
 * days or in calendar days; the config schema makes sure only one of each is set.
 */
export interface DeadlinePolicy extends CalendarPolicy {
  receipt_business_days?: number | undefined;
  receipt_calendar_days?: number | undefined;
  assessment_business_days?: number | undefined;
  assessment_calendar_days?: number | undefined;
  /** The deadlines promised; one left out is never computed. Unset: all three. */
  promises?: readonly DeadlineKind[] | undefined;
}

/** How a promised deadline is counted: `days` business or calendar days after the day of receipt. */
export interface DeadlineTerm {
  days: number;
  unit: 'business' | 'calendar';
}

/** What the organisation promised a researcher, as instants; null where it promised nothing. */
export interface PromisedDeadlines {
  /** End of the day by which receipt must be confirmed; null when `sla.promises` leaves it out. */
  receiptDue: Date | null;
  /** End of the day by which the assessment, with an expected fix date, is due; null when not promised. */
  assessmentDue: Date | null;
}

/** Whether the organisation promises this deadline (`sla.promises`; unset: all three). */
export function isPromised(sla: Pick<DeadlinePolicy, 'promises'>, kind: DeadlineKind): boolean {
  return sla.promises === undefined || sla.promises.includes(kind);
}

/**
 * How the receipt or assessment deadline is counted, or null when it is not promised. The
 * business-day defaults (1 and 5, seeds 000 and 004) apply when neither key is set.
 */
export function deadlineTerm(sla: DeadlinePolicy, kind: ReceiptDeadline): DeadlineTerm | null {
  if (!isPromised(sla, kind)) return null;
  const calendar = kind === 'receipt' ? sla.receipt_calendar_days : sla.assessment_calendar_days;
  if (calendar !== undefined) return { days: calendar, unit: 'calendar' };
  const business = kind === 'receipt' ? sla.receipt_business_days : sla.assessment_business_days;
  return { days: business ?? (kind === 'receipt' ? 1 : 5), unit: 'business' };
}

/**
 * Every UTC offset in use today is a multiple of 15 minutes, so all instants in one
 * aligned 15-minute slot fall on the same local day and share their deadlines. The
 * intake computes deadlines on every report; this keeps time-zone maths off its hot path.
 */
const SLOT_MS = 15 * 60_000;
const memo = new Map<string, PromisedDeadlines>();
const MEMO_LIMIT = 1000;

/**
 * The receipt and assessment deadlines for a report received at `receivedAt`. Business
 * days skip weekends and the public holidays of `sla.country` / `sla.region`; calendar
 * days count every day. Either way a deadline is the end of its local day in
 * `sla.time_zone`. A deadline `sla.promises` leaves out is null. Pure. Throws when
 * date-holidays does not know the country or region.
 */
export function promisedDeadlines(receivedAt: Date, sla: DeadlinePolicy): PromisedDeadlines {
  const receipt = deadlineTerm(sla, 'receipt');
  const assessment = deadlineTerm(sla, 'assessment');
  const key = `${Math.floor(receivedAt.getTime() / SLOT_MS)}|${sla.time_zone}|${sla.country ?? ''}|${sla.region ?? ''}|${termKey(receipt)}|${termKey(assessment)}`;
  const known = memo.get(key) ?? computeAndRemember(key, receivedAt, sla, receipt, assessment);
  return { receiptDue: copy(known.receiptDue), assessmentDue: copy(known.assessmentDue) };
}

function computeAndRemember(key: string, receivedAt: Date, sla: DeadlinePolicy, receipt: DeadlineTerm | null, assessment: DeadlineTerm | null): PromisedDeadlines {
  const deadlines = { receiptDue: dueAfter(receivedAt, receipt, sla), assessmentDue: dueAfter(receivedAt, assessment, sla) };
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, deadlines);
  return deadlines;
}

/** The end of the local day `term` after the local day of `start`; null for no term. */
export function dueAfter(start: Date, term: DeadlineTerm | null, sla: CalendarPolicy): Date | null {
  if (term === null) return null;
  if (term.unit === 'business') return addBusinessDays(start, term.days, businessCalendar(sla));
  return endOfLocalDay(addCalendarDays(localDate(start, sla.time_zone), term.days), sla.time_zone);
}

function termKey(term: DeadlineTerm | null): string {
  return term === null ? '-' : `${term.days}${term.unit === 'business' ? 'b' : 'c'}`;
}

function copy(date: Date | null): Date | null {
  return date === null ? null : new Date(date);
}
