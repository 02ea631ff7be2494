import type { Database as SqliteFile } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { EventQueries, insertEvent } from './event-queries.js';
import { EmailQueries } from './email-queries.js';
import { type FieldCipher, plainFields } from './field-cipher.js';
import { checkHealth } from './health-queries.js';
import { orgAttention } from './attention-queries.js';
import { lastValidConfig, rememberValidConfig } from './config-queries.js';
import { InstallationQueries } from './installation-queries.js';
import { listReportOrgs } from './report-org-queries.js';
import { IntakeQueries } from './intake-queries.js';
import { LabelQueries } from './label-queries.js';
import { LaneQueries } from './lane-queries.js';
import { migrateToLatest } from './migrations.js';
import type { Backend } from './migrations.js';
import { OutboxQueries } from './outbox-queries.js';
import { PrivacyQueries } from './privacy-queries.js';
import { RateLimitQueries } from './rate-limit-queries.js';
import { ReportQueries } from './report-queries.js';
import type { Database } from './schema.js';
import type { DeadJob, Job, NewJob, NewReport, OrgAttention, OutboxStats, ReportEvent, ReportRecord, Store } from './store.js';
import type { FilingFacts } from './triage-records.js';
import { TriageQueries } from './triage-queries.js';
import { ReminderQueries } from './reminder-queries.js';
import { AttachmentQueries } from './attachment-queries.js';
import { StaffQueries } from './staff-queries.js';
import { OrgSettingsQueries } from './org-settings-queries.js';

export interface KyselyStoreOptions {
  backend: Backend;
  /** PostgreSQL schema the tables live in (the pool's search_path); see migrateToLatest. */
  schema?: string;
  /** Clock for bookkeeping columns (updated_at) where a method is not given `now`. */
  now?: () => Date;
  /**
   * Encrypts personal data at rest: a report's payload before filing, researcher contact
   * details, the conversation (researcher_messages.body) and every outbox job's payload.
   */
  cipher?: FieldCipher;
  /** SQLite only: the file under `db`, on which accepted reports are written in batches. */
  sqliteFile?: SqliteFile;
}

/**
 * The Store over Kysely, one implementation for SQLite and PostgreSQL. It only wires the
 * *-queries.ts files together, where the SQL lives. What branches on the backend: how
 * acceptReport batches (group commit on SQLite, IntakeQueries), row locks on PostgreSQL
 * (SKIP LOCKED in claimJob, FOR UPDATE in eraseContact) and the SLA sweep's advisory lock.
 */
export class KyselyStore implements Store {
  readonly backend: Backend;
  readonly #db: Kysely<Database>;
  readonly #schema: string | undefined;
  readonly #now: () => Date;
  readonly #cipher: FieldCipher;
  readonly #outbox: OutboxQueries;
  readonly #intake: IntakeQueries;
  readonly #reports: ReportQueries;
  readonly #privacy: PrivacyQueries;
  readonly #events: EventQueries;
  readonly #emails: EmailQueries;
  readonly #labels: LabelQueries;
  readonly #triage: TriageQueries;
  readonly #reminders: ReminderQueries;
  readonly #lanes: LaneQueries;
  readonly #installations: InstallationQueries;
  readonly #rateLimits: RateLimitQueries;
  readonly #staff: StaffQueries;
  readonly #attachments: AttachmentQueries;
  readonly #orgSettings: OrgSettingsQueries;
  #closed: Promise<void> | null = null;

