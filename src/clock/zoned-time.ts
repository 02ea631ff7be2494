import { wallClockMs } from './zone-offsets.js';

/*
 * Wall-clock maths in an IANA time zone with Intl only (no dependency). Instants stay
 * UTC; a zone is consulted only to read a wall clock or to find where a local day ends
 * (zone-offsets.ts, which remembers what Intl said).
 */

/** A day on the calendar, without a time or a zone. Months are 1–12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** A calendar day with its ISO weekday: 1 = Monday … 7 = Sunday. */
export interface LocalDate extends CalendarDate {
  weekday: number;
}

/** A local wall-clock reading. */
export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;

/** The calendar day (and weekday) that `date` falls on in `timeZone`. */
export function localDate(date: Date, timeZone: string): LocalDate {
  const { year, month, day, weekday } = localDateTime(date, timeZone);
  return { year, month, day, weekday };
}

/** The wall clock in `timeZone` at the instant `date`. Throws RangeError for an invalid date or zone. */
export function localDateTime(date: Date, timeZone: string): LocalDateTime {
  const instant = date.getTime();
  if (Number.isNaN(instant)) throw new RangeError('invalid date');
  const wall = new Date(wallClockMs(instant, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    // getUTCDay counts from Sunday = 0; ISO from Monday = 1 to Sunday = 7.
    weekday: wall.getUTCDay() || 7,
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The calendar date after `date`. */
export function nextDay(date: CalendarDate): CalendarDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/**
 * The last millisecond of `date` in `timeZone`: one millisecond before the next local
 * day starts. Where the next midnight happens twice (clocks go back at midnight) it is
 * before the later one; where it is skipped (clocks go forward at midnight) it is before
 * the first instant of the next day.
 */
export function endOfLocalDay(date: CalendarDate, timeZone: string): Date {
  const next = nextDay(date);
  const midnight = Date.UTC(next.year, next.month - 1, next.day);
  // At most one offset change lies within a day of midnight; try the offset on each side.
  const before = midnight - offsetMs(midnight - DAY_MS, timeZone);
  const after = midnight - offsetMs(midnight + DAY_MS, timeZone);
  const exact = [before, after].filter((instant) => wallClockMs(instant, timeZone) === midnight);
  if (exact.length > 0) return new Date(Math.max(...exact) - 1);
  // Midnight does not exist: search the gap for the first instant of the next day.
  let low = Math.min(before, after);
  let high = Math.max(before, after);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (wallClockMs(middle, timeZone) >= midnight) high = middle;
    else low = middle;
  }
  return new Date(high - 1);
}

/** How far the wall clock in `timeZone` is ahead of UTC at `instant`, in milliseconds. */
function offsetMs(instant: number, timeZone: string): number {
  return wallClockMs(instant, timeZone) - instant;
}
