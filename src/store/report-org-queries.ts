import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The organisations with at least one filed report, by login as their reports carry it
 * (what `npm run sla -- --org` matches), sorted. For the daily SLA dashboard.
 */
export async function listReportOrgs(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('reports').select('org').distinct().where('status', '=', 'filed').orderBy('org').execute();
  return rows.map((row) => row.org);
}
