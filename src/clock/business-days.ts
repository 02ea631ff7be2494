import { endOfLocalDay, isoWeekday, localDate, nextDay, type CalendarDate } from './zoned-time.js';

export { localDate } from './zoned-time.js';
export type { CalendarDate, LocalDate } from './zoned-time.js';

/** Where business days are counted, and which weekdays are not business days. */
export interface BusinessCalendar {
  /** IANA time zone in which a day starts and ends. */
  timeZone: string;
  /** Public holidays (from date-holidays (see holiday-calendar.ts)). Weekends are handled separately. */
  isHoliday(date: CalendarDate): boolean;
  /**
   * The receipt/assessment deadlines the organisation counts in calendar days
   * (`sla.*_calendar_days`): a pause moves them by calendar days, not business days.
   */
  calendarDayDeadlines?: ReadonlyArray<'receipt' | 'assessment'>;
}

/** Ten years of consecutive non-business days means the calendar is broken. */
const MAX_CLOSED_DAYS = 3660;

/** A calendar with Saturday and Sunday off and no holidays. */
export function weekendsOnly(timeZone: string): BusinessCalendar {
  return { timeZone, isHoliday: () => false };
}

/** Monday to Friday, and not a holiday. */
export function isBusinessDay(date: CalendarDate, calendar: BusinessCalendar): boolean {
  return isoWeekday(date) <= 5 && !calendar.isHoliday(date);
}

/**
 * The deadline `days` business days after `start`: the last millisecond (23:59:59.999
 * local) of the `days`-th business day after the local day of `start`. With 0 days it is
 * the end of the day of `start` when that is a business day, else of the next one.
 * Friday evening + 1 is the end of Monday; Saturday + 1 is the end of Monday.
 */
export function addBusinessDays(start: Date, days: number, calendar: BusinessCalendar): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('business days must be a whole number, 0 or more');
  let date: CalendarDate = localDate(start, calendar.timeZone);
  let remaining = days;
  let closed = 0;
  if (remaining === 0) {
    while (!isBusinessDay(date, calendar)) {
      date = nextDay(date);
      closed = checkClosed(closed + 1);
    }
  }
  while (remaining > 0) {
    date = nextDay(date);
    if (isBusinessDay(date, calendar)) {
      remaining -= 1;
      closed = 0;
    } else {
      closed = checkClosed(closed + 1);
    }
  }
  return endOfLocalDay({ year: date.year, month: date.month, day: date.day }, calendar.timeZone);
}

function checkClosed(closed: number): number {
  if (closed > MAX_CLOSED_DAYS) throw new RangeError('the calendar has no business day within ten years');
  return closed;
}
