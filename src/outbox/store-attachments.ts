import type { TrackerPort } from '../ports.js';
import type { Attachment } from '../report/report.js';

/**
 * Commits a report's attachments to the private tracking repository, under
 * `attachments/<report id>/`, before the issue that links to them is created. Issues
 * cannot carry files through the REST API; the repository keeps them as private as the
 * issue. Putting a file that is already there (a retry) returns the existing one.
 */
export async function storeAttachments(
  tracker: TrackerPort,
  owner: string,
  repo: string,
  reportId: string,
  attachments: readonly Attachment[],
): Promise<string[]> {
  const urls: string[] = [];
  for (const [index, attachment] of attachments.entries()) {
    const path = `attachments/${reportId}/${index + 1}-${safeFileName(attachment.filename)}`;
    const { url } = await tracker.putFile(owner, repo, {
      path,
      contentBase64: attachment.dataBase64,
      message: `Attachment ${index + 1} of report ${reportId}`,
    });
    urls.push(url);
  }
  return urls;
}

/** The reporter chose the name: keep letters, digits, dot, dash and underscore only. */
export function safeFileName(name: string): string {
  const cleaned = name.normalize('NFKC').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return (cleaned || 'file').slice(0, 80);
}
