import { localDateTime } from '../clock/zoned-time.js';
import type { TrackingText } from './tracking-text.js';

/**
 * "Monday 30 March 2026, 23:59 (Europe/Amsterdam)": the wall clock in `timeZone`, with
 * our own day and month names so the text does not depend on the ICU build.
 */
export function formatLocalDateTime(date: Date, timeZone: string, text: TrackingText): string {
  const local = localDateTime(date, timeZone);
  const time = `${pad(local.hour)}:${pad(local.minute)}`;
  return `${text.weekdays[local.weekday - 1] ?? ''} ${local.day} ${text.months[local.month - 1] ?? ''} ${local.year}, ${time} (${timeZone})`;
}

/** "512 B", "12.3 KB", "4.0 MB" (binary multiples), with the language's decimal separator. */
export function formatBytes(bytes: number, text: TrackingText): string {
  if (bytes < 1024) return `${bytes} B`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  return `${value.toFixed(1).replace('.', text.decimalSeparator)} ${unit}`;
}

/** The decoded size of base64 data, without decoding it. */
export function base64Size(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((data.length * 3) / 4) - padding);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
