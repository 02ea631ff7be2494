import { nextCheckAt, resolutionDue } from '../src/clock/sla-clock.js';
import type { SlaState } from '../src/clock/sla-state.js';
import { defaultConfig } from '../src/config/parse-config.js';
import { fieldCipher } from '../src/store/field-cipher.js';
import { firstDisclosureCheck } from '../src/triage/disclosure-date.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
/** The SLA time zone of the seeded reports and of the kept config. */
export const ZONE = 'Europe/Amsterdam';
/** The organisation asks for "we keep you informed" reminders after this many silent days (config `sla.keep_informed_days`). */
export const KEEP_INFORMED_DAYS = 14;

/** Seeded rows: reports (COLUMNS order) and the team's messages to researchers (MESSAGE_COLUMNS order). */
export interface Seed {
  reports: unknown[][];
  messages: unknown[][];
}

export const COLUMNS = `id, org, channel, language, status, status_token_hash, received_at, receipt_due, assessment_due,
  filed_at, issue_number, issue_url, payload, updated_at, issue_repo, triage_status, severity, resolution_due, receipt_met_at,
  assessment_met_at, remind_lead_ms, sla_time_zone, tracking_language, next_check_at, researcher, asset_keys, fingerprint,
  disclose_on, disclosure_reminder_days, disclosure_check_at`;
export const MESSAGE_COLUMNS = 'report_id, kind, body, at';

/**
 * The SLA sweep bench's open reports, the same every run (a fixed LCG): rows of the reports
 * table in COLUMNS order (contact details encrypted with `key`), the team's messages, 2 %
 * with an agreed publication date; and how many are due a notice, a date reminder, or a
 * keep-informed reminder at `now`.
 */
export function seedRows(count: number, now: Date, key: string): Seed & { due: number; agreed: number; agreedDue: number; silent: number } {
  // Amsterdam, not UTC: notices are written, and resolution targets end, on a wall clock with daylight saving time.
  const sla = { ...defaultConfig().sla, time_zone: ZONE };
  const cipher = fieldCipher(key);
  const lead = 24 * HOUR;
  const rows: unknown[][] = [];
  const messages: unknown[][] = [];
  let due = 0;
  let agreed = 0;
  let agreedDue = 0;
  let silent = 0;
  // Two sequences: the SLA facts draw from the first exactly as before messages and agreed dates were seeded, so runs compare.
  const lcg = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const random = lcg(42);
  const other = lcg(7);
  for (let n = 0; n < count; n += 1) {
    const received = new Date(now.getTime() - random() * 60 * DAY);
    const severity = SEVERITIES[Math.floor(random() * SEVERITIES.length)] ?? 'medium';
    const state: SlaState = {
      receivedAt: received,
      receiptDue: new Date(received.getTime() + 1.5 * DAY),
      assessmentDue: new Date(received.getTime() + 7 * DAY),
      resolutionDue: resolutionDue(received, severity, sla, 0),
      receiptMetAt: received.getTime() + DAY < now.getTime() || random() < 0.5 ? new Date(received.getTime() + random() * 1.6 * DAY) : null,
      assessmentMetAt: received.getTime() + 7 * DAY < now.getTime() && random() < 0.97 ? new Date(received.getTime() + random() * 7.5 * DAY) : null,
      resolutionMetAt: null,
      pausedAt: null,
      pausedCalendarDays: 0,
    };
    const next = nextCheckAt(state, lead, []);
    if (next !== null && next.getTime() <= now.getTime()) due += 1;
    const researcher = { name: `Researcher ${n}`, github: null, email: `researcher-${n}@example.org`, phone: null, credit: 'name' };
    const id = `DD-B${String(n).padStart(11, '0')}`;
    // The team's messages: the acknowledgement, then (most reports) an update in the last 13 days.
    let lastContact = received.getTime();
    const tell = (kind: string, at: number) => {
      messages.push([id, kind, cipher.encrypt(`Message ${kind} for report ${n}.`), at]);
      lastContact = Math.max(lastContact, at);
    };
    if (state.receiptMetAt !== null) tell('acknowledgement', state.receiptMetAt.getTime());
    if (other() < 0.95) tell('update', Math.max(received.getTime(), Math.round(now.getTime() - other() * 13 * DAY)));
    if (lastContact <= now.getTime() - KEEP_INFORMED_DAYS * DAY) silent += 1;
    // 2 %: a publication date agreed with the researcher, 1 to 30 days ahead, a reminder 7 days before.
    const disclosure = n % 50 === 0 ? { date: new Date(now.getTime() + (1 + Math.floor(other() * 30)) * DAY).toISOString().slice(0, 10), reminderDays: 7 } : null;
    const disclosureCheck = disclosure === null ? null : firstDisclosureCheck(disclosure, ZONE, received);
    if (disclosureCheck !== null) {
      agreed += 1;
      if (disclosureCheck.getTime() <= now.getTime()) agreedDue += 1;
    }
    rows.push([
      id, 'acme', 'form', 'en', 'filed', `hash-${n}`,
      received.getTime(), state.receiptDue?.getTime() ?? null, state.assessmentDue?.getTime() ?? null, received.getTime() + 60_000,
      n + 1, `https://github.com/acme/security-reports/issues/${n + 1}`, null, now.getTime(), 'security-reports', disclosure === null ? 'triaged' : 'accepted', severity,
      state.resolutionDue?.getTime() ?? null, state.receiptMetAt?.getTime() ?? null, state.assessmentMetAt?.getTime() ?? null,
      lead, ZONE, 'en', next?.getTime() ?? null, cipher.encrypt(JSON.stringify(researcher)),
      `repo:acme/app-${n % 50}`, `f${n % 997} f${n % 991}`,
      disclosure?.date ?? null, disclosure?.reminderDays ?? null, disclosureCheck?.getTime() ?? null,
    ]);
  }
  return { reports: rows, messages, due, agreed, agreedDue, silent };
}
