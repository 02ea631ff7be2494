import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceNotReadyError, STARTING_RETRY_AFTER_SECONDS } from './not-ready.js';
import { GITHUB_WEBHOOK_CAP_BYTES } from './front-door-limits.js';
import { errorNameOf, type FrontDoorLog, loggableEventName, loggableId } from './front-door-log.js';
import type { RouteHandler } from './route-handler.js';
import { parseSignature, readSignedBody } from './signed-body.js';

/** A delivery whose signature held, parsed: what Probot's `webhooks.receive` takes. */
export interface WebhookDelivery {
  id: string;
  name: string;
  payload: object;
}

export interface WebhookRouteOptions {
  /** Probot's default is `/api/github/webhooks`. */
  path: string;
  /** The app's webhook secret (WEBHOOK_SECRET). */
  secret: string;
  /** Hands a verified delivery to the app; resolves when its handlers have run. */
  receive(delivery: WebhookDelivery): Promise<void>;
  log: FrontDoorLog;
  /** Default: GitHub's cap, 25 MB. */
  maxBytes?: number;
  /** GitHub gives up after 10 s; a delivery still being handled then is answered 202. Default 9 s. */
  answerAfterMs?: number;
}

const JSON_TYPE = /^\s*application\/json\s*(?:;|$)/i;

/**
 * GitHub's webhook deliveries, checked as they stream in: the signature is computed over
 * the chunks as they arrive and compared before anything is parsed or logged. Refusals log
 * one line with the delivery id, event name and reason, never the payload; a handler that
 * throws logs the error's name only (its message could quote the payload).
 *
 * Statuses follow @octokit/webhooks' middleware (405 instead of its 404 for other methods):
 * 415 not JSON, 400 headers missing or JSON malformed, 401 signature wrong (GitHub's own
 * example answers 401), 413 over the cap, 500 a handler failed, 200 `ok`.
 */
export function createWebhookRoute(options: WebhookRouteOptions): RouteHandler {
  const path = withoutTrailingSlash(options.path);
  const maxBytes = options.maxBytes ?? GITHUB_WEBHOOK_CAP_BYTES;
  const answerAfterMs = options.answerAfterMs ?? 9_000;
  const { log } = options;

  return async function webhookRoute(req, res) {
    if (withoutTrailingSlash(pathOf(req.url)) !== path) return false;
    if (req.method !== 'POST') {
      answer(req, res, 405, 'Method not allowed\n', { Allow: 'POST' });
      return true;
    }
    const id = header(req, 'x-github-delivery');
    const name = header(req, 'x-github-event');
    const meta = { deliveryId: loggableId(id), event: loggableEventName(name) };
    const refuse = (status: number, reason: string, text: string): true => {
      log.warn({ ...meta, status, reason }, 'webhook refused');
      answer(req, res, status, text);
      return true;
    };

    if (!JSON_TYPE.test(header(req, 'content-type') ?? '')) return refuse(415, 'not application/json', 'Content-Type must be application/json\n');
    const signatureHeader = header(req, 'x-hub-signature-256');
    if (id === undefined || name === undefined || signatureHeader === undefined) return refuse(400, 'headers missing', 'Required headers missing\n');
    const signature = parseSignature(signatureHeader);
    if (signature === null) return refuse(401, 'signature malformed', 'Signature does not match\n');
    if (Number(req.headers['content-length']) > maxBytes) return refuse(413, 'too large', 'Payload too large\n');

    const read = await readSignedBody(req, options.secret, signature, maxBytes);
    if (read.kind === 'too-large') return refuse(413, 'too large', 'Payload too large\n');
    if (read.kind === 'unreadable') {
      log.warn({ ...meta, reason: 'body not read to the end' }, 'webhook refused');
      if (!res.headersSent) res.destroy();
      return true;
    }
    if (read.kind === 'bad-signature') return refuse(401, 'signature mismatch', 'Signature does not match\n');

    let payload: unknown;
    try {
      payload = JSON.parse(read.body.toString('utf8'));
    } catch {
      return refuse(400, 'malformed JSON', 'Payload is not JSON\n');
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return refuse(400, 'payload not an object', 'Payload is not a JSON object\n');

    let late: NodeJS.Timeout | null = setTimeout(() => {
      late = null;
      answer(req, res, 202, 'still processing\n');
    }, answerAfterMs);
    try {
      await options.receive({ id, name, payload });
      if (late !== null) answer(req, res, 200, 'ok\n');
    } catch (error) {
      if (error instanceof ServiceNotReadyError) {
        // GitHub shows the failed delivery; it can be redelivered once the desk has started.
        log.warn(meta, 'webhook refused: the desk is still starting');
        if (late !== null) answer(req, res, 503, 'Starting, deliver again shortly\n', { 'Retry-After': String(STARTING_RETRY_AFTER_SECONDS) });
        return true;
      }
      log.error({ ...meta, error: errorNameOf(error) }, 'webhook handler failed');
      if (late !== null) answer(req, res, 500, 'Handler failed\n');
    } finally {
      if (late !== null) clearTimeout(late);
    }
    return true;
  };
}

function answer(req: IncomingMessage, res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(req.complete ? {} : { Connection: 'close' }),
    ...extra,
  });
  res.end(text);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function pathOf(url: string | undefined): string {
  const path = (url ?? '').split('?')[0] ?? '';
  return path;
}

function withoutTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
