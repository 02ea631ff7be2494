import { catalogue, type LanguageCode } from './catalogues.js';

/*
 * Dates as people read them, in the reader's language (the catalogue's `locale`) and the
 * organisation's time zone: what the status page and the researcher's mails show, never an
 * ISO timestamp. One formatter per language, time zone and style, made once.
 */

type Style = 'date' | 'dateTime';

const OPTIONS: Readonly<Record<Style, Intl.DateTimeFormatOptions>> = {
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  dateTime: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: Style, language: LanguageCode, timeZone: string): Intl.DateTimeFormat {
  const key = `${style} ${language} ${timeZone}`;
  let found = formatters.get(key);
  if (found === undefined) {
    found = new Intl.DateTimeFormat(catalogue(language).locale, { ...OPTIONS[style], timeZone });
    formatters.set(key, found);
  }
  return found;
}

/** The day in `timeZone`, e.g. "7 December 2026" / "7 december 2026": where the time of day does not matter. */
export function formatDate(date: Date, language: LanguageCode, timeZone: string): string {
  return formatter('date', language, timeZone).format(date);
}

/**
 * Day and time in `timeZone`, with the zone, e.g. "Tuesday, 3 March 2026 at 17:00 CET" /
 * "dinsdag 3 maart 2026 om 17:00 CET": for deadlines, where the hour matters.
 */
export function formatDateTime(date: Date, language: LanguageCode, timeZone: string): string {
  return formatter('dateTime', language, timeZone).format(date);
}

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day written as `YYYY-MM-DD` (a `/fix-by` date: the same day in every time zone),
 * e.g. "1 April 2026" / "1 april 2026". Anything that is not such a day is returned as given.
 */
export function formatCalendarDay(day: string, language: LanguageCode): string {
  const match = CALENDAR_DAY.exec(day);
  if (match === null) return day;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const instant = new Date(Date.UTC(year, month - 1, date));
  // Date.UTC rolls 2026-02-31 over into March: such a string is no calendar day.
  if (instant.getUTCFullYear() !== year || instant.getUTCMonth() !== month - 1 || instant.getUTCDate() !== date) return day;
  return formatDate(instant, language, 'UTC');
}
