import { catalogue } from '../i18n/catalogues.js';
import type { Language } from '../report/report.js';
import type { DeadlineKind } from '../clock/sla-state.js';
import { formatLocalDateTime } from './format-local.js';
import { TRACKING_TEXT } from './tracking-text.js';

/** One passed deadline of the backlog. */
export interface DigestEntry {
  issueNumber: number;
  deadline: DeadlineKind;
  due: Date;
}

/** The digest's context: language, time zone and the team to mention (all from the store). */
export interface DigestContext {
  org: string;
  language: Language;
  timeZone: string;
  overdueTeam: string | null;
}

/** The hidden marker of one digest, by its job key. */
export function digestMarker(key: string): string {
  return `<!-- disclosure-desk:overdue-digest=${key.replace(/[^A-Za-z0-9:_-]/g, '')} -->`;
}

/**
 * The digest issue: a heading, one line per passed deadline (`#n` links the tracking issue in
 * the same repository), oldest first, and the marker. Every value is ours: numbers, dates, our words.
 */
export function planOverdueDigest(ctx: DigestContext, entries: readonly DigestEntry[], marker: string): { title: string; body: string } {
  const texts = catalogue(ctx.language).tracking;
  const words = texts.deadlines;
  const what: Record<DeadlineKind, string> = { receipt: words.receipt, assessment: words.assessment, resolution: words.resolution };
  const sorted = [...entries].sort((a, b) => a.due.getTime() - b.due.getTime() || a.issueNumber - b.issueNumber);
  const lines = sorted.map((e) => texts.overdueDigest.line(`#${e.issueNumber}`, what[e.deadline], formatLocalDateTime(e.due, ctx.timeZone, TRACKING_TEXT[ctx.language])));
  const mention = ctx.overdueTeam === null ? '' : `@${ctx.org}/${ctx.overdueTeam} `;
  return { title: texts.overdueDigest.title(entries.length), body: `${mention}${texts.overdueDigest.heading(entries.length)}\n\n${lines.join('\n')}\n\n${marker}\n` };
}
