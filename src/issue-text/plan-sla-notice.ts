import type { DeadlineKind, DueNotice } from '../clock/sla-state.js';
import type { Language } from '../report/report.js';
import { catalogue } from '../i18n/catalogues.js';
import { formatLocalDateTime } from './format-local.js';
import { TRACKING_TEXT } from './tracking-text.js';

/** Where the sweep's comment goes and how it is written; all from the store (no GitHub reads). */
export interface NoticeContext {
  org: string;
  language: Language;
  timeZone: string;
  /** Team slug to mention on overdue notices, or null. */
  overdueTeam: string | null;
}

/** The reminder / overdue comment for the notices due on one report. */
export function planSlaNotice(ctx: NoticeContext, notices: readonly DueNotice[]): string {
  const texts = catalogue(ctx.language);
  const words = texts.tracking.deadlines;
  const text = TRACKING_TEXT[ctx.language];
  const what: Record<DeadlineKind, string> = { receipt: words.receipt, assessment: words.assessment, resolution: words.resolution };
  const lines = notices.map((n) => texts.tracking.slaNotice[n.stage](what[n.deadline], formatLocalDateTime(n.due, ctx.timeZone, text)));
  const overdue = notices.some((n) => n.stage === 'overdue');
  // Org and team slugs are validated by GitHub and by the config schema: safe to mention.
  const mention = overdue && ctx.overdueTeam !== null ? `@${ctx.org}/${ctx.overdueTeam} ` : '';
  return `${mention}${lines.join('\n')}`;
}
