import { catalogue } from '../../i18n/catalogues.js';
import type { Language } from '../../report/report.js';

/**
 * A date and time as a reporter reads it, in the organisation's time zone, e.g.
 * "Tuesday 3 March 2026 at 17:00 CET" / "dinsdag 3 maart 2026 om 17:00 CET".
 */
export function formatDateTime(date: Date, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(catalogue(language).locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(date);
}

/** A byte count in binary units, e.g. "5 MiB" / "1,5 MiB". */
export function formatBytes(bytes: number, language: Language): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const number = new Intl.NumberFormat(catalogue(language).locale, { maximumFractionDigits: 1 }).format(value);
  return `${number} ${units[unit] ?? 'bytes'}`;
}
