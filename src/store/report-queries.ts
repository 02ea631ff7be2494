import type { Kysely } from 'kysely';
import { insertEvent } from './event-queries.js';
import type { FieldCipher } from './field-cipher.js';
import { ReportNotFoundError } from './report-not-found-error.js';
import { toReportRecord } from './rows.js';
import type { Database } from './schema.js';
import type { ReportRecord } from './store.js';
import type { FilingFacts, ResearcherFacts } from './triage-records.js';
import { joinList } from './triage-rows.js';
import { syncSlaCheck } from './sla-checks.js';

/** What filing keeps of a researcher who erased their contact details: none of them, and no credit by name. */
const ERASED_RESEARCHER: ResearcherFacts = { pgpKey: null, name: null, github: null, email: null, phone: null, credit: 'anonymous' };

/**
 * A report on its way to a tracking issue: lookups, held/queued, the filing attempt and the
 * filing itself (SQL in one place; KyselyStore delegates).
 */
export class ReportQueries {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipher: FieldCipher,
  ) {}

  async getReport(id: string): Promise<ReportRecord | null> {
    const row = await this.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : this.#record(row);
  }

  async findReportByGhsa(ghsaId: string): Promise<ReportRecord | null> {
    const row = await this.db.selectFrom('reports').selectAll().where('ghsa_id', '=', ghsaId).executeTakeFirst();
    return row === undefined ? null : this.#record(row);
  }

  async getReceipt(reportId: string): Promise<string | null> {
    const row = await this.db.selectFrom('reports').select('receipt').where('id', '=', reportId).executeTakeFirst();
    return row?.receipt == null ? null : this.cipher.decrypt(row.receipt);
  }

  async findReportByTokenHash(tokenHash: string): Promise<ReportRecord | null> {
    const row = await this.db.selectFrom('reports').selectAll().where('status_token_hash', '=', tokenHash).executeTakeFirst();
    return row === undefined ? null : this.#record(row);
  }

  /** No-op for a filed report: once the issue exists there is nothing left to hold. */
  async markHeld(id: string, reason: string, now: Date): Promise<void> {
    const result = await this.db
      .updateTable('reports')
      .set({ status: 'held', hold_reason: reason, updated_at: now.getTime() })
      .where('id', '=', id)
      .where('status', '!=', 'filed')
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) await this.#assertReportExists(id);
  }

  /** Only a held report moves; queued and filed reports are left as they are. */
  async markQueued(id: string, now: Date): Promise<void> {
    const result = await this.db
      .updateTable('reports')
      .set({ status: 'queued', hold_reason: null, updated_at: now.getTime() })
      .where('id', '=', id)
      .where('status', '=', 'held')
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) await this.#assertReportExists(id);
  }

  /** Keeps the FIRST attempt's time: that is the one the crash-recovery search needs. */
  async markCreateStarted(id: string, now: Date): Promise<void> {
    const result = await this.db
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
    const researcher = facts?.researcher == null ? null : this.cipher.encrypt(JSON.stringify(facts.researcher));
    const erased = this.cipher.encrypt(JSON.stringify(ERASED_RESEARCHER));
    const filed = await this.db.transaction().execute(async (trx) => {
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
      // The sweep's row (sla-checks.ts): its first SLA check and the silence since the receipt.
      await syncSlaCheck(trx, id);
      await insertEvent(trx, { reportId: id, type: 'filed', at: now, data: { issueNumber: issue.number } });
      return true;
    });
    if (!filed) await this.#assertReportExists(id);
  }

  async countReports(org?: string): Promise<number> {
    const row = await this.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll().as('n'))
      .$if(org !== undefined, (qb) => qb.where('org', '=', org ?? ''))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  #record(row: Parameters<typeof toReportRecord>[0]): ReportRecord {
    const record = toReportRecord(row);
    return record.payload === null ? record : { ...record, payload: this.cipher.decrypt(record.payload) };
  }

  /** A guarded update that changed nothing either found nothing to change or no report at all. */
  async #assertReportExists(id: string): Promise<void> {
    const row = await this.db.selectFrom('reports').select('id').where('id', '=', id).executeTakeFirst();
    if (row === undefined) throw new ReportNotFoundError(id);
  }
}
