import type { Kysely } from 'kysely';
import type { Backend } from './migrations.js';
import type { Database } from './schema.js';
import type { Job, NewJob } from './job-records.js';
import { defaultPriority, laneOf } from './job-records.js';
import { toJob } from './rows.js';
import type { LaneState, LaneStore } from './lane-records.js';

const HOUR_MS = 3_600_000;

/** Priority as stored: lower runs first. */
export function priorityRank(job: NewJob): number {
  return (job.priority ?? defaultPriority(job.kind)) === 'staff' ? 0 : 1;
}

/** The claim and lane bookkeeping of KyselyStore (SQL in one place; the store delegates). */
export class LaneQueries implements LaneStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly backend: Backend,
    private readonly decrypt: (stored: string) => string,
  ) {}

  /** Makes sure the job's lane has a row (in the enqueueing transaction, when there is one). */
  static async ensureLane(db: Kysely<Database>, job: NewJob): Promise<void> {
    await db
      .insertInto('lanes')
      .values({ lane: laneOf(job.kind, job.org) })
      .onConflict((oc) => oc.column('lane').doNothing())
      .execute();
  }

  /**
   * Claims the next due job of a free, unpaused lane: staff work first, then the lane served
   * least recently, then the oldest. Two statements, each atomic on its own, so no lock is
   * held across an await (an embedded SQLite connection blocks its whole process while it
   * waits for a lock): the first reserves the lane (on PostgreSQL its row is locked with SKIP
   * LOCKED, so concurrent instances reserve different lanes), the second leases the lane's
   * best job; nobody else can take a job of a reserved lane. A job whose lease ran out was
   * claimed before by a worker that died mid-job: that counts as an attempt, so the handler
   * knows its writes may have happened. A crash between the two statements only keeps the
   * lane reserved until its lease ends.
   */
  async claim(now: Date, leaseMs: number): Promise<Job | null> {
    const t = now.getTime();
    const reserved = await this.db
      .updateTable('lanes')
      .set({ busy_until: t + leaseMs, last_claimed_at: t })
      .where('lane', '=', (eb) =>
        eb
          .selectFrom('lanes as l')
          .innerJoin('outbox as o', 'o.lane', 'l.lane')
          .select('l.lane')
          .where('o.state', '=', 'pending')
          .where('o.run_after', '<=', t)
          .where((w) => w.or([w('o.locked_until', 'is', null), w('o.locked_until', '<=', t)]))
          .where((w) => w.or([w('l.busy_until', 'is', null), w('l.busy_until', '<=', t)]))
          .where((w) => w.or([w('l.paused_until', 'is', null), w('l.paused_until', '<=', t)]))
          .orderBy('o.priority')
          .orderBy('l.last_claimed_at')
          .orderBy('o.run_after')
          .orderBy('o.id')
          .limit(1)
          .$if(this.backend === 'postgres', (qb) => qb.forUpdate('l').skipLocked()),
      )
      .returning('lane')
      .executeTakeFirst();
    if (reserved === undefined) return null;
    const row = await this.db
      .updateTable('outbox')
      .set((eb) => ({
        locked_until: t + leaseMs,
        updated_at: t,
        attempts: eb.case().when('locked_until', 'is', null).then(eb.ref('attempts')).else(eb('attempts', '+', 1)).end(),
      }))
      .where('id', '=', (eb) =>
        eb
          .selectFrom('outbox as due')
          .select('due.id')
          .where('due.lane', '=', reserved.lane)
          .where('due.state', '=', 'pending')
          .where('due.run_after', '<=', t)
          .where((w) => w.or([w('due.locked_until', 'is', null), w('due.locked_until', '<=', t)]))
          .orderBy('due.priority')
          .orderBy('due.run_after')
          .orderBy('due.id')
          .limit(1),
      )
      .returningAll()
      .executeTakeFirst();
    if (row !== undefined) return toJob(row, this.decrypt);
    // The job was finished in between by a worker whose lease had run out: free the lane again.
    await this.db.updateTable('lanes').set({ busy_until: null }).where('lane', '=', reserved.lane).execute();
    return null;
  }

  /** Frees the lane of a job that finished or was put back: its own statement, after the job's update. */
  static async releaseLaneOf(db: Kysely<Database>, jobId: number): Promise<void> {
    await db
      .updateTable('lanes')
      .set({ busy_until: null })
      .where('lane', '=', (eb) => eb.selectFrom('outbox').select('outbox.lane').where('outbox.id', '=', jobId))
      .execute();
  }

  async extendLease(jobId: number, lane: string, until: Date): Promise<void> {
    await this.db.updateTable('lanes').set({ busy_until: until.getTime() }).where('lane', '=', lane).execute();
    await this.db.updateTable('outbox').set({ locked_until: until.getTime() }).where('id', '=', jobId).where('state', '=', 'pending').execute();
  }

  async laneState(lane: string): Promise<LaneState> {
    const row = await this.db.selectFrom('lanes').select(['next_write_at', 'paused_until', 'pause_level']).where('lane', '=', lane).executeTakeFirst();
    return {
      nextWriteAt: new Date(row?.next_write_at ?? 0),
      pausedUntil: row?.paused_until == null ? null : new Date(row.paused_until),
      pauseLevel: row?.pause_level ?? 0,
    };
  }

  /** Statement by statement: each is right on its own, and the lane is this job's alone. */
  async recordWrite(lane: string, at: Date, nextWriteAt: Date, created: boolean, succeeded: boolean): Promise<void> {
    await this.db
      .insertInto('lanes')
      .values({ lane, next_write_at: nextWriteAt.getTime() })
      .onConflict((oc) => oc.column('lane').doUpdateSet(succeeded ? { next_write_at: nextWriteAt.getTime(), pause_level: 0, pause_reason: null } : { next_write_at: nextWriteAt.getTime() }))
      .execute();
    if (!created) return;
    await this.db.insertInto('lane_creates').values({ lane, at: at.getTime() }).execute();
    // Only the last hour counts: older rows are dropped as new ones come.
    await this.db.deleteFrom('lane_creates').where('lane', '=', lane).where('at', '<=', at.getTime() - HOUR_MS).execute();
  }

  async createsInLastHour(lane: string, now: Date): Promise<Date[]> {
    const rows = await this.db
      .selectFrom('lane_creates')
      .select('at')
      .where('lane', '=', lane)
      .where('at', '>', now.getTime() - HOUR_MS)
      .orderBy('at')
      .execute();
    return rows.map((row) => new Date(row.at));
  }

  async pauseLane(lane: string, until: Date, level: number, reason: string): Promise<void> {
    // The caller works the lane's only job and read its state: a plain write is enough.
    await this.db
      .insertInto('lanes')
      .values({ lane, paused_until: until.getTime(), pause_level: level, pause_reason: reason })
      .onConflict((oc) => oc.column('lane').doUpdateSet({ paused_until: until.getTime(), pause_level: level, pause_reason: reason }))
      .execute();
  }
}
