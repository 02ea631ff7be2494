import Holidays from 'date-holidays';
import type { BusinessCalendar, CalendarDate } from './business-days.js';

/** The part of the SLA config that decides which days are business days. */
export interface CalendarPolicy {
  /** IANA time zone in which a day starts and ends. */
  time_zone: string;
  /** ISO 3166 two-letter country whose public holidays are skipped. Unset: weekends only. */
  country?: string | undefined;
  /** A state or province of `country` as date-holidays names it (e.g. `BY` in `DE`). */
  region?: string | undefined;
  /** Set when the receipt deadline counts calendar days (see BusinessCalendar.calendarDayDeadlines). */
  receipt_calendar_days?: number | undefined;
  /** Set when the assessment deadline counts calendar days. */
  assessment_calendar_days?: number | undefined;
}

/** One date-holidays instance per country/region, with the public holidays of each year asked for. */
interface HolidaySource {
  holidays: Holidays;
  years: Map<number, ReadonlySet<string>>;
}

const sources = new Map<string, HolidaySource>();

/**
 * Weekends plus the public holidays of `sla.country` (and `sla.region`) from date-holidays.
 * Only holidays of type `public` count: bank, school, observance and optional days are
 * business days (in NL, Goede Vrijdag and Bevrijdingsdag are `school`). Without a country,
 * only weekends are skipped.
 *
 * Throws an Error naming the code when date-holidays does not know the country or region;
 * the config schema only checks the shape, so this is where an unknown code surfaces.
 */
export function businessCalendar(sla: CalendarPolicy): BusinessCalendar {
  const { time_zone: timeZone, country, region } = sla;
  const calendarDayDeadlines = [
    ...(sla.receipt_calendar_days === undefined ? [] : (['receipt'] as const)),
    ...(sla.assessment_calendar_days === undefined ? [] : (['assessment'] as const)),
  ];
  const counted = calendarDayDeadlines.length === 0 ? {} : { calendarDayDeadlines };
  if (country === undefined) return { timeZone, isHoliday: () => false, ...counted };
  const source = holidaySource(country, region);
  return { timeZone, isHoliday: (date) => publicHolidays(source, date.year).has(isoDate(date)), ...counted };
}

/**
 * Why date-holidays cannot serve this country/region, or null when it can. The config
 * schema uses it, so an unknown code is a config error (reports held), not a crash.
 */
export function holidayCalendarProblem(country: string, region: string | undefined): string | null {
  const names = new Holidays();
  if (!Object.hasOwn(names.getCountries(), country)) {
    return `unknown holiday country "${country}": date-holidays has no calendar for it`;
  }
  // date-holidays silently falls back to the whole country for an unknown state, so check it here.
  if (region !== undefined && !Object.hasOwn(names.getStates(country) ?? {}, region)) {
    return `unknown holiday region "${region}" in country "${country}": date-holidays has no calendar for it`;
  }
  return null;
}

function holidaySource(country: string, region: string | undefined): HolidaySource {
  const key = `${country}|${region ?? ''}`;
  const known = sources.get(key);
  if (known) return known;
  const problem = holidayCalendarProblem(country, region);
  if (problem !== null) throw new Error(problem);
  const holidays = region === undefined ? new Holidays(country) : new Holidays(country, region);
  const source: HolidaySource = { holidays, years: new Map() };
  sources.set(key, source);
  return source;
}

function publicHolidays(source: HolidaySource, year: number): ReadonlySet<string> {
  const known = source.years.get(year);
  if (known) return known;
  // `date` is 'YYYY-MM-DD 00:00:00' in the country's own time zone, so its date part is the local day.
  const dates = new Set(
    source.holidays
      .getHolidays(year)
      .filter((holiday) => holiday.type === 'public')
      .map((holiday) => holiday.date.slice(0, 10)),
  );
  source.years.set(year, dates);
  return dates;
}

function isoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
