import type { CommandHandler, CommandOf } from './command-result.js';
import { advance, assessed } from './result-steps.js';

/** `/fix-by YYYY-MM-DD`: promises a fix date, which keeps the assessment promise. */
export const fixByCommand: CommandHandler<CommandOf<'fix-by'>> = (command, before, result, { config, now }) => {
  const { year, month, day } = command.date;
  const iso = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  // "Today" where the SLA is kept: en-CA formats a date as YYYY-MM-DD, so the strings compare.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: config.sla.time_zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  if (iso < today) return { ok: false, error: `${iso} is in the past`, usage: 'usage: /fix-by YYYY-MM-DD (today or later)' };
  result.fields = { ...result.fields, fixBy: iso, status: advance(result.fields.status) };
  assessed(result, before, now);
  result.events.push({ type: 'fix-by', data: { date: iso } });
  result.deadlinesChanged = true;
  result.message = { kind: 'assessment', params: { date: iso } };
  result.confirmation = { kind: 'fix-by', params: { date: iso } };
  return result;
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
