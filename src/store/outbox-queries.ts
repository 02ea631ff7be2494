import type { Kysely } from 'kysely';
import type { FieldCipher } from './field-cipher.js';
import { jobRow } from './intake-rows.js';
import { LaneQueries } from './lane-queries.js';
import { toJob } from './rows.js';
import type { Database } from './schema.js';
import type { DeadJob, Job, JobKind, NewJob, OutboxStats } from './store.js';

/** Long errors (stack-like messages from a gateway) are cut; the job only needs a hint. */
const MAX_ERROR_LENGTH = 2000;

/**
 * The outbox table: enqueueing, finishing, rescheduling and dead-lettering jobs (SQL in one
 * place; KyselyStore delegates). Claiming is LaneQueries', since it reserves a lane first.
 */
export class OutboxQueries {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipher: FieldCipher,
    /** Clock for the bookkeeping columns created_at and updated_at where no `now` is given. */
    private readonly now: () => Date,
  ) {}

  /**
   * Resolves true when the job was inserted, false when its key already existed. Takes the
   * database or an open transaction, so a job commits with the change that caused it.
   */
  async insertJob(db: Kysely<Database>, job: NewJob): Promise<boolean> {
    const now = this.now().getTime();
    await LaneQueries.ensureLane(db, job);
    const result = await db
      .insertInto('outbox')
      .values(jobRow(job, this.cipher, now))
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  enqueue(job: NewJob): Promise<boolean> {
    return this.insertJob(this.db, job);
  }

  /**
   * The job, then its lane, each in one statement (no lock held across an await; a crash in
   * between only keeps the lane reserved until its lease ends).
   */
  async completeJob(id: number, now: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      // A finished job keeps only its key: a payload can hold a researcher's reply, a mail
      // body or a status link (a bearer token), and nothing reads it once the job is done.
      .set({ state: 'done', locked_until: null, updated_at: now.getTime(), payload: '{}' })
      .where('id', '=', id)
      .execute();
    await LaneQueries.releaseLaneOf(this.db, id);
  }

  async retryJob(id: number, runAfter: Date, error: string): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        run_after: runAfter.getTime(),
        last_error: error.slice(0, MAX_ERROR_LENGTH),
        locked_until: null,
        updated_at: this.now().getTime(),
      }))
      .where('id', '=', id)
      .execute();
    await LaneQueries.releaseLaneOf(this.db, id);
  }

  async deadJob(id: number, now: Date, reason: string, options: { keepPayload?: boolean } = {}): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({
        state: 'dead',
        locked_until: null,
        updated_at: now.getTime(),
        // A payload that does not parse is emptied like a done job's: it may hold report
        // text, and nothing can run it. One that kept failing stays (encrypted) for a requeue.
        ...(options.keepPayload === true ? {} : { payload: '{}' }),
        last_error: reason.slice(0, MAX_ERROR_LENGTH),
      })
      .where('id', '=', id)
      .execute();
    await LaneQueries.releaseLaneOf(this.db, id);
  }

  async listDeadJobs(): Promise<DeadJob[]> {
    const rows = await this.db
      .selectFrom('outbox')
      .select(['key', 'kind', 'org', 'attempts', 'last_error', 'updated_at'])
      .where('state', '=', 'dead')
      .orderBy('updated_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      key: row.key,
      kind: row.kind as JobKind,
      org: row.org,
      attempts: row.attempts,
      lastError: row.last_error,
      diedAt: new Date(Number(row.updated_at)),
    }));
  }

  async requeueDeadJobs(now: Date, key?: string): Promise<string[]> {
    let dead = this.db.selectFrom('outbox').select(['id', 'key']).where('state', '=', 'dead');
    if (key !== undefined) dead = dead.where('key', '=', key);
    const rows = await dead.execute();
    if (rows.length > 0) {
      await this.db
        .updateTable('outbox')
        .set({ state: 'pending', attempts: 0, run_after: now.getTime(), locked_until: null, updated_at: now.getTime() })
        .where('id', 'in', rows.map((row) => row.id))
        .where('state', '=', 'dead')
        .execute();
    }
    return rows.map((row) => row.key);
  }

  async runJobNow(key: string, now: Date): Promise<void> {
    await this.db.updateTable('outbox').set({ run_after: now.getTime() }).where('key', '=', key).where('state', '=', 'pending').where('run_after', '>', now.getTime()).execute();
  }

  async getJob(key: string): Promise<Job | null> {
    const row = await this.db.selectFrom('outbox').selectAll().where('key', '=', key).executeTakeFirst();
    return row === undefined ? null : toJob(row, (stored) => this.cipher.decrypt(stored));
  }

  async outboxStats(now: Date): Promise<OutboxStats> {
    const pending = await this.db
      .selectFrom('outbox')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('created_at').as('oldest')])
      .where('state', '=', 'pending')
      .executeTakeFirstOrThrow();
    const dead = await this.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('state', '=', 'dead').executeTakeFirstOrThrow();
    const paused = await this.db.selectFrom('lanes').select((eb) => eb.fn.countAll().as('n')).where('paused_until', '>', now.getTime()).executeTakeFirstOrThrow();
    const held = await this.db.selectFrom('reports').select((eb) => ['hold_reason', eb.fn.countAll().as('n')]).where('status', '=', 'held').groupBy('hold_reason').execute();
    const oldest = pending.oldest === null ? null : new Date(Number(pending.oldest));
    return {
      pendingJobs: Number(pending.n),
      oldestPendingAt: oldest,
      deadJobs: Number(dead.n),
      pausedLanes: Number(paused.n),
      held: held.map((row) => ({ reason: row.hold_reason, count: Number(row.n) })),
    };
  }
}
