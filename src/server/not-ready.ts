import type { IncomingMessage, ServerResponse } from 'node:http';

/** Seconds a client is asked to wait while the desk starts (its store not reachable yet). */
export const STARTING_RETRY_AFTER_SECONDS = 10;

/** Thrown to the webhook route while the app is not started: GitHub is answered 503, never 2xx. */
export class ServiceNotReadyError extends Error {
  override name = 'ServiceNotReadyError' as const;
  constructor() {
    super('the desk is starting: its store is not reachable yet');
  }
}

/**
 * 503 with Retry-After for every request of the app while it starts: nothing is accepted,
 * so nothing may be claimed as accepted (rule "a 2xx means durable").
 */
export function sendNotReady(req: IncomingMessage, res: ServerResponse): true {
  res.writeHead(503, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Retry-After': String(STARTING_RETRY_AFTER_SECONDS),
    'X-Content-Type-Options': 'nosniff',
    ...(req.complete ? {} : { Connection: 'close' }),
  });
  res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ error: 'starting', message: 'The service is starting; try again shortly.' }));
  return true;
}
