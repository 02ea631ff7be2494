import type { Database as SqliteFile, Statement } from 'better-sqlite3';
import type { Insertable } from 'kysely';
import type { EmailMessagesTable, EventsTable, OutboxTable, ReportsTable } from './schema.js';

/** The fate of one report in a committed batch: committed, or rolled back on its own. */
export type ItemOutcome = { ok: true } | { ok: false; error: unknown };

/** One accepted report's rows, encrypted and ready to bind. */
export interface IntakeRows {
  report: Insertable<ReportsTable>;
  event: Insertable<EventsTable>;
  jobs: Insertable<OutboxTable>[];
  emailMessage: Insertable<EmailMessagesTable> | null;
}

type Row = Record<string, string | number | bigint | null>;

/**
 * Writes batches of accepted reports to SQLite with statements prepared once, in one
 * synchronous transaction per batch. Building each insert through Kysely and awaiting it
 * was about a fifth of the intake's CPU under load (`npm run bench`); the rows themselves
 * come from intake-rows.ts, the columns' one place, so both ways write the same. It runs in
 * the intake's worker thread (sqlite-intake-worker.ts), on that thread's own connection.
 */
export function sqliteIntakeWriter(file: SqliteFile): (batch: readonly IntakeRows[]) => ItemOutcome[] {
  const statements = new Map<string, Statement>();
  const insert = (table: string, row: object, conflict: string): void => {
    const columns = Object.keys(row);
    const key = `${table}|${columns.join(',')}`;
    let statement = statements.get(key);
    if (statement === undefined) {
      // Table and column names come from our own row builders, never from input.
      const names = columns.map((column) => `"${column}"`).join(', ');
      const values = columns.map((column) => `@${column}`).join(', ');
      statement = file.prepare(`insert into "${table}" (${names}) values (${values}) ${conflict}`);
      statements.set(key, statement);
    }
    statement.run(row as Row);
  };

  // Nested inside the batch, better-sqlite3 runs this in a savepoint: a report that fails (a
  // duplicate id, token hash, advisory or e-mail) is rolled back alone and the rest commit.
  const writeOne = file.transaction((rows: IntakeRows) => {
    insert('reports', rows.report, '');
    insert('events', rows.event, '');
    for (const job of rows.jobs) {
      insert('lanes', { lane: job.lane }, 'on conflict ("lane") do nothing');
      insert('outbox', job, 'on conflict ("key") do nothing');
    }
    if (rows.emailMessage !== null) insert('email_messages', rows.emailMessage, '');
  });
  const writeBatch = file.transaction((batch: readonly IntakeRows[]): ItemOutcome[] =>
    batch.map((rows) => {
      try {
        writeOne(rows);
        return { ok: true };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );

  return (batch) => {
    // A transaction left open on this connection would swallow this one into a savepoint
    // that its rollback could undo after the 202 was sent.
    if (file.inTransaction) throw new Error('intake batch: the SQLite connection is inside another transaction');
    // IMMEDIATE takes the write lock at BEGIN, so another instance's writer waits for it
    // (busy_timeout) instead of failing the upgrade halfway.
    return writeBatch.immediate(batch);
  };
}
