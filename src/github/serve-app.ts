import type { Probot } from 'probot';
import type { Core } from '../app.js';
import { createFrontDoor, type FrontDoor, pingRoute } from '../http/front-door.js';
import { healthRoutes } from '../http/health-routes.js';
import { metricsRoute } from '../http/metrics-route.js';
import type { FrontDoorLimits } from '../http/front-door-limits.js';
import type { FrontDoorLog } from '../http/front-door-log.js';
import type { RouteHandler } from '../http/route-handler.js';
import { createWebhookRoute } from '../http/webhook-route.js';
import { type AppOptions, disclosureDesk } from './probot-app.js';

/** Probot's default webhook path (from @octokit/webhooks). */
export const DEFAULT_WEBHOOK_PATH = '/api/github/webhooks';

export interface ServeAppOptions {
  /** A Probot with credentials, e.g. from `createProbot()`; its own server is never started. */
  probot: Probot;
  /** For the app function; `onReady` is still called. */
  app: AppOptions;
  host: string;
  port: number;
  /** Default {@link DEFAULT_WEBHOOK_PATH}. */
  webhookPath?: string;
  /** WEBHOOK_SECRET: deliveries are checked against it by the front door, before Probot sees them. */
  secret: string;
  log: FrontDoorLog;
  limits?: Partial<FrontDoorLimits>;
  /** How long in-flight requests may take to finish on stop; default 10 s. */
  stopGraceMs?: number;
}

export interface ServedApp {
  core: Core;
  frontDoor: FrontDoor;
  /** `http://<host>:<port>` as bound. */
  url: string;
  /** The METRICS_PORT listener's `http://<host>:<port>`, on the same HOST; null when METRICS_PORT is unset. */
  metricsUrl: string | null;
  /** Closes the server (in-flight requests may finish), then the core. */
  stop(): Promise<void>;
}

/**
 * The app served by our own front door (DESIGN.md invariant 11) instead of Probot's Server:
 * the app function is loaded with an `addHandler` that collects its routes, and verified
 * webhook deliveries go to `probot.webhooks.receive` (not `probot.receive`, which logs the
 * whole event at debug level).
 */
export async function serveApp(options: ServeAppOptions): Promise<ServedApp> {
  const { probot } = options;
  const webhookPath = options.webhookPath ?? DEFAULT_WEBHOOK_PATH;
  const routes: RouteHandler[] = [];
  let ready: Core | null = null;
  const appFn = disclosureDesk({
    ...options.app,
    onReady: (core) => {
      ready = core;
      options.app.onReady?.(core);
    },
  });
  await probot.load(appFn, {
    cwd: process.cwd(),
    addHandler: (handler) => routes.push(async (req, res) => (await handler(req, res)) === true),
  });
  const core = ready as Core | null;
  if (core === null) throw new Error('the app did not start');

  const webhooks = createWebhookRoute({
    path: webhookPath,
    secret: options.secret,
    log: options.log,
    receive: (delivery) => probot.webhooks.receive(delivery as Parameters<Probot['webhooks']['receive']>[0]),
  });
  const health = healthRoutes(() => core.readiness());
  const metrics = core.metrics;
  // On the public port only behind METRICS_TOKEN; without it `/metrics` is a plain 404 there.
  const publicMetrics = metrics?.token ? [metricsRoute(metrics.registry, { kind: 'bearer', token: metrics.token })] : [];
  const frontDoor = createFrontDoor({ routes: [webhooks, pingRoute, health, ...publicMetrics, ...routes], log: options.log, limits: options.limits, webhookPath });
  const metricsDoor =
    metrics?.port == null ? null : createFrontDoor({ routes: [metricsRoute(metrics.registry, { kind: 'open' })], log: options.log, limits: options.limits, webhookPath });
  let address: { host: string; port: number };
  let metricsAddress: { host: string; port: number } | null = null;
  try {
    address = await frontDoor.listen(options.port, options.host);
    if (metricsDoor !== null && metrics?.port != null) metricsAddress = await metricsDoor.listen(metrics.port, options.host);
  } catch (error) {
    await frontDoor.close(0);
    await core.close();
    throw error;
  }
  return {
    core,
    frontDoor,
    url: urlOf(address),
    metricsUrl: metricsAddress === null ? null : urlOf(metricsAddress),
    async stop() {
      await Promise.all([frontDoor.close(options.stopGraceMs), metricsDoor?.close(options.stopGraceMs)]);
      await core.close();
    },
  };
}

function urlOf(address: { host: string; port: number }): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `http://${host}:${address.port}`;
}
