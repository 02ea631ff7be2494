import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { GroupCommit } from './group-commit.js';
import type { ItemOutcome } from './group-commit.js';
import { migrateToLatest } from './migrations.js';
import type { Backend } from './migrations.js';
import { ReportNotFoundError } from './report-not-found-error.js';
import { toJob, toReportEvent, toReportRecord } from './rows.js';
import type { Database } from './schema.js';
import type { Job, NewJob, NewReport, OutboxStats, ReportEvent, ReportRecord, Store } from './store.js';
import type { FilingFacts, ResearcherFacts } from './triage-records.js';
import { TriageQueries } from './triage-queries.js';
import { LaneQueries, priorityRank } from './lane-queries.js';
import { InstallationQueries } from './installation-queries.js';
import { RateLimitQueries } from './rate-limit-queries.js';
import { laneOf } from './job-records.js';
import { joinList } from './triage-rows.js';
import { ENCRYPTED_PREFIX, type FieldCipher, plainFields } from './field-cipher.js';

const DAY_MS = 86_400_000;
/** When a report was filed without a retention setting (before it existed). */
const DEFAULT_RETENTION_DAYS = 90;

/** Long errors (stack-like messages from a gateway) are cut; the job only needs a hint. */
const MAX_ERROR_LENGTH = 2000;

/** What filing keeps of a researcher who erased their contact details: none of them, and no credit by name. */
const ERASED_RESEARCHER: ResearcherFacts = { pgpKey: null, name: null, github: null, email: null, phone: null, credit: 'anonymous' };

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
}

/**
 * The Store over Kysely, one implementation for SQLite and PostgreSQL. Only two things branch
 * on the backend: how acceptReport batches (group commit on SQLite) and row locking in
 * claimJob (SKIP LOCKED on PostgreSQL).
 */
export class KyselyStore implements Store {
  readonly backend: Backend;
  readonly #db: Kysely<Database>;
  readonly #schema: string | undefined;
  readonly #now: () => Date;
  readonly #accepts: GroupCommit<NewReport> | null;
  readonly #triage: TriageQueries;
  readonly #lanes: LaneQueries;
  readonly #installations: InstallationQueries;
  readonly #rateLimits: RateLimitQueries;
  readonly #cipher: FieldCipher;
  #closed: Promise<void> | null = null;

  constructor(db: Kysely<Database>, options: KyselyStoreOptions) {
    this.#db = db;
    this.backend = options.backend;
    this.#schema = options.schema;
    this.#now = options.now ?? (() => new Date());
    this.#cipher = options.cipher ?? plainFields;
    // SQLite has one writer and each commit is an fsync, so batching is what buys throughput.
    // PostgreSQL commits concurrently from its pool; a transaction per call is enough there.
    this.#accepts = this.backend === 'sqlite' ? new GroupCommit((items) => this.#commitAccepts(items)) : null;
    this.#lanes = new LaneQueries(db, this.backend, (stored) => this.#cipher.decrypt(stored));
    this.#installations = new InstallationQueries(db);
    this.#rateLimits = new RateLimitQueries(db);
    this.#triage = new TriageQueries(
      db,
      this.backend,
      this.#cipher,
      () => this.#now(),
      (trx, job) => this.#insertJob(trx, job),
      async (trx, { events }) => {
        for (const event of events) await this.#insertEvent(trx, event);
      },
    );
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
  moveTrackingIssue: TriageQueries['moveTrackingIssue'] = (id, to, event) => this.#triage.moveTrackingIssue(id, to, event);
  recordAdvisory: TriageQueries['recordAdvisory'] = (id, advisory) => this.#triage.recordAdvisory(id, advisory);
  findTriageByGhsa: TriageQueries['findTriageByGhsa'] = (ghsaId) => this.#triage.findTriageByGhsa(ghsaId);
  saveCreditRecord: TriageQueries['saveCreditRecord'] = (record) => this.#triage.saveCreditRecord(record);
  listCreditRecords: TriageQueries['listCreditRecords'] = (org) => this.#triage.listCreditRecords(org);

