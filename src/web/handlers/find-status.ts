import type { ServerResponse } from 'node:http';
import type { StatusView } from '../../flows/intake/intake-ports.js';
import { STATUS_TOKEN } from '../../report/ids.js';
import { sendPlainNotFound } from '../http/respond.js';
import type { WebContext } from '../http/web-context.js';

/**
 * The report behind a status token, or null after answering the same plain 404 for a
 * malformed and an unknown token (nothing tells them apart).
 */
export async function findStatus(context: WebContext, res: ServerResponse, token: string): Promise<StatusView | null> {
  const status = STATUS_TOKEN.test(token) ? await context.statusDesk.status(token) : null;
  if (status === null) sendPlainNotFound(res);
  return status;
}

/** The organisation's display name; its login if the organisation cannot be looked up now. */
export async function organisationName(context: WebContext, status: StatusView): Promise<string> {
  try {
    return (await context.pages.organisation(status.org))?.name ?? status.org;
  } catch {
    return status.org;
  }
}
