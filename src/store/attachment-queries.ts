import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ENCRYPTED_PREFIX, type FieldCipher } from './field-cipher.js';
import type { Backend } from './migrations.js';
import { ReportNotFoundError } from './report-not-found-error.js';
import type { Database, ReportAttachmentsTable } from './schema.js';
import type { AttachmentInfo, AttachmentStore, NewAttachment, StoredAttachment } from './staff-records.js';

/**
 * Attachments in the store, encrypted like every other piece of the researcher's data (SQL
 * in one place; KyselyStore delegates). Retention and erasure delete them (privacy-queries.ts).
 */
export class AttachmentQueries implements AttachmentStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly backend: Backend,
    private readonly cipher: FieldCipher,
  ) {}

  saveAttachments(reportId: string, files: readonly NewAttachment[], now: Date): Promise<'saved' | 'erased'> {
    return this.db.transaction().execute(async (trx) => {
      // Locked on PostgreSQL, as eraseContact locks it: an erasure either comes first (and
      // nothing is stored) or after (and deletes what was stored).
      const row = await trx
        .selectFrom('reports')
        .select(['contact_erased_at'])
        .where('id', '=', reportId)
        .$if(this.backend === 'postgres', (qb) => qb.forUpdate())
        .executeTakeFirst();
      if (row === undefined) throw new ReportNotFoundError(reportId);
      if (row.contact_erased_at !== null) return 'erased' as const;
      if (files.length === 0) return 'saved' as const;
      await trx
        .insertInto('report_attachments')
        .values(
          files.map((file) => ({
            report_id: reportId,
            position: file.position,
            file_name: file.fileName,
            content_type: file.contentType,
            size: file.data.length,
            sha256: createHash('sha256').update(file.data).digest('hex'),
            data: this.cipher.encrypt(file.data.toString('base64')),
            created_at: now.getTime(),
          })),
        )
        .onConflict((oc) => oc.columns(['report_id', 'position']).doNothing())
        .execute();
      return 'saved' as const;
    });
  }

  async listAttachments(reportId: string): Promise<AttachmentInfo[]> {
    const rows = await this.db
      .selectFrom('report_attachments')
      .select(['position', 'file_name', 'content_type', 'size', 'sha256', 'created_at'])
      .where('report_id', '=', reportId)
      .orderBy('position')
      .execute();
    return rows.map(toInfo);
  }

  async getAttachment(reportId: string, position: number): Promise<StoredAttachment | null> {
    if (!Number.isSafeInteger(position)) return null;
    const row = await this.db.selectFrom('report_attachments').selectAll().where('report_id', '=', reportId).where('position', '=', position).executeTakeFirst();
    if (row === undefined) return null;
    return { ...toInfo(row), data: Buffer.from(this.cipher.decrypt(row.data), 'base64') };
  }

  /** Encrypts attachment data stored in clear (PostgreSQL before a key was set); a no-op without a key. */
  async encryptRowsInClear(): Promise<void> {
    if (!this.cipher.encrypts) return;
    const rows = await this.db
      .selectFrom('report_attachments')
      .select(['report_id', 'position', 'data'])
      .where('data', 'not like', `${ENCRYPTED_PREFIX}%`)
      .execute();
    for (const row of rows) {
      await this.db
        .updateTable('report_attachments')
        .set({ data: this.cipher.encrypt(row.data) })
        .where('report_id', '=', row.report_id)
        .where('position', '=', row.position)
        .where('data', '=', row.data)
        .execute();
    }
  }
}

function toInfo(row: Pick<ReportAttachmentsTable, 'position' | 'file_name' | 'content_type' | 'size' | 'sha256' | 'created_at'>): AttachmentInfo {
  return {
    position: Number(row.position),
    fileName: row.file_name,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    storedAt: new Date(Number(row.created_at)),
  };
}
