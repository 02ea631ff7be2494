import type { Attachment } from '../../report/report.js';
import { browserContentType, checkAttachmentContent, isAcceptedType, type AttachmentProblem } from '../../report/attachment-check.js';
import type { UploadedFile } from './multipart.js';

/** Uploaded files split into those fit for the schema (encoded) and those refused, with why. */
export interface CheckedUploads {
  attachments: Attachment[];
  problems: AttachmentProblem[];
}

/**
 * Checks each uploaded file's type against its name and content (see checkAttachmentContent),
 * and base64-encodes the
 * good ones for the schema. Types are read the way browsers send them (see browserContentType).
 */
export function checkUploads(files: UploadedFile[]): CheckedUploads {
  const checked: CheckedUploads = { attachments: [], problems: [] };
  for (const file of files) {
    const contentType = browserContentType(file.filename, file.contentType);
    const problem = checkAttachmentContent(file.filename, contentType, file.data);
    if (problem) checked.problems.push(problem);
    else if (isAcceptedType(contentType)) checked.attachments.push({ filename: file.filename, contentType, dataBase64: file.data.toString('base64') });
  }
  return checked;
}
