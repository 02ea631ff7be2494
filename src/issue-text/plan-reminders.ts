import { catalogue } from '../i18n/catalogues.js';
import type { Language } from '../report/report.js';
import type { DisclosureStage } from '../triage/disclosure-date.js';
import { formatLocalDateTime } from './format-local.js';
import { TRACKING_TEXT } from './tracking-text.js';

/** Where a reminder is posted and how it is written (from the report row). */
export interface ReminderContext {
  org: string;
  language: Language;
  timeZone: string;
  /** Team slug to mention, or null. */
  overdueTeam: string | null;
}

/** The comment about an agreed publication date: some days before it, or on the day. Every value is ours. */
export function planDisclosureNotice(ctx: ReminderContext, stage: DisclosureStage, date: string, days: number): string {
  const words = catalogue(ctx.language).tracking.disclosureNotice;
  return stage === 'reminder' ? words.reminder(date, days) : words.day(date);
}

/** The "we keep you informed" comment; mentions the overdue team when one is configured. */
export function planKeepInformed(ctx: ReminderContext, lastContactAt: Date, days: number): string {
  // Org and team slugs are validated by GitHub and by the config schema: safe to mention.
  const mention = ctx.overdueTeam === null ? '' : `@${ctx.org}/${ctx.overdueTeam} `;
  return `${mention}${catalogue(ctx.language).tracking.keepInformed(formatLocalDateTime(lastContactAt, ctx.timeZone, TRACKING_TEXT[ctx.language]), days)}`;
}