  constructor(db: Kysely<Database>, options: KyselyStoreOptions) {
    this.#db = db;
    this.backend = options.backend;
    this.#schema = options.schema;
    this.#now = options.now ?? (() => new Date());
    this.#cipher = options.cipher ?? plainFields;
    const now = (): Date => this.#now();
    this.#outbox = new OutboxQueries(db, this.#cipher, now);
    const insertJob = (trx: Kysely<Database>, job: NewJob): Promise<boolean> => this.#outbox.insertJob(trx, job);
    this.#intake = new IntakeQueries(db, this.#cipher, now, insertJob, options.sqliteFile ?? null);
    this.#reports = new ReportQueries(db, this.#cipher);
    this.#privacy = new PrivacyQueries(db, this.backend, this.#cipher);
    this.#events = new EventQueries(db);
    this.#emails = new EmailQueries(db);
    this.#labels = new LabelQueries(db);
    this.#lanes = new LaneQueries(db, this.backend, (stored) => this.#cipher.decrypt(stored));
    this.#installations = new InstallationQueries(db);
    this.#rateLimits = new RateLimitQueries(db);
    this.#staff = new StaffQueries(db, insertJob);
    this.#attachments = new AttachmentQueries(db, this.backend, this.#cipher);
    this.#orgSettings = new OrgSettingsQueries(db, this.#cipher);
    this.#reminders = new ReminderQueries(db, this.backend, this.#cipher, now);
    this.#triage = new TriageQueries(db, this.backend, this.#cipher, now, insertJob, async (trx, { events }) => {
      for (const event of events) await insertEvent(trx, event);
    });
  }

  // Triage (see triage-queries.ts).
  getTriage: TriageQueries['getTriage'] = (id) => this.#triage.getTriage(id);
  findTriageByIssue: TriageQueries['findTriageByIssue'] = (org, repo, n) => this.#triage.findTriageByIssue(org, repo, n);
  saveTriage: TriageQueries['saveTriage'] = (change) => this.#triage.saveTriage(change);
  listDuplicateSources: TriageQueries['listDuplicateSources'] = (org, since) => this.#triage.listDuplicateSources(org, since);
  listSlaDue: TriageQueries['listSlaDue'] = (now, limit) => this.#triage.listSlaDue(now, limit);
  recordNotices: TriageQueries['recordNotices'] = (batch) => this.#triage.recordNotices(batch);
  withSweepLock<T>(fn: () => Promise<T>): Promise<T | null> {
    return this.#triage.withSweepLock(fn);
  }
  listMessages: TriageQueries['listMessages'] = (id) => this.#triage.listMessages(id);
  listOrgEvents: TriageQueries['listOrgEvents'] = (org, since) => this.#triage.listOrgEvents(org, since);
  listReportOrgs = (): Promise<string[]> => listReportOrgs(this.#db);
  moveTrackingIssue: TriageQueries['moveTrackingIssue'] = (id, to, event) => this.#triage.moveTrackingIssue(id, to, event);
  recordAdvisory: TriageQueries['recordAdvisory'] = (id, advisory) => this.#triage.recordAdvisory(id, advisory);
  findTriageByGhsa: TriageQueries['findTriageByGhsa'] = (ghsaId) => this.#triage.findTriageByGhsa(ghsaId);
  saveCreditRecord: TriageQueries['saveCreditRecord'] = (record) => this.#triage.saveCreditRecord(record);
  listCreditRecords: TriageQueries['listCreditRecords'] = (org) => this.#triage.listCreditRecords(org);

  // The sweep's other reminders (see reminder-queries.ts).
  listDisclosureDue: ReminderQueries['listDisclosureDue'] = (now, limit) => this.#reminders.listDisclosureDue(now, limit);
  listSilentReports: ReminderQueries['listSilentReports'] = (org, before, limit) => this.#reminders.listSilentReports(org, before, limit);
  listKeptConfigs: ReminderQueries['listKeptConfigs'] = () => this.#reminders.listKeptConfigs();
  recordReminders: ReminderQueries['recordReminders'] = (records) => this.#reminders.recordReminders(records);

  /** Migrations first; then what they cannot do in SQL: encrypting rows stored in clear. */
  async migrate(): Promise<void> {
    await migrateToLatest(this.#db, this.backend, this.#schema);
    await this.#privacy.encryptRowsInClear();
    await this.#attachments.encryptRowsInClear();
  }

  /** Lets queued accepts commit, then closes the connection(s). Safe to call more than once. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      await this.#intake.drain();
      await this.#db.destroy();
    })();
    return this.#closed;
  }

  // Intake and filing (see intake-queries.ts, report-queries.ts).
  acceptReport(report: NewReport): Promise<void> {
    return this.#intake.acceptReport(report);
  }
  getReport(id: string): Promise<ReportRecord | null> {
    return this.#reports.getReport(id);
  }
  findReportByGhsa(ghsaId: string): Promise<ReportRecord | null> {
    return this.#reports.findReportByGhsa(ghsaId);
  }
  findReportByTokenHash(tokenHash: string): Promise<ReportRecord | null> {
    return this.#reports.findReportByTokenHash(tokenHash);
  }

  getReceipt(reportId: string): Promise<string | null> {
    return this.#reports.getReceipt(reportId);
  }

  markHeld(id: string, reason: string, now: Date): Promise<void> {
    return this.#reports.markHeld(id, reason, now);
  }
  markQueued(id: string, now: Date): Promise<void> {
    return this.#reports.markQueued(id, now);
  }
  markCreateStarted(id: string, now: Date): Promise<void> {
    return this.#reports.markCreateStarted(id, now);
  }
  markFiled(id: string, issue: { number: number; url: string }, now: Date, facts?: FilingFacts): Promise<void> {
    return this.#reports.markFiled(id, issue, now, facts);
  }
  countReports(org?: string): Promise<number> {
    return this.#reports.countReports(org);
  }

  // Personal data (see privacy-queries.ts) and e-mail dedup (see email-queries.ts).
  purgeContacts(now: Date): Promise<string[]> {
    return this.#privacy.purgeContacts(now);
  }
  eraseContact(reportId: string, now: Date): Promise<void> {
    return this.#privacy.eraseContact(reportId, now);
  }
  isKnownEmail(key: string): Promise<boolean> {
    return this.#emails.isKnownEmail(key);
  }
  rememberEmail(key: string, reportId: string, at: Date): Promise<void> {
    return this.#emails.rememberEmail(key, reportId, at);
  }

  // The outbox (see outbox-queries.ts) and its lanes (see lane-queries.ts).
  enqueue(job: NewJob): Promise<boolean> {
    return this.#outbox.enqueue(job);
  }
  /** See LaneQueries.claim: staff first, one job per lane across instances, lanes served in turn. */
  claimJob(now: Date, leaseMs: number): Promise<Job | null> {
    return this.#lanes.claim(now, leaseMs);
  }
  completeJob(id: number, now: Date): Promise<void> {
    return this.#outbox.completeJob(id, now);
  }
  retryJob(id: number, runAfter: Date, error: string): Promise<void> {
    return this.#outbox.retryJob(id, runAfter, error);
  }
  deadJob(id: number, now: Date, reason: string, options?: { keepPayload?: boolean }): Promise<void> {
    return this.#outbox.deadJob(id, now, reason, options);
  }

  listDeadJobs(): Promise<DeadJob[]> {
    return this.#outbox.listDeadJobs();
  }

  requeueDeadJobs(now: Date, key?: string): Promise<string[]> {
    return this.#outbox.requeueDeadJobs(now, key);
  }
  runJobNow(key: string, now: Date): Promise<void> {
    return this.#outbox.runJobNow(key, now);
  }
  getJob(key: string): Promise<Job | null> {
    return this.#outbox.getJob(key);
  }
  outboxStats(now: Date): Promise<OutboxStats> {
    return this.#outbox.outboxStats(now);
  }
  rememberValidConfig(org: string, config: string, now: Date): Promise<void> {
    return rememberValidConfig(this.#db, org, config, now);
  }

  lastValidConfig(org: string): Promise<string | null> {
    return lastValidConfig(this.#db, org);
  }

  orgAttention(org: string): Promise<OrgAttention> {
    return orgAttention(this.#db, org);
  }

  checkHealth(now: Date): Promise<{ deadJobs: number; pausedLanes: number }> {
    return checkHealth(this.#db, now);
  }
  extendLease: LaneQueries['extendLease'] = (id, lane, until) => this.#lanes.extendLease(id, lane, until);
  laneState: LaneQueries['laneState'] = (lane) => this.#lanes.laneState(lane);
  recordWrite: LaneQueries['recordWrite'] = (lane, at, next, created, ok) => this.#lanes.recordWrite(lane, at, next, created, ok);
  createsInLastHour: LaneQueries['createsInLastHour'] = (lane, now) => this.#lanes.createsInLastHour(lane, now);
  pauseLane: LaneQueries['pauseLane'] = (lane, until, level, reason) => this.#lanes.pauseLane(lane, until, level, reason);

  // Installations and shared rate-limit counters (see installation-queries.ts, rate-limit-queries.ts).
  installationRecord: InstallationQueries['installationRecord'] = (org) => this.#installations.installationRecord(org);
  saveInstallation: InstallationQueries['saveInstallation'] = (org, id, at) => this.#installations.saveInstallation(org, id, at);
  learnInstallation: InstallationQueries['learnInstallation'] = (org, id, at) => this.#installations.learnInstallation(org, id, at);
  countRequest: RateLimitQueries['countRequest'] = (name, key, windowMs, now) => this.#rateLimits.countRequest(name, key, windowMs, now);
  uncountRequest: RateLimitQueries['uncountRequest'] = (name, key, windowMs, start) => this.#rateLimits.uncountRequest(name, key, windowMs, start);

  // The staff pages (see staff-queries.ts) and attachments (see attachment-queries.ts).
  staffSessionKey: StaffQueries['staffSessionKey'] = () => this.#staff.staffSessionKey();
  consumeSignInState: StaffQueries['consumeSignInState'] = (hash, expiresAt, now) => this.#staff.consumeSignInState(hash, expiresAt, now);
  recordContactReveal: StaffQueries['recordContactReveal'] = (reveal) => this.#staff.recordContactReveal(reveal);
  saveAttachments: AttachmentQueries['saveAttachments'] = (reportId, files, now) => this.#attachments.saveAttachments(reportId, files, now);
  listAttachments: AttachmentQueries['listAttachments'] = (reportId) => this.#attachments.listAttachments(reportId);
  getAttachment: AttachmentQueries['getAttachment'] = (reportId, position) => this.#attachments.getAttachment(reportId, position);

  // Per-organisation secrets (see org-settings-queries.ts).
  putOrgSetting: OrgSettingsQueries['putOrgSetting'] = (setting, now) => this.#orgSettings.putOrgSetting(setting, now);
  getOrgSetting: OrgSettingsQueries['getOrgSetting'] = (org, name) => this.#orgSettings.getOrgSetting(org, name);
  orgSettingRevision: OrgSettingsQueries['orgSettingRevision'] = (org, name) => this.#orgSettings.orgSettingRevision(org, name);
  listOrgSettings: OrgSettingsQueries['listOrgSettings'] = (org) => this.#orgSettings.listOrgSettings(org);
  removeOrgSetting: OrgSettingsQueries['removeOrgSetting'] = (org, name) => this.#orgSettings.removeOrgSetting(org, name);

  // Labels (see label-queries.ts) and report events (see event-queries.ts).
  knownLabels(org: string, repo: string): Promise<Set<string>> {
    return this.#labels.knownLabels(org, repo);
  }
  rememberLabels(org: string, repo: string, names: readonly string[]): Promise<void> {
    return this.#labels.rememberLabels(org, repo, names);
  }
  recordEvent(event: ReportEvent): Promise<void> {
    return this.#events.recordEvent(event);
  }
  listEvents(reportId: string): Promise<ReportEvent[]> {
    return this.#events.listEvents(reportId);
  }
}
