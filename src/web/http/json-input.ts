import { z } from 'zod';
import { Attachment, attachmentList, ReportInput } from '../../report/report.js';
import { knownKeysAt } from '../../report/unknown-keys.js';

/**
 * An attachment as the API sends it: snake_case names, the schema's rules. Strict, so a
 * camelCase `contentType` (the schema's own name) is an unknown field on the wire, not a
 * second spelling.
 */
const WireAttachment = z
  .strictObject({
    filename: Attachment.shape.filename,
    content_type: Attachment.shape.contentType,
    data_base64: Attachment.shape.dataBase64,
  })
  .transform(({ filename, content_type, data_base64 }) => ({ filename, contentType: content_type, dataBase64: data_base64 }));

/**
 * The JSON API's body: ReportInput with snake_case attachments. Its paths are wire paths
 * (`attachments.0.content_type`), so errors and unknown-field hints use the names a client
 * sends; its output is a ReportInput.
 */
export const ApiReportInput = ReportInput.extend({ attachments: attachmentList(WireAttachment) });

/** The dotted wire path of an issue, e.g. `attachments.0.content_type`; the root is `body`. */
export function apiField(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'body' : path.map(String).join('.');
}

/** API error fields that are not paths into the report. */
const OTHER_FIELDS = new Set(['body', 'request', 'pgp_message']);

/**
 * An error field as it may be logged: a path the API knows, else `(unknown field)`. An
 * unknown field's name is the sender's text, and no sender text is logged (rule "no researcher data in logs").
 */
export function loggableField(field: string): string {
  if (OTHER_FIELDS.has(field)) return field;
  const path = field.split('.').map((segment) => (/^\d{1,4}$/.test(segment) ? Number(segment) : segment));
  const known = path.every((segment, i) => typeof segment === 'number' || (knownKeysAt(ApiReportInput, path.slice(0, i))?.includes(segment) ?? false));
  return known ? field : '(unknown field)';
}

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
