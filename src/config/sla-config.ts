import { z } from 'zod';
import { holidayCalendarProblem } from '../clock/holiday-calendar.js';
import { DEADLINES } from '../clock/sla-state.js';

/**
 * The `sla` section of `.github/disclosure.yml`: the deadlines the organisation promises, in
 * business or calendar days, the calendar they are counted in, and the reminders around them.
 * Strict at any depth, like the rest of the config (src/config/schema.ts).
 */

const BusinessDays = z.number().int('must be a whole number').min(0, 'must be 0 or more').max(60, 'must be 60 or less');
/** Calendar days to a receipt or assessment deadline; 0 is the end of the day of receipt. */
const DeadlineCalendarDays = z.number().int('must be a whole number').min(0, 'must be 0 or more').max(90, 'must be 90 or less');
const CalendarDays = z.number().int('must be a whole number').min(1, 'must be at least 1').max(3650, 'must be 3650 or less');

export const SlaConfig = z
  .strictObject({
  /** IANA time zone in which business days are counted. */
  time_zone: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Amsterdam')
    .default('UTC'),
  /** ISO 3166 country whose public holidays (type "public" in date-holidays) are skipped. Unset: weekends only. */
  country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code').optional(),
  /** Region within the country, for regional holidays. */
  region: z.string().max(10).optional(),
  /**
   * Promised time to confirm receipt, in business days. Seed 000 and 004: 1. Defaults to 1
   * unless `receipt_calendar_days` is set; setting both is an error.
   */
  receipt_business_days: BusinessDays.optional(),
  /** Promised time to confirm receipt, in calendar days: the alternative to `receipt_business_days`. */
  receipt_calendar_days: DeadlineCalendarDays.optional(),
  /**
   * Promised time to the assessment with an expected fix date, in business days. Seed 000 and
   * 004: 5. Defaults to 5 unless `assessment_calendar_days` is set; setting both is an error.
   */
  assessment_business_days: BusinessDays.optional(),
  /** The same promise in calendar days (seed 003, nl: "binnen 7 dagen"): the alternative to `assessment_business_days`. */
  assessment_calendar_days: DeadlineCalendarDays.optional(),
  /**
   * The deadlines the organisation promises (default: all three). One left out is never
   * computed, shown, reminded about, marked overdue or counted in the SLA metrics; without
   * `resolution` the `resolution_days` targets are not used. Seed 003 promises no receipt.
   */
  promises: z
    .array(z.enum(DEADLINES))
    .refine((list) => new Set(list).size === list.length, 'list each deadline once')
    .default(() => [...DEADLINES]),
  /**
   * Keep a pinned "SLA at a glance" issue in the tracking repository: this quarter's figures,
   * a chart, what is overdue and what is due in the next 7 days, rewritten daily when it changed.
   */
  dashboard: z.boolean().default(true),
  /** A reminder comment is posted this many hours before a deadline. 0: no reminders, only overdue notices. */
  reminder_lead_hours: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(720, 'must be 720 or less').default(24),
  /**
   * Team (slug in this organisation) mentioned when a deadline passes, e.g. `security-team`
   * for @org/security-team. Unset: nobody is mentioned; the label is still set.
   */
  overdue_team: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'must be a team slug such as security-team')
    .optional(),
  /**
   * "We keep you informed" (seeds 003, 004): when a researcher has heard nothing from the
   * organisation (no message, assessment, question or status change) for this many days
   * (24 hours each) on an open, unpaused report, the tracking issue gets one reminder. Unset: off.
   */
  keep_informed_days: z.number().int('must be a whole number').min(1, 'must be at least 1').max(90, 'must be 90 or less').optional(),
  /** Resolution targets by severity, in calendar days. */
  resolution_days: z
    .strictObject({
      critical: CalendarDays.default(30),
      high: CalendarDays.default(60),
      medium: CalendarDays.default(90),
      low: CalendarDays.default(120),
    })
    .prefault({}),
  })
  .superRefine((sla, ctx) => {
    for (const kind of ['receipt', 'assessment'] as const) {
      if (sla[`${kind}_business_days`] !== undefined && sla[`${kind}_calendar_days`] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [`${kind}_calendar_days`], message: `set either sla.${kind}_business_days or sla.${kind}_calendar_days, not both` });
      }
    }
    if (sla.country === undefined) {
      if (sla.region !== undefined) ctx.addIssue({ code: 'custom', path: ['region'], message: 'needs a country' });
      return;
    }
    const problem = holidayCalendarProblem(sla.country, sla.region);
    if (problem !== null) ctx.addIssue({ code: 'custom', path: [sla.region !== undefined && problem.includes('region') ? 'region' : 'country'], message: problem });
  })
  // The business-day defaults apply only where no calendar-day promise replaces them, so a
  // parsed config parses again to itself (the last valid config is kept and read back).
  .transform((sla) => ({
    ...sla,
    receipt_business_days: sla.receipt_calendar_days === undefined ? (sla.receipt_business_days ?? 1) : undefined,
    assessment_business_days: sla.assessment_calendar_days === undefined ? (sla.assessment_business_days ?? 5) : undefined,
  }));

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
