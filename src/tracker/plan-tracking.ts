import type { DisclosureConfig } from '../config/schema.js';
import type { NewIssue } from '../ports.js';
import { neutraliseInline, neutraliseTitle } from '../report/neutralise.js';
import type { Report } from '../report/report.js';
import { scoreCvss } from '../triage/cvss.js';
import type { Severity } from '../triage/severity.js';
import { fitSections } from './fit-sections.js';
import { formatLocalDateTime } from './format-local.js';
import { channelLabel, severityLabel, type LabelName } from './labels.js';
import { loadTemplate } from './load-template.js';
import { reportMarker } from './marker.js';
import { initialSla, planDeadlines } from './plan-deadlines.js';
import { renderTemplate } from './render-template.js';
import { attachmentList, contactCell, cvssCell } from './summary-cells.js';
import { TRACKING_TEXT } from './tracking-text.js';

/** GitHub's maximum issue title length. */
const TITLE_LIMIT = 256;

/** What planTracking needs: the report, its promised deadlines, and the org's config. */
export interface PlanTrackingInput {
  report: Report;
  receiptDue: Date;
  assessmentDue: Date;
  /** From the reporter's CVSS vector, when it scores. */
  resolutionDue?: Date | null;
  config: DisclosureConfig;
  /** Where each attachment was stored, in order (links in the body). */
  attachmentUrls?: readonly string[];
}

/** The tracking issue to create, plus comments to post after it when the text is too long. */
export interface TrackingPlan extends NewIssue {
  labels: LabelName[];
  /** Usually empty. Comment bodies, in order, carrying the end of text that did not fit the body. */
  continuation: string[];
}

/**
 * Plans the private tracking issue for a report (STYLE.md §2): title, labels and body,
 * with every piece of reporter text neutralised (DESIGN.md invariant 4) and the hidden
 * report marker first (invariant 2). Pure apart from reading cached templates.
 */
export function planTracking(input: PlanTrackingInput): TrackingPlan {
  const { report, config } = input;
  const lang = config.tracking.language;
  const text = TRACKING_TEXT[lang];
  const fields = report.input;
  const prefix = `[${report.id}] `;
  const values = {
    marker: reportMarker(report.id),
    title: neutraliseInline(fields.title),
    id: `\`${report.id}\``,
    channel: text.channel[report.channel],
    received_at: formatLocalDateTime(report.receivedAt, config.sla.time_zone, text),
    affected: neutraliseInline(fields.affected) || text.empty,
    cvss: cvssCell(fields.cvss, text),
    credit: text.credit[fields.credit],
    contact: contactCell(fields.contact, text),
    attachments: attachmentList(fields.attachments, text, input.attachmentUrls),
    deadlines: planDeadlines({
      sla: { ...initialSla(report.receivedAt, input.receiptDue, input.assessmentDue), resolutionDue: input.resolutionDue ?? null },
      fixBy: null,
      severity: reporterSeverity(report),
      cvssVector: report.input.cvss ?? null,
      config,
    }),
  };
  const template = loadTemplate(lang, 'issue-body.md');
  const { body, continuation } = fitSections(
    { description: fields.description, steps: fields.steps, impact: fields.impact },
    (sections) => renderTemplate(template, { ...values, ...sections }),
    text,
  );
  return {
    title: prefix + neutraliseTitle(fields.title, TITLE_LIMIT - prefix.length),
    body,
    labels: planLabels(report),
    continuation,
  };
}

/** `status:new`, the channel, and the severity when the reporter's CVSS 3.x or 4.0 vector scores. */
export function planLabels(report: Report): LabelName[] {
  const severity = reporterSeverity(report);
  return ['status:new', channelLabel(report.channel), ...(severity === null ? [] : [severityLabel(severity)])];
}

/** The severity of the reporter's CVSS vector, or null when there is none or it does not score. */
export function reporterSeverity(report: Report): Severity | null {
  const scored = report.input.cvss === undefined ? null : scoreCvss(report.input.cvss);
  return scored?.ok === true ? scored.severity : null;
}
