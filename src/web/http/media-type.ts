import type { IncomingMessage } from 'node:http';

/** The request's media type, lower-case and without parameters: `application/json; charset=utf-8` → `application/json`. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
