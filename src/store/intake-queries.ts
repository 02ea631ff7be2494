import type { Database as SqliteFile } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { insertEvent } from './event-queries.js';
import type { FieldCipher } from './field-cipher.js';
import { GroupCommit } from './group-commit.js';
import { intakeJobs, jobRow, receivedEvent, reportRow, eventRow } from './intake-rows.js';
import { sqliteIntakeWriter, type IntakeRows } from './sqlite-intake-writer.js';
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
    private readonly cipher: FieldCipher,
    /** Clock for the bookkeeping column updated_at. */
    private readonly now: () => Date,
    /** The outbox's own insert, so a job's columns stay defined in one place. */
    private readonly insertJob: InsertJob,
    /** The SQLite file under `db`, when the store is SQLite: accepts are batched on it. */
    sqliteFile: SqliteFile | null,
  ) {
    // SQLite has one writer and each commit is an fsync, so batching is what buys throughput.
    // PostgreSQL commits concurrently from its pool; a transaction per call is enough there.
    if (sqliteFile === null) {
      this.#accepts = null;
      return;
    }
    const write = sqliteIntakeWriter(sqliteFile);
    this.#accepts = new GroupCommit((items) => {
      const rows = items.map((report) => this.#rowsOf(report));
      // Holding Kysely's connection keeps its own queries out while the batch runs.
      return this.db.connection().execute(async () => write(rows));
    });
  }

  acceptReport(report: NewReport): Promise<void> {
    if (this.#accepts !== null) return this.#accepts.submit(report);
    return this.db.transaction().execute((trx) => this.#insertAccepted(trx, report));
  }

  /** Waits until every queued accept has committed or failed (before the database closes). */
  async drain(): Promise<void> {
    await this.#accepts?.drain();
  }

  #rowsOf(report: NewReport): IntakeRows {
    const now = this.now().getTime();
    return {
      report: reportRow(report, this.cipher, now),
      event: eventRow(receivedEvent(report)),
      jobs: intakeJobs(report).map((job) => jobRow(job, this.cipher, now)),
      emailMessage: report.emailMessageKey === undefined ? null : { key: report.emailMessageKey, report_id: report.id, at: report.receivedAt.getTime() },
    };
  }

  async #insertAccepted(trx: Kysely<Database>, report: NewReport): Promise<void> {
    await trx.insertInto('reports').values(reportRow(report, this.cipher, this.now().getTime())).execute();
    await insertEvent(trx, receivedEvent(report));
    for (const job of intakeJobs(report)) await this.insertJob(trx, job);
    if (report.emailMessageKey !== undefined) {
      await trx.insertInto('email_messages').values({ key: report.emailMessageKey, report_id: report.id, at: report.receivedAt.getTime() }).execute();
    }
  }
}
