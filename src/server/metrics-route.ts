import { createHash, timingSafeEqual } from 'node:crypto';
import type { RouteHandler } from './route-handler.js';

/** What `/metrics` serves: Prometheus text and its Content-Type. */
export interface MetricsSource {
  readonly contentType: string;
  render(): Promise<string>;
}

/**
 * Who may read `/metrics`. `bearer`: the public front door, `Authorization: Bearer <token>`
 * only; `open`: the separate METRICS_PORT listener, reachable only where HOST lets it be.
 */
export type MetricsAccess = { kind: 'bearer'; token: string } | { kind: 'open' };

/**
 * `GET /metrics` (and HEAD) in Prometheus text format. A wrong or missing token gets 401
 * without rendering anything; the token is compared in constant time (hashed first, so
 * neither its length nor its bytes leak through timing).
 */
export function metricsRoute(source: MetricsSource, access: MetricsAccess): RouteHandler {
  const expected = access.kind === 'bearer' ? digest(access.token) : null;
  return async (req, res) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (req.url ?? '').split('?')[0] !== '/metrics') return false;
    if (expected !== null && !timingSafeEqual(digest(bearerToken(req.headers.authorization)), expected)) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer realm="metrics"', 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : 'unauthorized\n');
      return true;
    }
    const text = await source.render();
    res.writeHead(200, { 'Content-Type': source.contentType, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : text);
    return true;
  };
}

function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? '';
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
