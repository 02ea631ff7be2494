import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { OrgAttention } from './store.js';

/** Held reports grouped by their reason (app text: never report text), and dead jobs, of one organisation. */
export async function orgAttention(db: Kysely<Database>, org: string): Promise<OrgAttention> {
  const login = org.toLowerCase();
  const held = await db
    .selectFrom('reports')
    .select((eb) => ['hold_reason', eb.fn.countAll().as('n')])
    .where('status', '=', 'held')
    .where((eb) => eb(eb.fn('lower', ['org']), '=', login))
    .groupBy('hold_reason')
    .orderBy('hold_reason')
    .execute();
  const dead = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('state', '=', 'dead')
    .where((eb) => eb(eb.fn('lower', ['org']), '=', login))
    .executeTakeFirstOrThrow();
  return { held: held.map((row) => ({ reason: row.hold_reason ?? 'no reason recorded', count: Number(row.n) })), deadJobs: Number(dead.n) };
}
