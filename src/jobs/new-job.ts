import type { JobKind, JobPriority, NewJob } from '../store/job-records.js';
import type { JobPayload } from './job-payloads.js';

/** Where and when a new job runs. */
export interface NewJobOptions {
  /** Idempotency key: enqueueing the same key twice yields one job. */
  key: string;
  /** The organisation (installation) whose lane runs it. */
  org: string;
  runAfter: Date;
  /** Default: by kind (defaultPriority). */
  priority?: JobPriority;
}

/**
 * A job to enqueue (or to commit with a triage change), its payload typed by its kind.
 * The payload is written as JSON as given; `parseJob` reads it back through the kind's schema.
 */
export function newJob<K extends JobKind>(kind: K, payload: JobPayload<K>, options: NewJobOptions): NewJob & { kind: K } {
  const { key, org, runAfter, priority } = options;
  return { key, kind, org, payload: JSON.stringify(payload), runAfter, ...(priority === undefined ? {} : { priority }) };
}
