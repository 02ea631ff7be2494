import type { IntakeLimits } from '../../report/intake-limits.js';
import { base64DecodedBytes, checkAttachmentContent, describeAttachmentProblem } from '../../report/attachment-check.js';
import { isJsonObject } from './json-input.js';
import type { Attachment } from '../../report/report.js';

/** An attachment refused at the edge, with its dotted wire path. */
export interface WireAttachmentError {
  field: string;
  message: string;
  /** 413 for size, 400 for count and content. */
  status: 400 | 413;
}

/**
 * Count and size checks on the raw JSON, before the schema and before any base64 is
 * decoded: the size comes from the string's length.
 */
export function checkWireAttachmentSizes(attachments: unknown, limits: Pick<IntakeLimits, 'maxAttachments' | 'maxAttachmentBytes'>): WireAttachmentError[] {
  if (!Array.isArray(attachments)) return [];
  if (attachments.length > limits.maxAttachments) {
    return [{ field: 'attachments', message: describeAttachmentProblem({ kind: 'too-many', limit: limits.maxAttachments }), status: 400 }];
  }
  return attachments.flatMap((item: unknown, i) => {
    if (!isJsonObject(item) || typeof item.data_base64 !== 'string') return [];
    if (base64DecodedBytes(item.data_base64) <= limits.maxAttachmentBytes) return [];
    const filename = typeof item.filename === 'string' ? item.filename : `attachment ${i}`;
    const message = describeAttachmentProblem({ kind: 'too-large', filename, limitBytes: limits.maxAttachmentBytes });
    return [{ field: `attachments.${i}.data_base64`, message, status: 413 as const }];
  });
}

/**
 * Checks each schema-valid attachment's content against its declared type and file name
 * (see checkAttachmentContent). Sizes were bounded by checkWireAttachmentSizes first, so
 * decoding is bounded too.
 */
export function checkWireAttachmentContent(attachments: Attachment[]): WireAttachmentError[] {
  return attachments.flatMap((attachment, i) => {
    const problem = checkAttachmentContent(attachment.filename, attachment.contentType, Buffer.from(attachment.dataBase64, 'base64'));
    return problem ? [{ field: `attachments.${i}.data_base64`, message: describeAttachmentProblem(problem), status: 400 as const }] : [];
  });
}
