import type { Language } from '../report/report.js';
import type { AgreedDisclosure } from '../triage/disclosure-date.js';
import type { NewJob } from './job-records.js';

/** Where a sweep reminder goes and how it is written: from the report row, no GitHub reads. */
export interface ReminderTarget {
  reportId: string;
  org: string;
  repo: string;
  issueNumber: number;
  issueUrl: string;
  overdueTeam: string | null;
  timeZone: string;
  trackingLanguage: Language;
}

/** A report whose agreed publication date needs a look (`disclosure_check_at` has come). */
export interface DisclosureDue extends ReminderTarget {
  disclosure: AgreedDisclosure;
  /** Sweep notice keys already recorded for this report. */
  sent: string[];
}

/** An open, unpaused report and the last time the organisation told its researcher anything. */
export interface SilentReport extends ReminderTarget {
  lastContactAt: Date;
  sent: string[];
}

/** One reminder to record: its key (once per report), the job that posts it, and for agreed dates the next look. */
export interface ReminderRecord {
  reportId: string;
  /** null: nothing to post, only the agreed date's next look moves. */
  notice: { key: string; job: NewJob } | null;
  at: Date;
  /** Moves `disclosure_check_at` (only while the agreed date is still `date`); undefined leaves it. */
  disclosureCheck?: { date: string; checkAt: Date | null };
}

/** The sweep's other reminders (agreed dates, "we keep you informed"); part of the Store. */
export interface ReminderStore {
  /** Filed reports with an agreed date whose check is due, oldest check first, in a status where the date still matters. */
  listDisclosureDue(now: Date, limit: number): Promise<DisclosureDue[]>;
  /**
   * Open (not closing), unpaused filed reports of `org` whose researcher was last told anything
   * (a message from the team, else the receipt) at or before `contactBefore`.
   */
  listSilentReports(org: string, contactBefore: Date, limit: number): Promise<SilentReport[]>;
  /**
   * Every organisation's last valid config as kept (org_configs: lower-case login, JSON), for
   * the sweep to find who asked for keep-informed reminders without reading any report.
   */
  listKeptConfigs(): Promise<Array<{ org: string; config: string }>>;
  /**
   * Records reminders in one transaction: a key already recorded for its report is skipped
   * with its job (never posted twice), a new one enqueues its job; agreed-date checks move;
   * a keep-informed key takes its silence out of the sweep's index (sla_checks.silent_since).
   */
  recordReminders(records: readonly ReminderRecord[]): Promise<number>;
}
