import { sql, type Kysely, type Transaction } from 'kysely';
import type { Backend } from './migrations.js';
import type { Database } from './schema.js';
import type { ReportEvent } from './store.js';
import type {
  CreditRecord,
  DuplicateSource,
  NoticeBatch,
  ResearcherMessage,
  SlaDueReport,
  TriageChange,
  TriageRecord,
  TriageSaveResult,
} from './triage-records.js';
import type { SentNotice } from '../clock/sla-state.js';
import { CLOSING_STATUSES } from '../triage/triage-status.js';
import {
  SLA_DUE_COLUMNS,
  insertRowsIgnoringConflicts,
  moveNextChecks,
  splitList,
  statementChunks,
  toSlaDueReport,
  toTriageRecord as mapTriageRow,
  triageColumns,
} from './triage-rows.js';
import type { FieldCipher } from './field-cipher.js';
import { toReportEvent } from './rows.js';
import { insertJobsInBulk } from './insert-jobs.js';
import { syncSlaCheck } from './sla-checks.js';

/** An arbitrary constant: the PostgreSQL advisory lock key of the SLA sweep. */
const SWEEP_LOCK_KEY = 0x44445357; // "DDSW"

type Db = Kysely<Database>;
type Insert = (db: Db, rows: { events: ReportEvent[] }) => Promise<void>;

/**
 * Triage persistence over Kysely, shared by both backends. `insertJob` and `insertEvents`
 * are the outbox's and the event log's own (outbox-queries.ts, event-queries.ts), and the
 * sweep's jobs are written from jobRow (intake-rows.ts), so keys and columns stay defined
 * in one place.
 */
export class TriageQueries {
  constructor(
    private readonly db: Db,
    private readonly backend: Backend,
    private readonly cipher: FieldCipher,
    /** Clock for the bookkeeping column updated_at (time is injected, rule "time is passed in"). */
    private readonly now: () => Date,
    private readonly insertJob: (db: Db, job: TriageChange['jobs'][number]) => Promise<boolean>,
    private readonly insertEvents: Insert,
  ) {}

  async getTriage(reportId: string): Promise<TriageRecord | null> {
    const row = await this.selectTriage().where('reports.id', '=', reportId).executeTakeFirst();
    return row === undefined ? null : this.toTriageRecord(row);
  }

  async findTriageByIssue(org: string, repo: string, issueNumber: number): Promise<TriageRecord | null> {
    const rows = await this.selectTriage()
      .where('reports.org', '=', org)
      .where('reports.issue_number', '=', issueNumber)
      .where('reports.status', '=', 'filed')
      .execute();
    // Compare the repository in code: names are case-insensitive on GitHub.
    const match = rows.map((row) => this.toTriageRecord(row)).find((record) => record !== null && record.repo.toLowerCase() === repo.toLowerCase());
    return match ?? null;
  }

