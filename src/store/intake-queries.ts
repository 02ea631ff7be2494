import type { Database as SqliteFile } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { insertEvent } from './event-queries.js';
import type { FieldCipher } from './field-cipher.js';
import { intakeJobs, jobRow, receivedEvent, reportRow, eventRow } from './intake-rows.js';
import { SqliteIntakeThread } from './sqlite-intake-thread.js';
import type { IntakeRows } from './sqlite-intake-writer.js';
import type { Database } from './schema.js';
import type { NewJob, NewReport } from './store.js';

type InsertJob = (db: Kysely<Database>, job: NewJob) => Promise<boolean>;

/**
 * Report intake: a new report, its 'received' event and its jobs in one transaction (SQL in
 * one place; KyselyStore delegates).
 */
export class IntakeQueries {
  readonly #thread: SqliteIntakeThread | null;

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
    // SQLite has one writer and each commit is an fsync, so batching (group commit) is what
    // buys throughput. PostgreSQL commits concurrently from its pool; a transaction per call
    // is enough there.
    if (sqliteFile === null) {
      this.#thread = null;
      return;
    }
    // The batches' statements and fsyncs run in a worker thread on its own connection to the
    // file (WAL: readers here see each commit), so the event loop keeps serving while the
    // disk syncs. Rows are built (and encrypted) here, where the cipher is.
    if (sqliteFile.memory) throw new Error('intake: the SQLite writer thread needs a database file, not :memory:');
    this.#thread = new SqliteIntakeThread({ file: sqliteFile.name });
  }

  async acceptReport(report: NewReport): Promise<void> {
    if (this.#thread !== null) return this.#thread.submit(this.#rowsOf(report));
    return this.db.transaction().execute((trx) => this.#insertAccepted(trx, report));
  }

  /**
   * Waits until every queued accept has committed or failed, then ends the writer thread
   * (before the database closes). An accept after this starts the thread again.
   */
  async drain(): Promise<void> {
    await this.#thread?.close();
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
