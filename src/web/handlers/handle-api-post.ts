import { parseStrictJson } from '../http/strict-json.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkWireAttachmentContent, checkWireAttachmentSizes } from '../http/json-attachments.js';
import { apiField, ApiReportInput, isJsonObject, loggableField } from '../http/json-input.js';
import { mediaType } from '../http/media-type.js';
import { checkPgpContact, openPgpReport, PGP_ENCRYPTED, PGP_NOT_ACCEPTED, unwrapPgpJson, type ReportBody } from '../http/pgp-input.js';
import { BodyReadError, BodyTooLargeError, readBody } from '../http/read-body.js';
import { fieldIssues } from '../http/validation-errors.js';
import { acceptReport } from './accept-report.js';
import { rateLimitRequest } from './rate-limit-request.js';
import { closeAfterResponse, sendJson, type ExtraHeaders } from '../http/respond.js';
import { statusUrl, type WebContext } from '../http/web-context.js';

/** One API error: `field` is the dotted wire path (`contact.email`, `attachments.0.content_type`, `body`). */
export interface ApiError {
  field: string;
  message: string;
}

/**
 * `POST /api/v1/orgs/{org}/reports`: the same ReportInput schema as the form, with
 * snake_case attachment fields on the wire. 202 `{ id, status_url, receipt }` once stored. An unknown
 * field at any depth is a 400 naming it (rule "strict at every edge").
 *
 * With an organisation key the report may come encrypted: as an `application/pgp-encrypted`
 * body, or as `{ "pgp_message": "-----BEGIN PGP MESSAGE-----…" }`. Its plaintext is the JSON
 * report; a signed one is verified against `contact.pgpKey` when given. The 202 then also
 * says `signature`: `verified`, `unsigned` or `unchecked` (signed, but no contact.pgpKey).
 */
export async function handleApiPost(context: WebContext, req: IncomingMessage, res: ServerResponse, org: string): Promise<void> {
  const meta = { org, channel: 'api' };
  const fail = (status: number, errors: ApiError[], extra: ExtraHeaders = {}): void => {
    context.log.info({ ...meta, status, fields: errors.map((error) => loggableField(error.field)) }, 'report refused');
    sendJson(res, status, { errors }, extra);
  };

  const decision = rateLimitRequest(context, req);
  if (!decision.allowed) {
    const message = `too many reports from your network; try again in ${decision.retryAfterSeconds} seconds`;
    fail(429, [{ field: 'request', message }], { ...closeAfterResponse(req, res), 'Retry-After': String(decision.retryAfterSeconds) });
    return;
  }
  const type = mediaType(req);
  if (type !== 'application/json' && type !== PGP_ENCRYPTED) {
    const message = context.pgp ? `Content-Type must be application/json or ${PGP_ENCRYPTED}` : 'Content-Type must be application/json';
    fail(415, [{ field: 'body', message }], closeAfterResponse(req, res));
    return;
  }
  if (type === PGP_ENCRYPTED && !context.pgp) {
    fail(415, [{ field: 'body', message: PGP_NOT_ACCEPTED }], closeAfterResponse(req, res));
    return;
  }

  let bytes: Buffer;
  try {
    bytes = await readBody(req, context.limits.maxJsonBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError || error instanceof BodyReadError)) throw error;
    const message = error instanceof BodyTooLargeError ? `request body is larger than the limit of ${error.limitBytes} bytes` : 'request body could not be read';
    fail(error instanceof BodyTooLargeError ? 413 : 400, [{ field: 'body', message }], closeAfterResponse(req, res));
    return;
  }
  const input = type === PGP_ENCRYPTED && context.pgp ? await openPgpReport(context.pgp, bytes, context.limits.maxJsonBodyBytes) : await readJsonReport(context, bytes);
  if (!input.ok) {
    fail(input.status, input.errors);
    return;
  }
  const { body, encrypted } = input;

  const sizeErrors = checkWireAttachmentSizes(body.attachments, context.limits);
  if (sizeErrors.length > 0) {
    fail(sizeErrors.some((error) => error.status === 413) ? 413 : 400, sizeErrors.map(({ field, message }) => ({ field, message })));
    return;
  }
  const parsed = ApiReportInput.safeParse(body);
  if (!parsed.success) {
    fail(400, fieldIssues(parsed.error, ApiReportInput).map((issue) => ({ field: apiField(issue.path), message: issue.message })));
    return;
  }
  const contentErrors = checkWireAttachmentContent(parsed.data.attachments);
  if (contentErrors.length > 0) {
    fail(400, contentErrors.map(({ field, message }) => ({ field, message })));
    return;
  }
  const pgpCheck = await checkPgpContact(context.pgp, parsed.data.contact.pgpKey, encrypted);
  if (!pgpCheck.ok) {
    fail(pgpCheck.status, pgpCheck.errors);
    return;
  }

  const outcome = await acceptReport(context, org, 'api', parsed.data);
  if (!outcome.stored) {
    sendJson(res, 503, { errors: [{ field: 'request', message: 'the report was not stored; please try again later' }] });
    return;
  }
  const signature = pgpCheck.signature === null ? {} : { signature: pgpCheck.signature };
  const status = statusUrl(context, outcome.accepted.statusToken);
  const { receipt } = outcome.accepted;
  sendJson(res, 202, {
    id: outcome.accepted.id,
    status_url: status,
    receipt: { sha256: receipt.sha256, received_at: receipt.receivedAt.toISOString(), url: `${status}/receipt.asc` },
    ...signature,
  });
}

/** A plain JSON report, or the encrypted one inside `{ "pgp_message": … }`. */
async function readJsonReport(context: WebContext, bytes: Buffer): Promise<ReportBody | { ok: false; status: 400 | 413; errors: ApiError[] }> {
  const parsed = parseStrictJson(bytes.toString('utf8'));
  if (!parsed.ok && parsed.reason === 'duplicate-keys') return { ok: false, status: 400, errors: parsed.paths.map((field) => ({ field, message: SENT_TWICE })) };
  const body = parsed.ok ? parsed.value : undefined;
  if (!isJsonObject(body)) return { ok: false, status: 400, errors: [{ field: 'body', message: body === undefined ? 'must be valid JSON' : 'must be a JSON object' }] };
  return unwrapPgpJson(context.pgp, body, context.limits.maxJsonBodyBytes);
}

/** JSON.parse would keep the last of the two values silently. */
const SENT_TWICE = 'is sent more than once; send each field once';
