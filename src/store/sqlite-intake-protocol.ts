import type { IntakeRows } from './sqlite-intake-writer.js';

/**
 * What the intake thread (sqlite-intake-thread.ts) and its worker (sqlite-intake-worker.ts)
 * say to each other. Both ends are our own code in one process, so these are types, not a
 * parsed edge: the rows were built and validated before they were posted.
 */
export type ToIntakeWorker = { kind: 'batch'; seq: number; rows: readonly IntakeRows[] } | { kind: 'close' };

/** Why one report of a batch was not committed (an SQLite error's name, code and message). */
export interface WireError {
  name: string;
  /** SQLite's extended code, e.g. `SQLITE_CONSTRAINT_UNIQUE`; null for other errors. */
  code: string | null;
  message: string;
}

/** One report's fate, posted only after the batch's COMMIT (and its fsync) returned. */
export type WireOutcome = { ok: true } | { ok: false; error: WireError };

export type FromIntakeWorker =
  | { kind: 'committed'; seq: number; outcomes: WireOutcome[] }
  /** Nothing of the batch was committed (the write lock not taken in time, the disk full, …). */
  | { kind: 'failed'; seq: number; error: WireError };

/** An error carried across the thread boundary, as a plain object. */
export function toWire(error: unknown): WireError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, code: typeof code === 'string' ? code : null, message: error.message };
  }
  return { name: 'Error', code: null, message: String(error) };
}

/**
 * The writer refused a report or a batch. It has the SQLite error's name and code, so a
 * caller sees what it would have seen from an in-thread write (a unique index refusing a
 * second e-mail or GHSA id is `SQLITE_CONSTRAINT_UNIQUE`).
 */
export class IntakeWriteError extends Error {
  readonly code: string | null;
  constructor(wire: WireError) {
    super(wire.message);
    this.name = wire.name;
    this.code = wire.code;
  }
}

/**
 * The intake writer thread ended (crashed, was terminated, could not open the file) while
 * a batch was in its hands. Whether that batch committed is unknown, so nobody in it is told
 * "accepted": the callers answer 503 and the reporter sends again.
 */
export class IntakeWriterLostError extends Error {
  override name = 'IntakeWriterLostError' as const;
  constructor(cause: unknown) {
    super('the SQLite intake writer thread ended before it answered', { cause });
  }
}