  saveTriage(change: TriageChange): Promise<TriageSaveResult> {
    return this.db.transaction().execute(async (trx) => {
      const [first, ...rest] = change.jobs;
      if (first !== undefined && !(await this.insertJob(trx, first))) return 'duplicate';
      const updated = await trx
        .updateTable('reports')
        .set((eb) => ({ ...triageColumns(change.fields), triage_version: eb('triage_version', '+', 1), updated_at: this.now().getTime() }))
        .where('id', '=', change.reportId)
        .where('status', '=', 'filed')
        .where('triage_version', '=', change.expectedVersion)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) {
        // Undo the job insert: the caller re-reads and plans again.
        throw new VersionConflict();
      }
      for (const job of rest) await this.insertJob(trx, job);
      await this.insertEvents(trx, { events: change.events });
      await this.insertMessages(trx, change.messages);
      // After the messages: a message to the researcher ends a silence.
      await syncSlaCheck(trx, change.reportId);
      return 'saved' as const;
    }).catch((error: unknown) => {
      if (error instanceof VersionConflict) return 'conflict' as const;
      throw error;
    });
  }

  async listDuplicateSources(org: string, closedSince: Date): Promise<DuplicateSource[]> {
    const rows = await this.db
      .selectFrom('reports')
      .select(['id', 'issue_number', 'issue_url', 'asset_keys', 'fingerprint'])
      .where('org', '=', org)
      .where('status', '=', 'filed')
      .where((w) => w.or([w('closed_at', 'is', null), w('closed_at', '>=', closedSince.getTime())]))
      .execute();
    return rows.flatMap((row) =>
      row.issue_number === null || row.issue_url === null
        ? []
        : [{ reportId: row.id, issueNumber: row.issue_number, issueUrl: row.issue_url, assetKeys: splitList(row.asset_keys), fingerprint: splitList(row.fingerprint) }],
    );
  }

  async listSlaDue(now: Date, limit: number): Promise<Array<{ triage: SlaDueReport; sent: SentNotice[] }>> {
    // Due checks from the narrow table (its index), then only those reports' SLA columns.
    const rows = await this.db
      .selectFrom('sla_checks')
      .innerJoin('reports', 'reports.id', 'sla_checks.report_id')
      .select(SLA_DUE_COLUMNS.map((column) => `reports.${column}` as const))
      .select('sla_checks.next_check_at as check_at')
      .where('sla_checks.next_check_at', '<=', now.getTime())
      .where('reports.status', '=', 'filed')
      // In SQL, not only in code: closed reports must never take places within the limit.
      .where('reports.triage_status', 'not in', [...CLOSING_STATUSES])
      .orderBy('sla_checks.next_check_at')
      .limit(limit)
      .execute()
      .then((found) => found.map((row) => ({ ...row, next_check_at: row.check_at })));
    const records = rows.map(toSlaDueReport).filter((r): r is SlaDueReport => r !== null && !CLOSING_STATUSES.has(r.status));
    if (records.length === 0) return [];
    const notices = await this.db
      .selectFrom('sla_notices')
      .select(['report_id', 'deadline', 'stage'])
      .where('report_id', 'in', records.map((r) => r.reportId))
      .execute();
    const sent = new Map<string, SentNotice[]>();
    for (const n of notices) {
      const list = sent.get(n.report_id);
      if (list === undefined) sent.set(n.report_id, [{ deadline: n.deadline, stage: n.stage }]);
      else list.push({ deadline: n.deadline, stage: n.stage });
    }
    return records.map((triage) => ({ triage, sent: sent.get(triage.reportId) ?? [] }));
  }

  /**
   * Several reports' notices in one transaction, each step a few multi-row statements for
   * all of them: a first sweep records thousands, and a commit (an fsync on SQLite) and
   * statements built per report were most of its time.
   */
  recordNotices(batch: NoticeBatch | readonly NoticeBatch[]): Promise<void> {
    const batches: readonly NoticeBatch[] = isNoticeBatch(batch) ? [batch] : batch;
    if (batches.length === 0) return Promise.resolve();
    return this.db.transaction().execute(async (trx) => {
      // A job only for a report that has notices: its comment posts them.
      const noting = batches.filter((b) => b.notices.length > 0);
      const notices = noting.flatMap((b) => b.notices.map((n) => ({ report_id: b.reportId, deadline: n.deadline, stage: n.stage, at: b.at.getTime() })));
      for (const rows of statementChunks(notices)) {
        await trx.executeQuery(insertRowsIgnoringConflicts(this.backend, 'sla_notices', rows, ['report_id', 'deadline', 'stage']));
      }
      await insertJobsInBulk(trx, this.backend, this.cipher, this.now(), noting.map((b) => b.job));
      // A report named twice moves to its last check, as if recorded one batch after the other.
      const checks = [...new Map(batches.map((b) => [b.reportId, b])).values()];
      for (const part of statementChunks(checks)) await trx.executeQuery(moveNextChecks(this.backend, part, [...CLOSING_STATUSES]));
    });
  }

  async withSweepLock<T>(fn: () => Promise<T>): Promise<T | null> {
    if (this.backend === 'sqlite') return fn();
    // A session lock on one pooled connection, held while fn runs on others: a transaction
    // lock would tie fn to this connection's transaction.
    return this.db.connection().execute(async (conn) => {
      // Advisory locks span the database; the schema in the key keeps deployments that
      // share a database in different schemas from blocking each other.
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${SWEEP_LOCK_KEY}, hashtext(current_schema())) as locked`.execute(conn);
      if (rows[0]?.locked !== true) return null;
      try {
        return await fn();
      } finally {
        await sql`select pg_advisory_unlock(${SWEEP_LOCK_KEY}, hashtext(current_schema()))`.execute(conn);
      }
    });
  }

  async listMessages(reportId: string): Promise<ResearcherMessage[]> {
    const rows = await this.db.selectFrom('researcher_messages').selectAll().where('report_id', '=', reportId).orderBy('at').orderBy('id').execute();
    return rows.map((row) => ({ reportId: row.report_id, kind: row.kind, body: this.cipher.decrypt(row.body), at: new Date(row.at) }));
  }

  async listOrgEvents(org: string, since?: Date): Promise<ReportEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .innerJoin('reports', 'reports.id', 'events.report_id')
      .selectAll('events')
      .where('reports.org', '=', org)
      .$if(since !== undefined, (qb) => qb.where('reports.received_at', '>=', since?.getTime() ?? 0))
      .orderBy('events.at')
      .orderBy('events.id')
      .execute();
    return rows.map(toReportEvent);
  }

  async recordAdvisory(reportId: string, advisory: { ghsaId: string; url: string; repo: string }): Promise<void> {
    await this.db
      .updateTable('reports')
      .set({ ghsa_id: advisory.ghsaId, advisory_url: advisory.url, advisory_repo: advisory.repo })
      .where('id', '=', reportId)
      .execute();
  }

  async moveTrackingIssue(reportId: string, to: { repo: string; number: number; url: string }, event: ReportEvent): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('reports')
        .set((eb) => ({ issue_repo: to.repo, issue_number: to.number, issue_url: to.url, triage_version: eb('triage_version', '+', 1), updated_at: this.now().getTime() }))
        .where('id', '=', reportId)
        .where('status', '=', 'filed')
        .execute();
      await this.insertEvents(trx, { events: [event] });
    });
  }

  async findTriageByGhsa(ghsaId: string): Promise<TriageRecord | null> {
    const row = await this.selectTriage().where('reports.ghsa_id', '=', ghsaId).executeTakeFirst();
    return row === undefined ? null : this.toTriageRecord(row);
  }

  async saveCreditRecord(record: CreditRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('credit_records')
      .values({
        ghsa_id: record.ghsaId,
        org: record.org,
        report_id: record.reportId,
        advisory_url: record.advisoryUrl,
        cve_id: record.cveId,
        summary: record.summary,
        published_at: record.publishedAt.getTime(),
        researchers: JSON.stringify(record.researchers),
        reward: record.reward === null ? null : JSON.stringify(record.reward),
      })
      .onConflict((oc) => oc.column('ghsa_id').doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  async listCreditRecords(org: string): Promise<CreditRecord[]> {
    const rows = await this.db.selectFrom('credit_records').selectAll().where('org', '=', org).orderBy('published_at', 'desc').orderBy('ghsa_id').execute();
    return rows.map((row) => ({
      ghsaId: row.ghsa_id,
      org: row.org,
      reportId: row.report_id,
      advisoryUrl: row.advisory_url,
      cveId: row.cve_id,
      summary: row.summary,
      publishedAt: new Date(row.published_at),
      researchers: JSON.parse(row.researchers) as CreditRecord['researchers'],
      reward: row.reward === null ? null : (JSON.parse(row.reward) as CreditRecord['reward']),
    }));
  }

  /** A report row with its next check as the sweep keeps it (sla_checks), where it has one. */
  private selectTriage() {
    return this.db
      .selectFrom('reports')
      .leftJoin('sla_checks', 'sla_checks.report_id', 'reports.id')
      .selectAll('reports')
      .select(['sla_checks.report_id as check_id', 'sla_checks.next_check_at as check_at']);
  }

  private toTriageRecord(row: Parameters<typeof mapTriageRow>[0] & { check_id: string | null; check_at: number | null }): TriageRecord | null {
    const { check_id: checkId, check_at: checkAt, ...report } = row;
    return mapTriageRow(checkId === null ? report : { ...report, next_check_at: checkAt }, (stored) => this.cipher.decrypt(stored));
  }

  private async insertMessages(trx: Transaction<Database>, messages: readonly ResearcherMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await trx
      .insertInto('researcher_messages')
      // The conversation is the researcher's and staff's text: encrypted like contact details.
      .values(messages.map((m) => ({ report_id: m.reportId, kind: m.kind, body: this.cipher.encrypt(m.body), at: m.at.getTime() })))
      .execute();
  }
}

function isNoticeBatch(batch: NoticeBatch | readonly NoticeBatch[]): batch is NoticeBatch {
  return !Array.isArray(batch);
}

class VersionConflict extends Error {
  override name = 'VersionConflict';
}
