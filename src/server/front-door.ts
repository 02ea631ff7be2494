import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBodyBudget, type BodyBudget } from './body-budget.js';
import { type FrontDoorLimits, resolveFrontDoorLimits } from './front-door-limits.js';
import { errorNameOf, type FrontDoorLog } from './front-door-log.js';
import { meterBody } from './meter-body.js';
import type { RouteHandler } from './route-handler.js';
import { routeTemplate } from './route-template.js';

export interface FrontDoorOptions {
  /** Tried in order; the first that returns true answered. Unanswered requests get a 404. */
  routes: RouteHandler[];
  log: FrontDoorLog;
  limits?: Partial<FrontDoorLimits>;
  /** Logged as itself; every other path is logged as a template (see routeTemplate). */
  webhookPath: string;
  /** Milliseconds, for body rates and durations; tests may fix it. */
  now?: () => number;
}

/** Our own HTTP server (rule "our own front door"). */
export interface FrontDoor {
  readonly server: Server;
  readonly budget: BodyBudget;
  readonly limits: FrontDoorLimits;
  /** Starts listening; resolves with the address actually bound. */
  listen(port: number, host: string): Promise<{ host: string; port: number }>;
  /** Stops accepting, lets requests in flight finish for up to `graceMs`, then drops what is left. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Every request meets this server first, webhooks included: its body is metered against the
 * per-request cap and the shared in-flight budget, slow clients are cut (headers timeout,
 * idle body, minimum rate, request timeout), and one log line is written per request with
 * method, route template, status and duration only: no address, no header, no path
 * parameter, no body.
 */
export function createFrontDoor(options: FrontDoorOptions): FrontDoor {
  const limits = resolveFrontDoorLimits(options.limits);
  const budget = createBodyBudget(limits.maxInflightBytes);
  const now = options.now ?? (() => performance.now());
  const { log } = options;
  const server = createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.checkIntervalMs,
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => void serve(req, res));

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = now();
    const meta = { method: req.method ?? 'UNKNOWN', route: routeTemplate(req.url, options.webhookPath) };
    res.once('close', () => {
      log.info({ ...meta, status: res.headersSent ? res.statusCode : 0, ms: Math.round(now() - started) }, 'request');
    });
    const body = meterBody(req, res, { budget, limits, now, onCut: (reason) => log.warn({ ...meta, reason }, 'request cut') });
    if (body.cut !== null) return;
    try {
      for (const route of options.routes) {
        if (await route(req, res)) return;
      }
      if (!res.headersSent) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
        res.end('Not found\n');
      }
    } catch (error) {
      if (body.cut !== null) return;
      log.error({ ...meta, error: errorNameOf(error) }, 'route failed');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...(req.complete ? {} : { Connection: 'close' }) });
      res.end('Internal error\n');
    }
  }

  return {
    server,
    budget,
    limits,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host }, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          resolve({ host: address.address, port: address.port });
        });
      });
    },
    close(graceMs = 10_000) {
      return new Promise((resolve) => {
        if (!server.listening) {
          resolve();
          return;
        }
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}

/** Probot's `GET /ping` → `PONG`, kept for health checks that use it. */
export const pingRoute: RouteHandler = (req, res) => {
  if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/ping') return false;
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('PONG');
  return true;
};
