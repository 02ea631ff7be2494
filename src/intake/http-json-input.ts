import type { ReportInputRaw } from '../report/report.js';

/** Wire names that differ from the schema's: the API speaks snake_case. */
const WIRE_NAMES: Record<string, string> = { contentType: 'content_type', dataBase64: 'data_base64' };

/**
 * Maps the API's JSON (snake_case attachments) onto the schema's shape. Anything that is not
 * the expected shape is passed through untouched, so the schema reports it at its path.
 */
export function jsonToReportInput(body: Record<string, unknown>): ReportInputRaw {
  const { attachments, ...rest } = body;
  return {
    ...rest,
    attachments: Array.isArray(attachments) ? attachments.map(attachmentFromWire) : attachments,
  } as ReportInputRaw;
}

/** The dotted wire path for a schema path, e.g. `attachments.0.content_type`; the root is `body`. */
export function wireField(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'body';
  return path.map((segment) => WIRE_NAMES[String(segment)] ?? String(segment)).join('.');
}

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function attachmentFromWire(item: unknown): unknown {
  if (!isJsonObject(item)) return item;
  return { filename: item.filename, contentType: item.content_type, dataBase64: item.data_base64 };
}
