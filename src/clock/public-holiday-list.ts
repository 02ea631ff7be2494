import Holidays from 'date-holidays';
import type { Language } from '../report/report.js';
import type { CalendarPolicy } from './holiday-calendar.js';

/** A public holiday that falls on a weekday, named in the reader's language. */
export interface NamedHoliday {
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  name: string;
}

const cache = new Map<string, NamedHoliday[]>();

/**
 * The public holidays of `policy.country` (and region) in `year` that fall on a weekday:
 * the days the SLA clock skips besides weekends (the same `public` type filter as
 * `businessCalendar`). Empty without a country. For the policy page, so researchers can
 * see which days do not count.
 */
export function weekdayPublicHolidays(policy: CalendarPolicy, year: number, language: Language): NamedHoliday[] {
  const { country, region } = policy;
  if (country === undefined) return [];
  const key = `${country}|${region ?? ''}|${year}|${language}`;
  const known = cache.get(key);
  if (known) return known;
  const options = { languages: [language] };
  const holidays = region === undefined ? new Holidays(country, options) : new Holidays(country, region, options);
  const list = holidays
    .getHolidays(year, language)
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name }))
    .filter((holiday) => isWeekday(holiday.date));
  if (cache.size > 200) cache.clear();
  cache.set(key, list);
  return list;
}

function isWeekday(date: string): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}
