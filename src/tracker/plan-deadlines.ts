import type { DisclosureConfig } from '../config/schema.js';
import { formatLocalDateTime } from './format-local.js';
import { loadTemplate } from './load-template.js';
import { wrapDeadlines } from './marker.js';
import { renderTemplate } from './render-template.js';
import { TRACKING_TEXT } from './tracking-text.js';

/**
 * The `## Deadlines` section of a tracking issue, between its hidden start and end
 * markers, so that it can later be replaced in place. Dates are shown in the SLA time zone.
 */
export function planDeadlines(input: { receiptDue: Date; assessmentDue: Date; config: DisclosureConfig }): string {
  const { sla, tracking } = input.config;
  const text = TRACKING_TEXT[tracking.language];
  const section = renderTemplate(loadTemplate(tracking.language, 'deadlines.md'), {
    receipt_due: formatLocalDateTime(input.receiptDue, sla.time_zone, text),
    receipt_days: text.businessDays(sla.receipt_business_days),
    assessment_due: formatLocalDateTime(input.assessmentDue, sla.time_zone, text),
    assessment_days: text.businessDays(sla.assessment_business_days),
  });
  return wrapDeadlines(section);
}
