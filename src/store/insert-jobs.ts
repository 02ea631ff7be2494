import type { Kysely } from 'kysely';
import type { FieldCipher } from './field-cipher.js';
import { jobRow } from './intake-rows.js';
import { laneOf, type NewJob } from './job-records.js';
import { LaneQueries } from './lane-queries.js';
import type { Backend } from './migrations.js';
import type { Database } from './schema.js';
import { insertRowsIgnoringConflicts, statementChunks } from './triage-rows.js';

/**
 * The sweep's jobs (SLA notices, reminders), as the outbox's insertJob writes them (jobRow:
 * the outbox's columns in one place), but one statement per chunk and one lane row per lane
 * instead of two statements a job: a first sweep enqueues thousands. A key that exists is
 * left as it is.
 */
export async function insertJobsInBulk(trx: Kysely<Database>, backend: Backend, cipher: FieldCipher, now: Date, jobs: readonly NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const lanes = new Map(jobs.map((job) => [laneOf(job.kind, job.org), job]));
  for (const job of lanes.values()) await LaneQueries.ensureLane(trx, job);
  for (const part of statementChunks(jobs)) {
    await trx.executeQuery(insertRowsIgnoringConflicts(backend, 'outbox', part.map((job) => jobRow(job, cipher, now.getTime())), ['key']));
  }
}
