import type { CalendarDate } from './zoned-time.js';

const DAY_MS = 86_400_000;

/** The date `days` calendar days after `date` (before it when `days` is negative). */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** How many calendar days the half-open range [from, to) holds: 0 when `to` is not after `from`. */
export function calendarDaysBetween(from: CalendarDate, to: CalendarDate): number {
  const days = (Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / DAY_MS;
  return Math.max(0, days);
}
