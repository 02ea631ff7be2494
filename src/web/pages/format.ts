import { catalogue } from '../../i18n/catalogues.js';
import type { Language } from '../../report/report.js';

/** Dates for people (one module for pages and mails): see src/i18n/format-date.ts. */
export { formatCalendarDay, formatDate, formatDateTime } from '../../i18n/format-date.js';

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
