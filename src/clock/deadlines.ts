import { addBusinessDays } from './business-days.js';
import { businessCalendar, type CalendarPolicy } from './holiday-calendar.js';

/** The promise a deadline is computed from: the `sla` section of the organisation's config. */
export interface DeadlinePolicy extends CalendarPolicy {
  receipt_business_days: number;
  assessment_business_days: number;
}

/** What the organisation promised a researcher, as instants. */
export interface PromisedDeadlines {
  /** End of the day by which receipt must be confirmed. */
  receiptDue: Date;
  /** End of the day by which the assessment, with an expected fix date, is due. */
  assessmentDue: Date;
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
 * The receipt and assessment deadlines for a report received at `receivedAt`, skipping
 * weekends and the public holidays of `sla.country` / `sla.region`. Pure. Throws when
 * date-holidays does not know the country or region.
 */
export function promisedDeadlines(receivedAt: Date, sla: DeadlinePolicy): PromisedDeadlines {
  const key = `${Math.floor(receivedAt.getTime() / SLOT_MS)}|${sla.time_zone}|${sla.country ?? ''}|${sla.region ?? ''}|${sla.receipt_business_days}|${sla.assessment_business_days}`;
  const known = memo.get(key);
  if (known) return { receiptDue: new Date(known.receiptDue), assessmentDue: new Date(known.assessmentDue) };
  const calendar = businessCalendar(sla);
  const deadlines = {
    receiptDue: addBusinessDays(receivedAt, sla.receipt_business_days, calendar),
    assessmentDue: addBusinessDays(receivedAt, sla.assessment_business_days, calendar),
  };
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, deadlines);
  return { receiptDue: new Date(deadlines.receiptDue), assessmentDue: new Date(deadlines.assessmentDue) };
}
