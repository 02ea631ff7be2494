import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_TOKEN } from '../../report/ids.js';
import { asLanguage } from '../pages/language.js';
import { rateLimitRequest } from './rate-limit-request.js';
import { closeAfterResponse, sendPlainNotFound } from '../http/respond.js';
import { sendRateLimitedPage } from './error-responses.js';
import type { WebContext } from '../http/web-context.js';

/**
 * `GET /status/{token}/data.json`: everything the app holds about the researcher of this
 * report, as a download. The token is the only key; unknown tokens get the plain 404.
 */
export async function handleDataExport(context: WebContext, res: ServerResponse, token: string): Promise<void> {
  const data = STATUS_TOKEN.test(token) ? await context.statusDesk.exportData(token) : null;
  if (data === null) return sendPlainNotFound(res);
  const id = typeof (data.report as { id?: unknown } | undefined)?.id === 'string' ? (data.report as { id: string }).id : 'report';
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-disposition': `attachment; filename="${id.replace(/[^A-Za-z0-9-]/g, '')}-data.json"`,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  res.end(`${JSON.stringify(data, null, 2)}\n`);
}

/**
 * `POST /status/{token}/erase`: deletes the researcher's contact details now (the report
 * itself stays with the organisation), then back to the status page with a notice.
 */
export async function handleErase(context: WebContext, req: IncomingMessage, res: ServerResponse, url: URL, token: string): Promise<void> {
  if (!STATUS_TOKEN.test(token)) return sendPlainNotFound(res);
  const language = asLanguage(url.searchParams.get('lang')) ?? 'en';
  const decision = rateLimitRequest(context, req);
  if (!decision.allowed) return sendRateLimitedPage(res, { language }, decision.retryAfterSeconds, closeAfterResponse(req, res));
  // The body carries nothing we need; drain it so the connection can be reused.
  req.resume();
  const outcome = await context.statusDesk.erase(token);
  if (outcome === 'unknown') return sendPlainNotFound(res);
  res.writeHead(303, { location: `/status/${token}?lang=${language}&erased=1`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  res.end();
}
