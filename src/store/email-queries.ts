import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The e-mails already handled, by Message-ID (or a hash of a message without one), so the
 * same message is never taken twice (SQL in one place; KyselyStore delegates). A report's
 * own e-mail is remembered by IntakeQueries, in the transaction that accepts the report.
 */
export class EmailQueries {
  constructor(private readonly db: Kysely<Database>) {}

  async isKnownEmail(key: string): Promise<boolean> {
    const row = await this.db.selectFrom('email_messages').select('key').where('key', '=', key).executeTakeFirst();
    return row !== undefined;
  }

  async rememberEmail(key: string, reportId: string, at: Date): Promise<void> {
    await this.db
      .insertInto('email_messages')
      .values({ key, report_id: reportId, at: at.getTime() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
}
