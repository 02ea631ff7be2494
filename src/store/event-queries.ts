import type { Kysely } from 'kysely';
import { toReportEvent } from './rows.js';
import type { Database } from './schema.js';
import type { ReportEvent } from './store.js';

/**
 * Records one event. Takes the database or an open transaction, so an event commits with
 * the change it records.
 */
export async function insertEvent(db: Kysely<Database>, event: ReportEvent): Promise<void> {
  await db
    .insertInto('events')
    .values({
      report_id: event.reportId,
      type: event.type,
      at: event.at.getTime(),
      data: event.data === undefined ? null : JSON.stringify(event.data),
    })
    .execute();
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
