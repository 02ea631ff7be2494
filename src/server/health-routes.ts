import type { RouteHandler } from './route-handler.js';

/** What `/readyz` reports: whether reports can be taken safely, and what is degraded. */
export interface Readiness {
  /** `ready`: all well; `degraded`: intake stores reports, but GitHub work waits; `not-ready`: the store cannot take a report. */
  status: 'ready' | 'degraded' | 'not-ready';
  checks: {
    store: 'ok' | 'failed';
    /**
     * `rate-limited`: at least one installation's lane is paused by a GitHub rate limit;
     * `unreachable` / `auth-failed`: this instance's last GitHub job met server errors or
     * dropped connections / a refused installation token (401); `unknown`: no GitHub job yet.
     */
    github: 'ok' | 'rate-limited' | 'unreachable' | 'auth-failed' | 'unknown';
    /** Jobs that will never run without an operator (see the README's queue part). */
    deadJobs: number | null;
  };
}

/**
 * `GET /healthz`: 200 while the process lives (for a liveness probe: restart only a stuck
 * process). `GET /readyz`: 200 when reports can be taken safely, 503 with the failing check
 * named when the store cannot take a write (for a readiness probe and load balancers). GitHub
 * trouble is `degraded` with 200: the intake goes on storing reports while it lasts.
 */
export function healthRoutes(readiness: () => Promise<Readiness>): RouteHandler {
  return async (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (path !== '/healthz' && path !== '/readyz')) return false;
    const body = path === '/healthz' ? { status: 'ok' } : await readiness();
    const status = 'status' in body && body.status === 'not-ready' ? 503 : 200;
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify(body));
    return true;
  };
}
