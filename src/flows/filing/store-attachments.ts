import type { Attachment } from '../../report/report.js';
import { safeFileName } from '../../report/safe-file-name.js';
import type { NewAttachment, Store } from '../../store/store.js';
import { staffAttachmentUrl } from '../staff/staff-links.js';

/**
 * Keeps a report's attachments in the app's store, encrypted like the researcher's other
 * data, before the issue that lists them is created: no GitHub write per file, and nothing in
 * the tracking repository's history that retention or an erasure could not remove. Staff
 * download them from the staff page. Idempotent: a retry of filing keeps what is there. The
 * safe name (see safeFileName) is the one the issue shows, with what was changed. Resolves
 * `erased` (storing nothing) when the researcher erased their details first.
 */
export function storeAttachments(store: Store, reportId: string, attachments: readonly Attachment[], now: Date): Promise<'saved' | 'erased'> {
  const files: NewAttachment[] = attachments.map((attachment, index) => ({
    position: index + 1,
    fileName: safeFileName(attachment.filename, attachment.contentType, index).name,
    contentType: attachment.contentType,
    data: Buffer.from(attachment.dataBase64, 'base64'),
  }));
  return store.saveAttachments(reportId, files, now);
}

/** Where staff download each attachment (the staff page's links), in order; none without a public URL. */
export function attachmentDownloadUrls(publicUrl: string | undefined, org: string, reportId: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => staffAttachmentUrl(publicUrl, org, reportId, index + 1)).filter((url): url is string => url !== null);
}
