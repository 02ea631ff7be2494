import type { Kysely } from 'kysely';
import { insertEvent } from './event-queries.js';
import { ENCRYPTED_PREFIX, type FieldCipher } from './field-cipher.js';
import type { Backend } from './migrations.js';
import { ReportNotFoundError } from './report-not-found-error.js';
import type { Database } from './schema.js';

const DAY_MS = 86_400_000;
/** When a report was filed without a retention setting (before it existed). */
const DEFAULT_RETENTION_DAYS = 90;

/**
 * A researcher's personal data: retention, erasure on request, and encryption at rest of
 * what was stored in clear (SQL in one place; KyselyStore delegates).
 */
export class PrivacyQueries {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly backend: Backend,
    private readonly cipher: FieldCipher,
  ) {}

  async purgeContacts(now: Date): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('reports')
        .select((eb) => [
          'id',
          'closed_at',
          'retention_days',
          eb('researcher', 'is not', null).as('has_researcher'),
          eb('receipt', 'is not', null).as('has_receipt'),
          eb.selectFrom('researcher_messages').select((m) => m.fn.countAll().as('n')).whereRef('researcher_messages.report_id', '=', 'reports.id').as('messages'),
          eb.selectFrom('report_attachments').select((a) => a.fn.countAll().as('n')).whereRef('report_attachments.report_id', '=', 'reports.id').as('attachments'),
        ])
        // closed_at marks every end, whatever the status: a closing status (rejected,
        // duplicate, known, resolved, published), or a tracking issue deleted where the report
        // stood. Reopening clears it (reopenIfClosed, a reopened issue).
        .where('closed_at', 'is not', null)
        .where((eb) =>
          eb.or([
            eb('researcher', 'is not', null),
            eb('receipt', 'is not', null),
            eb.exists(eb.selectFrom('researcher_messages').select('researcher_messages.id').whereRef('researcher_messages.report_id', '=', 'reports.id')),
            eb.exists(eb.selectFrom('report_attachments').select('report_attachments.position').whereRef('report_attachments.report_id', '=', 'reports.id')),
          ]),
        )
        .execute();
      const due = rows
        .map((r) => ({ ...r, retentionDays: r.retention_days ?? DEFAULT_RETENTION_DAYS, messages: Number(r.messages ?? 0), attachments: Number(r.attachments ?? 0) }))
        .filter((r) => r.closed_at !== null && r.closed_at + r.retentionDays * DAY_MS <= now.getTime());
      if (due.length === 0) return [];
      // SQLite answers 1/0, PostgreSQL true/false.
      const contacts = due.filter((r) => Boolean(r.has_researcher) || Boolean(r.has_receipt)).map((r) => r.id);
      const conversations = due.filter((r) => r.messages > 0);
      const withFiles = due.filter((r) => r.attachments > 0);
      if (contacts.length > 0) await trx.updateTable('reports').set({ researcher: null, receipt: null, updated_at: now.getTime() }).where('id', 'in', contacts).execute();
      if (conversations.length > 0) {
        await trx.deleteFrom('researcher_messages').where('report_id', 'in', conversations.map((r) => r.id)).execute();
      }
      if (withFiles.length > 0) {
        await trx.deleteFrom('report_attachments').where('report_id', 'in', withFiles.map((r) => r.id)).execute();
      }
      for (const id of contacts) await insertEvent(trx, { reportId: id, type: 'contact-purged', at: now });
      for (const r of withFiles) {
        // The staff page says the attachments were deleted, and when, rather than list nothing.
        await insertEvent(trx, { reportId: r.id, type: 'attachments-purged', at: now, data: { attachments: r.attachments, retentionDays: r.retentionDays } });
      }
      for (const r of conversations) {
        // The status page says the conversation was deleted, and when, rather than show nothing.
        await insertEvent(trx, { reportId: r.id, type: 'messages-purged', at: now, data: { messages: r.messages, retentionDays: r.retentionDays } });
      }
      return due.map((r) => r.id);
    });
  }

  async eraseContact(reportId: string, now: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // Locked on PostgreSQL: a report filed meanwhile (payload deleted) must not get its
      // text back from the stripped copy below.
      const row = await trx
        .selectFrom('reports')
        .select(['payload'])
        .where('id', '=', reportId)
        .$if(this.backend === 'postgres', (qb) => qb.forUpdate())
        .executeTakeFirst();
      if (row === undefined) throw new ReportNotFoundError(reportId);
      let payload = row.payload;
      // Attachments go with the contact details (README, "Privacy"): those of a report not
      // filed yet from its text, those already stored from the store.
      let pending = 0;
      if (payload !== null) {
        const input = JSON.parse(this.cipher.decrypt(payload)) as Record<string, unknown>;
        pending = Array.isArray(input.attachments) ? input.attachments.length : 0;
        payload = this.cipher.encrypt(JSON.stringify({ ...input, contact: {}, credit: 'anonymous', ...(Array.isArray(input.attachments) ? { attachments: [] } : {}) }));
      }
      const deleted = await trx.deleteFrom('report_attachments').where('report_id', '=', reportId).executeTakeFirst();
      // Filing may have stored the files of the text it still holds: the same files, counted once.
      const attachments = Math.max(pending, Number(deleted.numDeletedRows));
      await trx
        .updateTable('reports')
        .set((eb) => ({
          researcher: null,
          receipt: null,
          payload,
          // Remembered for good: markFiled checks it (rule "erasure and retention win").
          contact_erased_at: eb.fn.coalesce('contact_erased_at', eb.val(now.getTime())),
          updated_at: now.getTime(),
        }))
        .where('id', '=', reportId)
        .execute();
      await insertEvent(trx, { reportId, type: 'contact-erased', at: now });
      if (attachments > 0) await insertEvent(trx, { reportId, type: 'attachments-erased', at: now, data: { attachments } });
    });
  }

  /**
   * Encrypts conversation bodies and pending job payloads stored in clear: written before
   * they were encrypted, or before a key was configured. A no-op without a key. Each update
   * names the value it read, so instances starting together never encrypt a value twice.
   */
  async encryptRowsInClear(): Promise<void> {
    if (!this.cipher.encrypts) return;
    const inClear = `${ENCRYPTED_PREFIX}%`;
    const messages = await this.db.selectFrom('researcher_messages').select(['id', 'body']).where('body', 'not like', inClear).execute();
    for (const { id, body } of messages) {
      await this.db.updateTable('researcher_messages').set({ body: this.cipher.encrypt(body) }).where('id', '=', id).where('body', '=', body).execute();
    }
    const jobs = await this.db.selectFrom('outbox').select(['id', 'payload']).where('state', '=', 'pending').where('payload', 'not like', inClear).execute();
    for (const { id, payload } of jobs) {
      await this.db.updateTable('outbox').set({ payload: this.cipher.encrypt(payload) }).where('id', '=', id).where('payload', '=', payload).execute();
    }
  }
}
