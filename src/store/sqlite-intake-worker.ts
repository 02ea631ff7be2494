import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { type FromIntakeWorker, type ToIntakeWorker, toWire } from './sqlite-intake-protocol.js';
import { type IntakeRows, type ItemOutcome, sqliteIntakeWriter } from './sqlite-intake-writer.js';

/** What the thread is started with (workerData). */
export interface IntakeWorkerData {
  /** The SQLite file the store opened (already migrated). */
  file: string;
  busyTimeoutMs: number;
}

/** Reports in one transaction at most, so a burst does not hold the write lock for long. */
const MAX_REPORTS_PER_COMMIT = 512;

type Batch = Extract<ToIntakeWorker, { kind: 'batch' }>;

/**
 * The SQLite intake writer, run in a worker thread with its own connection to the store's
 * file: batches of accepted reports are inserted and committed here, so the statements and
 * the commit's fsync (about half of the intake's CPU when they ran on the event loop) no
 * longer stall the HTTP server. Batches that arrive while a commit runs share the next
 * transaction (group commit: one fsync for all of them). Outcomes are posted only after
 * the COMMIT returned, and with synchronous = FULL that is after the fsync: the 202 that
 * follows is durable.
 */
export function serveIntakeBatches(port: MessagePort, data: IntakeWorkerData): void {
  const file = new BetterSqlite3(data.file);
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = FULL');
  file.pragma(`busy_timeout = ${Math.max(0, Math.trunc(data.busyTimeoutMs))}`);
  const write = sqliteIntakeWriter(file);
  const inbox: Batch[] = [];
  let scheduled = false;

  const commitSome = (): void => {
    const group: Batch[] = [];
    let reports = 0;
    while (inbox.length > 0 && (group.length === 0 || reports + (inbox[0]?.rows.length ?? 0) <= MAX_REPORTS_PER_COMMIT)) {
      const batch = inbox.shift() as Batch;
      group.push(batch);
      reports += batch.rows.length;
    }
    for (const reply of commitGroup(write, group)) port.postMessage(reply);
  };
  const flush = (): void => {
    scheduled = false;
    commitSome();
    if (inbox.length > 0) schedule();
  };
  // setImmediate runs after the messages that arrived during the last commit were queued,
  // so they all join the next transaction.
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  port.on('message', (message: ToIntakeWorker) => {
    if (message.kind === 'batch') {
      inbox.push(message);
      schedule();
      return;
    }
    // The thread sends `close` once every batch is answered; anything left is committed first.
    while (inbox.length > 0) commitSome();
    file.close();
    // exit() ends this thread only; a loader's port (tsx in development) would keep it alive.
    process.exit(0);
  });
}

/** Writes the batches in one transaction; one reply per batch, in order. */
function commitGroup(write: (rows: readonly IntakeRows[]) => ItemOutcome[], group: readonly Batch[]): FromIntakeWorker[] {
  try {
    const outcomes = write(group.flatMap((batch) => batch.rows));
    let next = 0;
    return group.map((batch) => {
      const own = outcomes.slice(next, next + batch.rows.length);
      next += batch.rows.length;
      return { kind: 'committed', seq: batch.seq, outcomes: own.map((outcome) => (outcome.ok ? { ok: true } : { ok: false, error: toWire(outcome.error) })) };
    });
  } catch (error) {
    return group.map((batch) => ({ kind: 'failed', seq: batch.seq, error: toWire(error) }));
  }
}

if (parentPort !== null && (workerData as { intakeWorker?: IntakeWorkerData } | null)?.intakeWorker !== undefined) {
  serveIntakeBatches(parentPort, (workerData as { intakeWorker: IntakeWorkerData }).intakeWorker);
}
