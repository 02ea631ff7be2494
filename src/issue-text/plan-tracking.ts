import { createHash } from 'node:crypto';
import type { DisclosureConfig } from '../config/schema.js';
import { catalogue } from '../i18n/catalogues.js';
import type { NewIssue } from '../ports/github.js';
import { neutraliseInline, neutraliseTitle } from '../report/neutralise.js';
import type { Attachment, Language, Report } from '../report/report.js';
import { safeFileName } from '../report/safe-file-name.js';
import { scoreCvss } from '../report/cvss.js';
import type { Severity } from '../report/severity.js';
import { fitSections } from './fit-sections.js';
import { base64Size, formatBytes, formatLocalDateTime } from './format-local.js';
import { channelLabel, severityLabel, type LabelName } from './labels.js';
import { reportMarker, triageNotesMarker } from './marker.js';
import { initialSla, planDeadlines } from './plan-deadlines.js';
import { renderTemplate } from './render-template.js';
import { contactCell, cvssCell } from './summary-cells.js';
import { TRACKING_TEXT, type TrackingText } from './tracking-text.js';

/** GitHub's maximum issue title length. */
const TITLE_LIMIT = 256;

/** What planTracking needs: the report, its promised deadlines, and the org's config. */
export interface PlanTrackingInput {
  report: Report;
  /** Null when no receipt deadline was promised. */
  receiptDue: Date | null;
  /** Null when no assessment deadline was promised. */
  assessmentDue: Date | null;
  /** From the reporter's CVSS vector, when it scores. */
  resolutionDue?: Date | null;
  config: DisclosureConfig;
  /** Where each attachment can be downloaded, in order (links in the body): the staff page's downloads. */
  attachmentUrls?: readonly string[];
  /**
   * The report's staff page (`<PUBLIC_URL>/staff/orgs/{org}/reports/{id}`), linked beside the
   * tracking id: where staff reveal the researcher's contact details. Absent without PUBLIC_URL.
   */
  staffUrl?: string | null;
  /**
   * The triage notes from filing (scope, known issues, possible duplicates), or null. They
   * end the body, after their marker: one request files the report with what staff need.
   */
  triageNotes?: string | null;
}

/** The tracking issue to create, plus comments to post after it when the text is too long. */
export interface TrackingPlan extends NewIssue {
  labels: LabelName[];
  /** Usually empty. Comment bodies, in order, carrying the end of text that did not fit the body. */
  continuation: string[];
}

/**
 * Plans the private tracking issue for a report: title, labels and body,
 * with every piece of reporter text neutralised (rule "untrusted text never becomes markup") and the hidden
 * report marker first (rule "one tracking issue per report"). Pure.
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
    id: input.staffUrl ? `\`${report.id}\` · [${catalogue(lang).staff.issue.staffPage}](${input.staffUrl})` : `\`${report.id}\``,
    channel: text.channel[report.channel],
    received_at: formatLocalDateTime(report.receivedAt, config.sla.time_zone, text),
    affected: neutraliseInline(fields.affected) || text.empty,
    cvss: cvssCell(fields.cvss, text),
    credit: text.credit[fields.credit ?? 'anonymous'],
    contact: contactCell(fields.contact, text),
    attachments: attachmentLines(fields.attachments, lang, text, input.attachmentUrls),
    deadlines: planDeadlines({
      sla: { ...initialSla(report.receivedAt, input.receiptDue, input.assessmentDue), resolutionDue: input.resolutionDue ?? null },
      fixBy: null,
      severity: reporterSeverity(report),
      cvssVector: report.input.cvss ?? null,
      config,
    }),
  };
  const template = catalogue(lang).templates.issueBody;
  // Our own short text: the report's long sections make room for it, never the other way round.
  const notes = input.triageNotes ? `\n${triageNotesMarker(report.id)}\n${input.triageNotes}\n` : '';
  const { body, continuation } = fitSections(
    { description: fields.description, steps: fields.steps, impact: fields.impact },
    (sections) => renderTemplate(template, { ...values, ...sections }) + notes,
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

/**
 * One list item per attachment: the name it is stored under (safeFileName), linked to its
 * download on the staff page when `urls` has one (the URL is ours), its size and verified
 * type. When the name was changed, a sub-item gives the name as sent, neutralised (a bidi
 * override shows as `[U+202E]`), and what was changed; a ZIP archive gets a warning; last,
 * the file's SHA-256, so staff can tell the download is the file the researcher sent.
 */
function attachmentLines(attachments: readonly Attachment[], lang: Language, text: TrackingText, urls: readonly string[] = []): string {
  if (attachments.length === 0) return text.empty;
  const words = catalogue(lang).tracking.attachments;
  return attachments
    .map((file, index) => {
      const safe = safeFileName(file.filename, file.contentType, index);
      const url = urls[index];
      const name = `\`${safe.name}\``;
      const shown = url === undefined ? name : `[${name}](${url})`;
      const lines = [`- ${shown} (${formatBytes(base64Size(file.dataBase64), text)}, ${file.contentType})`];
      if (safe.changes.length > 0) {
        lines.push(`  - ${words.sentAs} ${neutraliseInline(file.filename)} — ${safe.changes.map((change) => words.changes[change]).join('; ')}`);
      }
      if (file.contentType === 'application/zip') lines.push(`  - ${words.zip}`);
      lines.push(`  - SHA-256 \`${createHash('sha256').update(Buffer.from(file.dataBase64, 'base64')).digest('hex')}\``);
      return lines.join('\n');
    })
    .join('\n');
}
