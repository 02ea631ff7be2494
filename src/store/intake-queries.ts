import { sql, type Kysely } from 'kysely';
import { insertEvent } from './event-queries.js';
import type { FieldCipher } from './field-cipher.js';
import { GroupCommit, type ItemOutcome } from './group-commit.js';
import type { Backend } from './migrations.js';
import type { Database } from './schema.js';
import type { NewJob, NewReport } from './store.js';

type InsertJob = (db: Kysely<Database>, job: NewJob) => Promise<boolean>;

/**
 * Report intake: a new report, its 'received' event and its jobs in one transaction (SQL in
 * one place; KyselyStore delegates).
 */
export class IntakeQueries {
  readonly #accepts: GroupCommit<NewReport> | null;

  constructor(
    private readonly db: Kysely<Database>,
    backend: Backend,
    private readonly cipher: FieldCipher,
    /** Clock for the bookkeeping column updated_at. */
    private readonly now: () => Date,
    /** The outbox's own insert, so a job's columns stay defined in one place. */
    private readonly insertJob: InsertJob,
  ) {
    // SQLite has one writer and each commit is an fsync, so batching is what buys throughput.
    // PostgreSQL commits concurrently from its pool; a transaction per call is enough there.
    this.#accepts = backend === 'sqlite' ? new GroupCommit((items) => this.#commitAccepts(items)) : null;
  }

  acceptReport(report: NewReport): Promise<void> {
    if (this.#accepts !== null) return this.#accepts.submit(report);
    return this.db.transaction().execute((trx) => this.#insertAccepted(trx, report));
  }

  /** Waits until every queued accept has committed or failed (before the database closes). */
  async drain(): Promise<void> {
    await this.#accepts?.drain();
  }

  /**
   * One transaction for the whole batch, one savepoint per report: a report that fails (a
   * duplicate id or token hash) is rolled back alone and rejects only its own caller; the
   * others commit. If the transaction itself fails, every caller in the batch is rejected.
   */
  #commitAccepts(items: readonly NewReport[]): Promise<ItemOutcome[]> {
    return this.db.transaction().execute(async (trx) => {
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
    const now = this.now().getTime();
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
        payload: this.cipher.encrypt(report.payload),
        updated_at: now,
        ghsa_id: report.advisory?.ghsaId ?? null,
        advisory_url: report.advisory?.url ?? null,
        advisory_repo: report.advisory?.repo ?? null,
      })
      .execute();
    await insertEvent(trx, {
      reportId: report.id,
      type: 'received',
      at: report.receivedAt,
      data: { channel: report.channel, receiptDue: report.receiptDue.getTime(), assessmentDue: report.assessmentDue.getTime() },
    });
    // A FileReportPayload (src/jobs), written here because the store does not import jobs;
    // test/jobs/dead-jobs.test.ts checks that it parses.
    await this.insertJob(trx, {
      key: `file-report:${report.id}`,
      kind: 'file-report',
      org: report.org,
      payload: JSON.stringify({ reportId: report.id }),
      runAfter: report.receivedAt,
    });
    for (const job of report.jobs ?? []) await this.insertJob(trx, job);
    if (report.emailMessageKey !== undefined) {
      await trx.insertInto('email_messages').values({ key: report.emailMessageKey, report_id: report.id, at: receivedAt }).execute();
    }
  }
}
