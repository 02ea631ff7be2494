import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The last valid config per organisation (SQL in one place; KyselyStore delegates). Written
 * only when it changed, so the minute-by-minute reloads of an unchanged config cost one
 * statement that updates nothing.
 */
export async function rememberValidConfig(db: Kysely<Database>, org: string, config: string, now: Date): Promise<void> {
  await db
    .insertInto('org_configs')
    .values({ org: org.toLowerCase(), config, saved_at: now.getTime() })
    .onConflict((oc) => oc.column('org').doUpdateSet({ config, saved_at: now.getTime() }).where('org_configs.config', '<>', config))
    .execute();
}

export async function lastValidConfig(db: Kysely<Database>, org: string): Promise<string | null> {
  const row = await db.selectFrom('org_configs').select('config').where('org', '=', org.toLowerCase()).executeTakeFirst();
  return row?.config ?? null;
}
