import type { DisclosureConfig } from '../config/schema.js';
import type { SlaState } from '../clock/sla-state.js';
import { deadlineTerm, isPromised, type ReceiptDeadline } from '../clock/deadlines.js';
import type { Severity } from '../report/severity.js';
import { scoreCvss } from '../report/cvss.js';
import { catalogue } from '../i18n/catalogues.js';
import { formatLocalDateTime } from './format-local.js';
import { DEADLINES_END, DEADLINES_START, wrapDeadlines } from './marker.js';
import { renderTemplate } from './render-template.js';
import { TRACKING_TEXT } from './tracking-text.js';

/** What the Deadlines section shows: the SLA clock, the promised fix date and the severity. */
export interface DeadlinesView {
  sla: SlaState;
  fixBy: string | null;
  severity: Severity | null;
  /** The vector the severity came from, if any (staff's `/severity` or the reporter's). */
  cvssVector?: string | null;
  config: DisclosureConfig;
  /** The publication date agreed with `/disclose-on` (`YYYY-MM-DD`); its row shows only when set. */
  disclosureOn?: string | null;
}

/**
 * The `## Deadlines` section of a tracking issue, between its hidden start and end
 * markers, so that triage can replace it in place. Dates are shown in the SLA time zone.
 * Pure; every value is ours (no reporter text).
 */
export function planDeadlines(view: DeadlinesView): string {
  const { sla, tracking } = view.config;
  const lang = tracking.language;
  const text = TRACKING_TEXT[lang];
  const words = catalogue(lang).tracking.deadlines;
  const when = (date: Date) => formatLocalDateTime(date, sla.time_zone, text);
  const status = (met: Date | null) => (met === null ? words.open : words.met(when(met)));
  const resolutionDays = view.severity === null || view.severity === 'none' ? null : sla.resolution_days[view.severity];
  // "(1 business day)" or "(7 calendar days)", as the config counts it; nothing if it no longer promises it.
  const span = (kind: ReceiptDeadline) => {
    const term = deadlineTerm(sla, kind);
    return term === null ? '' : ` (${term.unit === 'business' ? text.businessDays(term.days) : words.calendarDays(term.days)})`;
  };
  // A deadline the organisation does not promise has no row (config `sla.promises`).
  const promised = (kind: ReceiptDeadline, due: Date | null, met: Date | null) => (due === null ? [] : [row(words[kind], `${when(due)}${span(kind)}`, status(met))]);

  const rows = [
    ...promised('receipt', view.sla.receiptDue, view.sla.receiptMetAt),
    ...promised('assessment', view.sla.assessmentDue, view.sla.assessmentMetAt),
    row(words.fixBy, view.fixBy ?? words.fixByPending, ''),
    ...(view.disclosureOn == null ? [] : [row(words.disclosure, view.disclosureOn, '')]),
    ...(view.sla.resolutionDue === null && !isPromised(sla, 'resolution')
      ? []
      : [
          row(
            words.resolution,
            view.sla.resolutionDue === null
              ? words.resolutionPending
              : `${when(view.sla.resolutionDue)}${resolutionDays === null ? '' : ` (${words.calendarDays(resolutionDays)})`}`,
            view.sla.resolutionDue === null ? '' : status(view.sla.resolutionMetAt),
          ),
        ]),
  ];
  const note = view.sla.pausedAt === null ? '' : `\n${words.paused(when(view.sla.pausedAt))}`;
  return wrapDeadlines(renderTemplate(catalogue(lang).templates.deadlines, { severity: severityLine(view), rows: rows.join('\n'), note }));
}

/** "Severity: **critical** (CVSS 9.8, `CVSS:3.1/…`)", or that none is set yet. */
function severityLine(view: DeadlinesView): string {
  const lang = view.config.tracking.language;
  const words = catalogue(lang).tracking.deadlines;
  if (view.severity === null) return words.severityPending;
  const scored = view.cvssVector == null ? null : scoreCvss(view.cvssVector);
  const detail = scored?.ok === true ? ` (CVSS ${scored.score.toFixed(1)}, \`${scored.vector}\`)` : '';
  return words.severity(TRACKING_TEXT[lang].severity[view.severity], detail);
}

function row(what: string, due: string, status: string): string {
  return `| ${what} | ${due} | ${status} |`;
}

/** The clock of a report that was just received: nothing met, nothing paused. */
export function initialSla(receivedAt: Date, receiptDue: Date | null, assessmentDue: Date | null): SlaState {
  return {
    receivedAt,
    receiptDue,
    assessmentDue,
    resolutionDue: null,
    receiptMetAt: null,
    assessmentMetAt: null,
    resolutionMetAt: null,
    pausedAt: null,
    pausedCalendarDays: 0,
  };
}

/** Replaces the marked Deadlines section of an issue body; null when the markers are missing. */
export function replaceDeadlines(body: string, section: string): string | null {
  const start = body.indexOf(DEADLINES_START);
  const end = start === -1 ? -1 : body.indexOf(DEADLINES_END, start);
  if (start === -1 || end === -1) return null;
  return body.slice(0, start) + section + body.slice(end + DEADLINES_END.length);
}
