import type { IssuePort } from '../../ports/github.js';
import type { Attachment } from '../../report/report.js';
import { safeFileName } from '../../report/safe-file-name.js';

/**
 * Commits a report's attachments to the private tracking repository, under
 * `attachments/<report id>/<n>-<safe name>`, before the issue that links to them is created.
 * Issues cannot carry files through the REST API; the repository keeps them as private as
 * the issue. Putting a file that is already there (a retry) returns the existing one.
 * The safe name (see safeFileName) is the one the issue shows, with what was changed.
 */
export async function storeAttachments(
  issues: IssuePort,
  owner: string,
  repo: string,
  reportId: string,
  attachments: readonly Attachment[],
): Promise<string[]> {
  const urls: string[] = [];
  for (const [index, attachment] of attachments.entries()) {
    const path = attachmentPath(reportId, attachment, index);
    const { url } = await issues.putFile(owner, repo, {
      path,
      contentBase64: attachment.dataBase64,
      message: `Attachment ${index + 1} of report ${reportId}`,
    });
    urls.push(url);
  }
  return urls;
}

/** Where attachment `index` (from 0) of a report is stored in the tracking repository. */
export function attachmentPath(reportId: string, attachment: Pick<Attachment, 'filename' | 'contentType'>, index: number): string {
  return `attachments/${reportId}/${index + 1}-${safeFileName(attachment.filename, attachment.contentType, index).name}`;
}
