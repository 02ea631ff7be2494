import { type AppOptions, type Core, disclosureDesk } from './app.js';
import { loadApp } from './github/load-app.js';
import { createFrontDoor, type FrontDoor, pingRoute } from './server/front-door.js';
import { healthRoutes } from './server/health-routes.js';
import { metricsRoute } from './server/metrics-route.js';
import type { FrontDoorLimits } from './server/front-door-limits.js';
import type { FrontDoorLog } from './server/front-door-log.js';
import { createWebhookRoute } from './server/webhook-route.js';

/** Probot's default webhook path (from @octokit/webhooks). */
export const DEFAULT_WEBHOOK_PATH = '/api/github/webhooks';

export interface ServeAppOptions {
  /** A Probot with credentials, e.g. from `probotFromEnv()`; its own server is never started. */
  probot: Parameters<typeof loadApp>[0];
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
 * The app served by our own front door instead of Probot's server: bodies are metered and
 * webhook signatures checked before Probot sees a byte; health, readiness and metrics sit
 * beside the app's own routes.
 */
export async function serveApp(options: ServeAppOptions): Promise<ServedApp> {
  const { probot } = options;
  const webhookPath = options.webhookPath ?? DEFAULT_WEBHOOK_PATH;
  let ready: Core | null = null;
  const appFn = disclosureDesk({
    ...options.app,
    onReady: (core) => {
      ready = core;
      options.app.onReady?.(core);
    },
  });
  const { routes, receive } = await loadApp(probot, appFn);
  const core = ready as Core | null;
  if (core === null) throw new Error('the app did not start');

  const webhooks = createWebhookRoute({ path: webhookPath, secret: options.secret, log: options.log, receive });
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
