import type { DisclosureConfig } from '../config/schema.js';
import { addBusinessDays, weekendsOnly } from './business-days.js';

/** What the organisation promised a researcher, as instants. */
export interface PromisedDeadlines {
  /** End of the day by which receipt must be confirmed. */
  receiptDue: Date;
  /** End of the day by which the assessment, with an expected fix date, is due. */
  assessmentDue: Date;
}

/** The receipt and assessment deadlines for a report received at `receivedAt`. */
export function promisedDeadlines(receivedAt: Date, sla: DisclosureConfig['sla']): PromisedDeadlines {
  // Weekends only for now: public holidays (sla.country / sla.region) come with the SLA issue.
  const calendar = weekendsOnly(sla.time_zone);
  return {
    receiptDue: addBusinessDays(receivedAt, sla.receipt_business_days, calendar),
    assessmentDue: addBusinessDays(receivedAt, sla.assessment_business_days, calendar),
  };
}
