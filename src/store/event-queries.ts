import type { Kysely } from 'kysely';
import { eventRow } from './intake-rows.js';
import { toReportEvent } from './rows.js';
import type { Database } from './schema.js';
import type { ReportEvent } from './store.js';

/**
 * Records one event. Takes the database or an open transaction, so an event commits with
 * the change it records.
 */
export async function insertEvent(db: Kysely<Database>, event: ReportEvent): Promise<void> {
  await db.insertInto('events').values(eventRow(event)).execute();
}

/** A report's event history (SQL in one place; KyselyStore delegates). */
export class EventQueries {
  constructor(private readonly db: Kysely<Database>) {}

  recordEvent(event: ReportEvent): Promise<void> {
    return insertEvent(this.db, event);
  }

  async listEvents(reportId: string): Promise<ReportEvent[]> {
    const rows = await this.db.selectFrom('events').selectAll().where('report_id', '=', reportId).orderBy('at').orderBy('id').execute();
    return rows.map(toReportEvent);
  }
}
