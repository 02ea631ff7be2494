import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type FromIntakeWorker, IntakeWriteError, IntakeWriterLostError, type ToIntakeWorker } from './sqlite-intake-protocol.js';
import type { IntakeWorkerData } from './sqlite-intake-worker.js';
import type { IntakeRows } from './sqlite-intake-writer.js';

/** How the intake's writer thread is started. */
export interface IntakeThreadOptions {
  /** The store's SQLite file, already migrated. */
  file: string;
  /** How long a batch waits for the write lock held by another connection. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** The worker module; tests give one that fails on cue. Default sqlite-intake-worker beside this file. */
  workerUrl?: URL;
  /**
   * Characters of report data (payloads, receipts, job payloads) posted to the worker and not
   * answered yet, at most; more waits here, in order. One report larger than this still goes
   * alone. Default 32 Mi (a report with attachments can hold several MiB).
   */
  maxInFlightChars?: number;
}

const DEFAULT_MAX_IN_FLIGHT_CHARS = 32 * 1024 * 1024;

interface Waiter {
  rows: IntakeRows;
  /** sizeOf(rows), counted while the worker holds it. */
  chars: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Running {
  worker: Worker;
  /** Batches posted to this worker and not answered yet, by sequence number. */
  pending: Map<number, Waiter[]>;
}

/**
 * The event loop's side of the SQLite intake writer. Reports submitted in one turn of the
 * event loop are posted to a worker thread (sqlite-intake-worker.ts) as one batch, at once,
 * even while the worker commits an earlier one: it groups what waits into its next
 * transaction, so no round trip between the threads sits between two commits. Each submit
 * settles once the worker says its transaction committed. If the worker ends first, what
 * it held is rejected (503, never 202) and the next submit starts a new worker. The worker
 * starts with the first report, so an idle instance does not pay for it.
 */
export class SqliteIntakeThread {
  readonly #options: IntakeThreadOptions;
  #running: Running | null = null;
  #queue: Waiter[] = [];
  #scheduled = false;
  #seq = 0;
  #inFlightChars = 0;
  #idle: Array<() => void> = [];

  constructor(options: IntakeThreadOptions) {
    this.#options = options;
  }

  /** Resolves once `rows` are committed (fsynced); rejects with the report's own error or the batch's. */
  submit(rows: IntakeRows): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ rows, chars: sizeOf(rows), resolve, reject });
      this.#schedule();
    });
  }

  /** Waits until every submitted report is answered, then ends the worker (the next submit starts another). */
  async close(): Promise<void> {
    while (this.#queue.length > 0 || this.#scheduled || (this.#running?.pending.size ?? 0) > 0) {
      await new Promise<void>((resolve) => this.#idle.push(resolve));
    }
    const running = this.#running;
    if (running === null) return;
    this.#running = null;
    const exited = new Promise<void>((resolve) => running.worker.once('exit', () => resolve()));
    running.worker.ref();
    running.worker.postMessage({ kind: 'close' } satisfies ToIntakeWorker);
    await exited;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // setImmediate (not a microtask) lets every request parsed in this turn join the batch.
    setImmediate(() => this.#post());
  }

  #post(): void {
    this.#scheduled = false;
    const batch = this.#takeBatch();
    if (batch.length === 0) {
      this.#settled();
      return;
    }
    const running = this.#running ?? this.#start();
    this.#seq += 1;
    running.pending.set(this.#seq, batch);
    // Referenced while it holds a batch, so the process waits for the answer.
    running.worker.ref();
    running.worker.postMessage({ kind: 'batch', seq: this.#seq, rows: batch.map((waiter) => waiter.rows) } satisfies ToIntakeWorker);
  }

  /** What fits in the in-flight bound, oldest first: the worker's heap holds no more than that. */
  #takeBatch(): Waiter[] {
    const max = this.#options.maxInFlightChars ?? DEFAULT_MAX_IN_FLIGHT_CHARS;
    const batch: Waiter[] = [];
    for (let next = this.#queue[0]; next !== undefined; next = this.#queue[0]) {
      if (this.#inFlightChars + next.chars > max && this.#inFlightChars > 0) break;
      batch.push(next);
      this.#inFlightChars += next.chars;
      this.#queue.shift();
    }
    return batch;
  }

  #start(): Running {
    const data: IntakeWorkerData = { file: this.#options.file, busyTimeoutMs: this.#options.busyTimeoutMs ?? 5000 };
    const worker = spawnWorker(this.#options.workerUrl ?? new URL(`./sqlite-intake-worker${extensionOf(import.meta.url)}`, import.meta.url), data);
    const running: Running = { worker, pending: new Map() };
    worker.on('message', (reply: FromIntakeWorker) => {
      const batch = running.pending.get(reply.seq) ?? [];
      running.pending.delete(reply.seq);
      this.#answered(batch);
      if (reply.kind === 'failed') {
        for (const waiter of batch) waiter.reject(new IntakeWriteError(reply.error));
      } else {
        batch.forEach((waiter, i) => {
          const outcome = reply.outcomes[i];
          if (outcome?.ok === true) waiter.resolve();
          else waiter.reject(outcome === undefined ? new Error('intake: no outcome for a report') : new IntakeWriteError(outcome.error));
        });
      }
      if (running.pending.size === 0) worker.unref();
      this.#settled();
    });
    const lost = (cause: unknown): void => {
      if (this.#running === running) this.#running = null;
      for (const batch of running.pending.values()) {
        this.#answered(batch);
        for (const waiter of batch) waiter.reject(new IntakeWriterLostError(cause));
      }
      running.pending.clear();
      this.#settled();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the intake worker exited with code ${code}`)));
    // Idle, a forgotten close must not keep the process alive.
    worker.unref();
    this.#running = running;
    return running;
  }

  /** Frees the batch's share of the in-flight bound; what waited for it is posted next. */
  #answered(batch: readonly Waiter[]): void {
    for (const waiter of batch) this.#inFlightChars -= waiter.chars;
    if (this.#queue.length > 0) this.#schedule();
  }

  #settled(): void {
    for (const wake of this.#idle.splice(0)) wake();
  }
}

/** About how much memory a report's rows take: their long strings (payload, receipt, jobs). */
function sizeOf(rows: IntakeRows): number {
  let chars = rows.report.payload?.length ?? 0;
  chars += rows.report.receipt?.length ?? 0;
  for (const job of rows.jobs) chars += job.payload.length;
  return chars + 1024;
}

/** `.js` once built; `.ts` when the sources run directly (tsx, vitest). */
function extensionOf(url: string): '.js' | '.ts' {
  return url.endsWith('.ts') ? '.ts' : '.js';
}

function spawnWorker(url: URL, intakeWorker: IntakeWorkerData): Worker {
  const options = {
    workerData: { intakeWorker },
    // The worker holds at most maxInFlightChars of reports (plus one large report): a capped
    // heap is plenty, and a runaway one ends the worker (503s, then a new one), not the process.
    resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 },
  };
  if (extensionOf(url.href) === '.js') return new Worker(url, options);
  // Sources run through a TypeScript loader in this thread, which a worker does not inherit
  // under every runner: register tsx (a dev dependency, present wherever .ts files run) first.
  // (require.resolve finds tsx's CommonJS build of its API; its ES module build sits beside it.)
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
