import type { ServerResponse } from 'node:http';
import { REPORT_ID, STATUS_TOKEN } from '../../report/ids.js';
import { sendPlainNotFound } from '../http/respond.js';
import type { WebContext } from '../http/web-context.js';

/**
 * `GET /status/{token}/receipt.asc`: the report as received, its SHA-256 and the time of
 * receipt, signed with the organisation's OpenPGP key (verify with `gpg --verify`). Unknown
 * tokens, erased receipts and reports older than receipts get the plain 404.
 */
export async function handleReceipt(context: WebContext, res: ServerResponse, token: string): Promise<void> {
  const receipt = STATUS_TOKEN.test(token) && context.receipts !== null ? await context.receipts.receipt(token) : null;
  if (receipt === null) return sendPlainNotFound(res);
  const id = REPORT_ID.test(receipt.reportId) ? receipt.reportId : 'report';
  res.writeHead(200, {
    'content-type': 'text/plain; charset=utf-8',
    'content-disposition': `attachment; filename="${id}-receipt.${receipt.signed ? 'asc' : 'txt'}"`,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  res.end(receipt.text.endsWith('\n') ? receipt.text : `${receipt.text}\n`);
}
