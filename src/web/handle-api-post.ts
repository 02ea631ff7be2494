import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkWireAttachmentContent, checkWireAttachmentSizes } from '../intake/http-json-attachments.js';
import { isJsonObject, jsonToReportInput, wireField } from '../intake/http-json-input.js';
import { mediaType } from '../intake/http-media-type.js';
import { BodyReadError, BodyTooLargeError, readBody } from '../intake/http-read-body.js';
import { fieldIssues } from '../intake/http-validation-errors.js';
import { ReportInput } from '../report/report.js';
import { acceptReport } from './accept-report.js';
import { rateLimitRequest } from './rate-limit-request.js';
import { closeAfterResponse, sendJson, type ExtraHeaders } from './respond.js';
import { statusUrl, type WebContext } from './web-context.js';

/** One API error: `field` is the dotted wire path (`contact.email`, `attachments.0.content_type`, `body`). */
export interface ApiError {
  field: string;
  message: string;
}

/**
 * `POST /api/v1/orgs/{org}/reports`: the same ReportInput schema as the form, with
 * snake_case attachment fields on the wire. 202 `{ id, status_url }` once stored.
 */
export async function handleApiPost(context: WebContext, req: IncomingMessage, res: ServerResponse, org: string): Promise<void> {
  const meta = { org, channel: 'api' };
  const fail = (status: number, errors: ApiError[], extra: ExtraHeaders = {}): void => {
    context.log.info({ ...meta, status, fields: errors.map((error) => error.field) }, 'report refused');
    sendJson(res, status, { errors }, extra);
  };

  const decision = rateLimitRequest(context, req);
  if (!decision.allowed) {
    const message = `too many reports from your network; try again in ${decision.retryAfterSeconds} seconds`;
    fail(429, [{ field: 'request', message }], { ...closeAfterResponse(req, res), 'Retry-After': String(decision.retryAfterSeconds) });
    return;
  }
  if (mediaType(req) !== 'application/json') {
    fail(415, [{ field: 'body', message: 'Content-Type must be application/json' }], closeAfterResponse(req, res));
    return;
  }

  let text: string;
  try {
    text = (await readBody(req, context.limits.maxJsonBodyBytes)).toString('utf8');
  } catch (error) {
    if (!(error instanceof BodyTooLargeError || error instanceof BodyReadError)) throw error;
    const message = error instanceof BodyTooLargeError ? `request body is larger than the limit of ${error.limitBytes} bytes` : 'request body could not be read';
    fail(error instanceof BodyTooLargeError ? 413 : 400, [{ field: 'body', message }], closeAfterResponse(req, res));
    return;
  }
  const body = parseJson(text);
  if (!isJsonObject(body)) {
    fail(400, [{ field: 'body', message: body === undefined ? 'must be valid JSON' : 'must be a JSON object' }]);
    return;
  }

  const sizeErrors = checkWireAttachmentSizes(body.attachments, context.limits);
  if (sizeErrors.length > 0) {
    fail(sizeErrors.some((error) => error.status === 413) ? 413 : 400, sizeErrors.map(({ field, message }) => ({ field, message })));
    return;
  }
  const parsed = ReportInput.safeParse(jsonToReportInput(body));
  if (!parsed.success) {
    fail(400, fieldIssues(parsed.error).map((issue) => ({ field: wireField(issue.path), message: issue.message })));
    return;
  }
  const contentErrors = checkWireAttachmentContent(parsed.data.attachments);
  if (contentErrors.length > 0) {
    fail(400, contentErrors.map(({ field, message }) => ({ field, message })));
    return;
  }

  const outcome = await acceptReport(context, org, 'api', parsed.data);
  if (!outcome.stored) {
    sendJson(res, 503, { errors: [{ field: 'request', message: 'the report was not stored; please try again later' }] });
    return;
  }
  sendJson(res, 202, { id: outcome.accepted.id, status_url: statusUrl(context, outcome.accepted.statusToken) });
}

/** The parsed JSON, or undefined when it is not JSON (JSON itself has no undefined). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
