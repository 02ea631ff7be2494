import { firstDisclosureCheck } from '../disclosure-date.js';
import type { CommandHandler, CommandOf } from './command-result.js';

/** Closed reports whose story has ended without a publication to agree on. */
const NOT_FOR_PUBLICATION = new Set(['rejected', 'duplicate', 'known', 'published']);

/**
 * `/disclose-on YYYY-MM-DD`: records the publication date agreed with the researcher (a day
 * in `sla.time_zone`, today or later); `/disclose-on none` withdraws it. The researcher is
 * told either way; the sweep reminds staff before the day and on it (`disclosure.reminder_days_before`).
 */
export const discloseOnCommand: CommandHandler<CommandOf<'disclose-on'>> = (command, before, result, { config, now }) => {
  if (NOT_FOR_PUBLICATION.has(before.status)) {
    return { ok: false, error: `there is no publication to agree while the report is ${before.status}`, usage: 'usage: /disclose-on YYYY-MM-DD | /disclose-on none' };
  }
  if (command.date === null) {
    const was = before.disclosure?.date ?? null;
    if (was === null) return { ok: false, error: 'no disclosure date is set', usage: 'usage: /disclose-on YYYY-MM-DD' };
    result.fields = { ...result.fields, disclosure: null };
    result.events.push({ type: 'disclosure-date', data: { date: null } });
    result.deadlinesChanged = true;
    result.message = { kind: 'disclosure-withdrawn', params: { date: was } };
    result.confirmation = { kind: 'disclose-on-none', params: { date: was } };
    return result;
  }
  const { year, month, day } = command.date;
  const iso = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  // "Today" where the SLA is kept: en-CA formats a date as YYYY-MM-DD, so the strings compare.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: config.sla.time_zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  if (iso < today) return { ok: false, error: `${iso} is in the past`, usage: 'usage: /disclose-on YYYY-MM-DD (today or later)' };
  if (before.disclosure?.date === iso) return { ok: false, error: `${iso} is already the agreed date`, usage: 'usage: /disclose-on YYYY-MM-DD | /disclose-on none' };
  const reminderDays = config.disclosure.reminder_days_before;
  result.fields = { ...result.fields, disclosure: { date: iso, reminderDays, checkAt: firstDisclosureCheck({ date: iso, reminderDays }, config.sla.time_zone, now) } };
  result.events.push({ type: 'disclosure-date', data: { date: iso } });
  result.deadlinesChanged = true;
  result.message = { kind: 'disclosure-date', params: { date: iso } };
  result.confirmation = { kind: 'disclose-on', params: { date: iso, days: String(reminderDays) } };
  return result;
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
