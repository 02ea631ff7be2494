import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * What readiness asks of the store: a committed write (health_probe, one row), then the dead
 * jobs and paused lanes (SQL in one place; KyselyStore delegates).
 */
export async function checkHealth(db: Kysely<Database>, now: Date): Promise<{ deadJobs: number; pausedLanes: number }> {
  const t = now.getTime();
  await db
    .insertInto('health_probe')
    .values({ id: 1, checked_at: t })
    .onConflict((oc) => oc.column('id').doUpdateSet({ checked_at: t }))
    .execute();
  const dead = await db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('state', '=', 'dead').executeTakeFirstOrThrow();
  const paused = await db.selectFrom('lanes').select((eb) => eb.fn.countAll().as('n')).where('paused_until', '>', t).executeTakeFirstOrThrow();
  return { deadJobs: Number(dead.n), pausedLanes: Number(paused.n) };
}