  async migrate(): Promise<void> {
    await migrateToLatest(this.#db, this.backend, this.#schema);
    await this.#encryptRowsInClear();
  }

  /**
   * Encrypts conversation bodies and pending job payloads stored in clear: written before
   * they were encrypted, or before a key was configured. A no-op without a key. Each update
   * names the value it read, so instances starting together never encrypt a value twice.
   */
  async #encryptRowsInClear(): Promise<void> {
    if (!this.#cipher.encrypts) return;
    const inClear = `${ENCRYPTED_PREFIX}%`;
    const messages = await this.#db.selectFrom('researcher_messages').select(['id', 'body']).where('body', 'not like', inClear).execute();
    for (const { id, body } of messages) {
      await this.#db.updateTable('researcher_messages').set({ body: this.#cipher.encrypt(body) }).where('id', '=', id).where('body', '=', body).execute();
    }
    const jobs = await this.#db.selectFrom('outbox').select(['id', 'payload']).where('state', '=', 'pending').where('payload', 'not like', inClear).execute();
    for (const { id, payload } of jobs) {
      await this.#db.updateTable('outbox').set({ payload: this.#cipher.encrypt(payload) }).where('id', '=', id).where('payload', '=', payload).execute();
    }
  }

  /** Lets queued accepts commit, then closes the connection(s). Safe to call more than once. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      await this.#accepts?.drain();
      await this.#db.destroy();
    })();
    return this.#closed;
  }

  acceptReport(report: NewReport): Promise<void> {
    if (this.#accepts !== null) return this.#accepts.submit(report);
    return this.#db.transaction().execute((trx) => this.#insertAccepted(trx, report));
  }

  /**
   * One transaction for the whole batch, one savepoint per report: a report that fails (a
   * duplicate id or token hash) is rolled back alone and rejects only its own caller; the
   * others commit. If the transaction itself fails, every caller in the batch is rejected.
   */
  #commitAccepts(items: readonly NewReport[]): Promise<ItemOutcome[]> {
    return this.#db.transaction().execute(async (trx) => {
      const outcomes: ItemOutcome[] = [];
      for (const report of items) {
        await sql`savepoint accept_report`.execute(trx);
        try {
          await this.#insertAccepted(trx, report);
          outcomes.push({ ok: true });
        } catch (error) {
          // If this rollback fails too, the transaction is broken: let it fail the batch.
          await sql`rollback to savepoint accept_report`.execute(trx);
          outcomes.push({ ok: false, error });
        }
        await sql`release savepoint accept_report`.execute(trx);
      }
      return outcomes;
    });
  }

  async #insertAccepted(trx: Kysely<Database>, report: NewReport): Promise<void> {
    const now = this.#now().getTime();
    const receivedAt = report.receivedAt.getTime();
    await trx
      .insertInto('reports')
      .values({
        id: report.id,
        org: report.org,
        channel: report.channel,
        language: report.language,
        status: 'queued',
        hold_reason: null,
        status_token_hash: report.statusTokenHash,
        received_at: receivedAt,
        receipt_due: report.receiptDue.getTime(),
        assessment_due: report.assessmentDue.getTime(),
        filed_at: null,
        issue_number: null,
        issue_url: null,
        create_started_at: null,
        payload: this.#cipher.encrypt(report.payload),
        updated_at: now,
        ghsa_id: report.advisory?.ghsaId ?? null,
        advisory_url: report.advisory?.url ?? null,
        advisory_repo: report.advisory?.repo ?? null,
      })
      .execute();
    await this.#insertEvent(trx, {
      reportId: report.id,
      type: 'received',
      at: report.receivedAt,
      data: { channel: report.channel, receiptDue: report.receiptDue.getTime(), assessmentDue: report.assessmentDue.getTime() },
    });
    // A FileReportPayload (src/jobs), written here because the store does not import jobs;
    // test/outbox/dead-jobs.test.ts checks that it parses.
    await this.#insertJob(trx, {
      key: `file-report:${report.id}`,
      kind: 'file-report',
      org: report.org,
      payload: JSON.stringify({ reportId: report.id }),
      runAfter: report.receivedAt,
    });
    for (const job of report.jobs ?? []) await this.#insertJob(trx, job);
    if (report.emailMessageKey !== undefined) {
      await trx.insertInto('email_messages').values({ key: report.emailMessageKey, report_id: report.id, at: receivedAt }).execute();
    }
  }

  async purgeContacts(now: Date): Promise<string[]> {
    return this.#db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('reports')
        .select((eb) => [
          'id',
          'closed_at',
          'retention_days',
          eb('researcher', 'is not', null).as('has_researcher'),
          eb.selectFrom('researcher_messages').select((m) => m.fn.countAll().as('n')).whereRef('researcher_messages.report_id', '=', 'reports.id').as('messages'),
        ])
        // closed_at marks every end, whatever the status: a closing status (rejected,
        // duplicate, known, resolved, published), or a tracking issue deleted where the report
        // stood. Reopening clears it (reopenIfClosed, a reopened issue).
        .where('closed_at', 'is not', null)
        .where((eb) =>
          eb.or([
            eb('researcher', 'is not', null),
            eb.exists(eb.selectFrom('researcher_messages').select('researcher_messages.id').whereRef('researcher_messages.report_id', '=', 'reports.id')),
          ]),
        )
        .execute();
      const due = rows
        .map((r) => ({ ...r, retentionDays: r.retention_days ?? DEFAULT_RETENTION_DAYS, messages: Number(r.messages ?? 0) }))
        .filter((r) => r.closed_at !== null && r.closed_at + r.retentionDays * DAY_MS <= now.getTime());
      if (due.length === 0) return [];
      // SQLite answers 1/0, PostgreSQL true/false.
      const contacts = due.filter((r) => Boolean(r.has_researcher)).map((r) => r.id);
      const conversations = due.filter((r) => r.messages > 0);
      if (contacts.length > 0) await trx.updateTable('reports').set({ researcher: null, updated_at: now.getTime() }).where('id', 'in', contacts).execute();
      if (conversations.length > 0) {
        await trx.deleteFrom('researcher_messages').where('report_id', 'in', conversations.map((r) => r.id)).execute();
      }
      for (const id of contacts) await this.#insertEvent(trx, { reportId: id, type: 'contact-purged', at: now });
      for (const r of conversations) {
        // The status page says the conversation was deleted, and when, rather than show nothing.
        await this.#insertEvent(trx, { reportId: r.id, type: 'messages-purged', at: now, data: { messages: r.messages, retentionDays: r.retentionDays } });
      }
      return due.map((r) => r.id);
    });
  }

  async eraseContact(reportId: string, now: Date): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      // Locked on PostgreSQL: a report filed meanwhile (payload deleted) must not get its
      // text back from the stripped copy below.
      const row = await trx
        .selectFrom('reports')
        .select(['payload'])
        .where('id', '=', reportId)
        .$if(this.backend === 'postgres', (qb) => qb.forUpdate())
        .executeTakeFirst();
      if (row === undefined) throw new ReportNotFoundError(reportId);
      let payload = row.payload;
      if (payload !== null) {
        const input = JSON.parse(this.#cipher.decrypt(payload)) as Record<string, unknown>;
        payload = this.#cipher.encrypt(JSON.stringify({ ...input, contact: {}, credit: 'anonymous' }));
      }
      await trx
        .updateTable('reports')
        .set((eb) => ({
          researcher: null,
          payload,
          // Remembered for good: markFiled checks it (rule "erasure and retention win").
          contact_erased_at: eb.fn.coalesce('contact_erased_at', eb.val(now.getTime())),
          updated_at: now.getTime(),
        }))
        .where('id', '=', reportId)
        .execute();
      await this.#insertEvent(trx, { reportId, type: 'contact-erased', at: now });
    });
  }

  async isKnownEmail(key: string): Promise<boolean> {
    const row = await this.#db.selectFrom('email_messages').select('key').where('key', '=', key).executeTakeFirst();
    return row !== undefined;
  }

  async rememberEmail(key: string, reportId: string, at: Date): Promise<void> {
    await this.#db
      .insertInto('email_messages')
      .values({ key, report_id: reportId, at: at.getTime() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }

  async getReport(id: string): Promise<ReportRecord | null> {
    const row = await this.#db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : this.#record(row);
  }

  async findReportByGhsa(ghsaId: string): Promise<ReportRecord | null> {
    const row = await this.#db.selectFrom('reports').selectAll().where('ghsa_id', '=', ghsaId).executeTakeFirst();
    return row === undefined ? null : this.#record(row);
  }

  async findReportByTokenHash(tokenHash: string): Promise<ReportRecord | null> {
    const row = await this.#db.selectFrom('reports').selectAll().where('status_token_hash', '=', tokenHash).executeTakeFirst();
    return row === undefined ? null : this.#record(row);
  }

  /** No-op for a filed report: once the issue exists there is nothing left to hold. */
  async markHeld(id: string, reason: string, now: Date): Promise<void> {
    const result = await this.#db
      .updateTable('reports')
      .set({ status: 'held', hold_reason: reason, updated_at: now.getTime() })
      .where('id', '=', id)
      .where('status', '!=', 'filed')
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) await this.#assertReportExists(id);
  }

  /** Only a held report moves; queued and filed reports are left as they are. */
  async markQueued(id: string, now: Date): Promise<void> {
    const result = await this.#db
      .updateTable('reports')
      .set({ status: 'queued', hold_reason: null, updated_at: now.getTime() })
      .where('id', '=', id)
      .where('status', '=', 'held')
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) await this.#assertReportExists(id);
  }

  /** Keeps the FIRST attempt's time: that is the one the crash-recovery search needs. */
  async markCreateStarted(id: string, now: Date): Promise<void> {
    const result = await this.#db
      .updateTable('reports')
      .set({ create_started_at: now.getTime(), updated_at: now.getTime() })
      .where('id', '=', id)
      .where('create_started_at', 'is', null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) await this.#assertReportExists(id);
  }

  /**
   * Idempotent: filing an already filed report changes nothing and records no second event.
   * The filing job read the report before it got here; if the researcher erased their
   * contact details since, its researcher facts are stale: the row's contact_erased_at,
   * read by this very statement, wins over them.
   */
  async markFiled(id: string, issue: { number: number; url: string }, now: Date, facts?: FilingFacts): Promise<void> {
    const researcher = facts?.researcher == null ? null : this.#cipher.encrypt(JSON.stringify(facts.researcher));
    const erased = this.#cipher.encrypt(JSON.stringify(ERASED_RESEARCHER));
    const filed = await this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('reports')
        .set((eb) => ({
          status: 'filed',
          hold_reason: null,
          issue_number: issue.number,
          issue_url: issue.url,
          filed_at: now.getTime(),
          payload: null,
          updated_at: now.getTime(),
          ...(facts === undefined
            ? {}
            : {
                issue_repo: facts.repo,
                asset_keys: joinList(facts.assetKeys),
                fingerprint: joinList(facts.fingerprint),
                remind_lead_ms: facts.remindLeadMs,
                overdue_team: facts.overdueTeam,
                sla_time_zone: facts.timeZone,
                tracking_language: facts.trackingLanguage,
                next_check_at: facts.nextCheckAt === null ? null : facts.nextCheckAt.getTime(),
                severity: facts.severity,
                cvss_vector: facts.cvssVector,
                resolution_due: facts.resolutionDue === null ? null : facts.resolutionDue.getTime(),
                researcher:
                  researcher === null
                    ? null
                    : eb.case().when('contact_erased_at', 'is', null).then(eb.val<string | null>(researcher)).else(eb.val<string | null>(erased)).end(),
                retention_days: facts.retentionDays ?? null,
              }),
        }))
        .where('id', '=', id)
        .where('status', '!=', 'filed')
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await this.#insertEvent(trx, { reportId: id, type: 'filed', at: now, data: { issueNumber: issue.number } });
      return true;
    });
    if (!filed) await this.#assertReportExists(id);
  }

  async countReports(org?: string): Promise<number> {
    const row = await this.#db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll().as('n'))
      .$if(org !== undefined, (qb) => qb.where('org', '=', org ?? ''))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  enqueue(job: NewJob): Promise<boolean> {
    return this.#insertJob(this.#db, job);
  }

  /** See LaneQueries.claim: staff first, one job per lane across instances, lanes served in turn. */
  claimJob(now: Date, leaseMs: number): Promise<Job | null> {
    return this.#lanes.claim(now, leaseMs);
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

  /**
   * The job, then its lane, each in one statement (no lock held across an await; a crash in
   * between only keeps the lane reserved until its lease ends).
   */
  async completeJob(id: number, now: Date): Promise<void> {
    await this.#db
      .updateTable('outbox')
      // A finished job keeps only its key: a payload can hold a researcher's reply, a mail
      // body or a status link (a bearer token), and nothing reads it once the job is done.
      .set({ state: 'done', locked_until: null, updated_at: now.getTime(), payload: '{}' })
      .where('id', '=', id)
      .execute();
    await LaneQueries.releaseLaneOf(this.#db, id);
  }

  async retryJob(id: number, runAfter: Date, error: string): Promise<void> {
    await this.#db
      .updateTable('outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        run_after: runAfter.getTime(),
        last_error: error.slice(0, MAX_ERROR_LENGTH),
        locked_until: null,
        updated_at: this.#now().getTime(),
      }))
      .where('id', '=', id)
      .execute();
    await LaneQueries.releaseLaneOf(this.#db, id);
  }

  async checkHealth(now: Date): Promise<{ deadJobs: number; pausedLanes: number }> {
    const t = now.getTime();
    await this.#db
      .insertInto('health_probe')
      .values({ id: 1, checked_at: t })
      .onConflict((oc) => oc.column('id').doUpdateSet({ checked_at: t }))
      .execute();
    const dead = await this.#db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('state', '=', 'dead').executeTakeFirstOrThrow();
    const paused = await this.#db.selectFrom('lanes').select((eb) => eb.fn.countAll().as('n')).where('paused_until', '>', t).executeTakeFirstOrThrow();
    return { deadJobs: Number(dead.n), pausedLanes: Number(paused.n) };
  }

  async outboxStats(now: Date): Promise<OutboxStats> {
    const pending = await this.#db
      .selectFrom('outbox')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('created_at').as('oldest')])
      .where('state', '=', 'pending')
      .executeTakeFirstOrThrow();
    const dead = await this.#db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('state', '=', 'dead').executeTakeFirstOrThrow();
    const paused = await this.#db.selectFrom('lanes').select((eb) => eb.fn.countAll().as('n')).where('paused_until', '>', now.getTime()).executeTakeFirstOrThrow();
    const oldest = pending.oldest === null ? null : new Date(Number(pending.oldest));
    return { pendingJobs: Number(pending.n), oldestPendingAt: oldest, deadJobs: Number(dead.n), pausedLanes: Number(paused.n) };
  }

  async deadJob(id: number, now: Date, reason: string): Promise<void> {
    await this.#db
      .updateTable('outbox')
      // Emptied like a done job's: the payload may hold report text, and nothing can run it.
      .set({ state: 'dead', locked_until: null, updated_at: now.getTime(), payload: '{}', last_error: reason.slice(0, MAX_ERROR_LENGTH) })
      .where('id', '=', id)
      .execute();
    await LaneQueries.releaseLaneOf(this.#db, id);
  }

  async runJobNow(key: string, now: Date): Promise<void> {
    await this.#db.updateTable('outbox').set({ run_after: now.getTime() }).where('key', '=', key).where('state', '=', 'pending').where('run_after', '>', now.getTime()).execute();
  }

  async getJob(key: string): Promise<Job | null> {
    const row = await this.#db.selectFrom('outbox').selectAll().where('key', '=', key).executeTakeFirst();
    return row === undefined ? null : this.#job(row);
  }

  async knownLabels(org: string, repo: string): Promise<Set<string>> {
    const rows = await this.#db.selectFrom('repo_labels').select('name').where('org', '=', org).where('repo', '=', repo).execute();
    return new Set(rows.map((r) => r.name));
  }

  async rememberLabels(org: string, repo: string, names: readonly string[]): Promise<void> {
    const unique = [...new Set(names)];
    if (unique.length === 0) return;
    await this.#db
      .insertInto('repo_labels')
      .values(unique.map((name) => ({ org, repo, name })))
      .onConflict((oc) => oc.columns(['org', 'repo', 'name']).doNothing())
      .execute();
  }

  recordEvent(event: ReportEvent): Promise<void> {
    return this.#insertEvent(this.#db, event);
  }

  async listEvents(reportId: string): Promise<ReportEvent[]> {
    const rows = await this.#db.selectFrom('events').selectAll().where('report_id', '=', reportId).orderBy('at').orderBy('id').execute();
    return rows.map(toReportEvent);
  }

  async #insertEvent(db: Kysely<Database>, event: ReportEvent): Promise<void> {
    await db
      .insertInto('events')
      .values({
        report_id: event.reportId,
        type: event.type,
        at: event.at.getTime(),
        data: event.data === undefined ? null : JSON.stringify(event.data),
      })
      .execute();
  }

  /** Resolves true when the job was inserted, false when its key already existed. */
  async #insertJob(db: Kysely<Database>, job: NewJob): Promise<boolean> {
    const now = this.#now().getTime();
    await LaneQueries.ensureLane(db, job);
    const result = await db
      .insertInto('outbox')
      .values({
        key: job.key,
        kind: job.kind,
        org: job.org,
        priority: priorityRank(job),
        lane: laneOf(job.kind, job.org),
        payload: this.#cipher.encrypt(job.payload),
        state: 'pending',
        attempts: 0,
        run_after: job.runAfter.getTime(),
        locked_until: null,
        last_error: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  #job(row: Parameters<typeof toJob>[0]): Job {
    return toJob(row, (stored) => this.#cipher.decrypt(stored));
  }

  #record(row: Parameters<typeof toReportRecord>[0]): ReportRecord {
    const record = toReportRecord(row);
    return record.payload === null ? record : { ...record, payload: this.#cipher.decrypt(record.payload) };
  }

  async #assertReportExists(id: string): Promise<void> {
    const row = await this.#db.selectFrom('reports').select('id').where('id', '=', id).executeTakeFirst();
    if (row === undefined) throw new ReportNotFoundError(id);
  }
}
