import type { AppOptions, Core } from './app.js';
import { loadApp } from './github/load-app.js';
import { createFrontDoor, type FrontDoor, pingRoute } from './server/front-door.js';
import { healthRoutes } from './server/health-routes.js';
import { metricsRoute } from './server/metrics-route.js';
import type { FrontDoorLimits } from './server/front-door-limits.js';
import type { FrontDoorLog } from './server/front-door-log.js';
import { ServiceNotReadyError, sendNotReady } from './server/not-ready.js';
import type { RouteHandler } from './server/route-handler.js';
import { createWebhookRoute } from './server/webhook-route.js';
import type { Readiness } from './server/health-routes.js';

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
  /** The waits between start attempts while the store is unreachable; default 1 s doubling to 30 s. */
  retryDelayMs?: (attempt: number) => number;
}

export interface ServedApp {
  /** The running core; throws while the desk is still waiting for its store (see `ready`). */
  readonly core: Core;
  /** Resolves with the core once the desk has started. */
  ready: Promise<Core>;
  frontDoor: FrontDoor;
  /** `http://<host>:<port>` as bound. */
  url: string;
  /** The METRICS_PORT listener's `http://<host>:<port>`, on the same HOST; null when METRICS_PORT is unset or the desk is not started yet. */
  readonly metricsUrl: string | null;
  /** Stops retrying, closes the server (in-flight requests may finish), then the core. */
  stop(): Promise<void>;
}

/** What `/readyz` says while the store has not been reached: not ready, nothing accepted. */
const STARTING: Readiness = { status: 'not-ready', checks: { store: 'failed', github: 'unknown', deadJobs: null } };

function defaultRetryDelayMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
}

/** The started app behind the front door: its routes, webhook receiver and metrics. */
interface Started {
  core: Core;
  /** The bearer-token metrics route (when METRICS_TOKEN is set), then the app's own routes. */
  routes: RouteHandler[];
  receive: Parameters<typeof createWebhookRoute>[0]['receive'];
}

/**
 * The app served by our own front door instead of Probot's server: bodies are metered and
 * webhook signatures checked before Probot sees a byte; health, readiness and metrics sit
 * beside the app's own routes. The door opens first: when the store cannot be reached at
 * start, `/healthz` answers 200, `/readyz` and every app route 503, and the start is tried
 * again until the store answers. Any other start failure (a bad setting) is thrown.
 * The app itself (the store, the flows and what they import) is loaded once the door is
 * open, so `/healthz` answers while it loads.
 */
export async function serveApp(options: ServeAppOptions): Promise<ServedApp> {
  const webhookPath = options.webhookPath ?? DEFAULT_WEBHOOK_PATH;
  const retryDelayMs = options.retryDelayMs ?? defaultRetryDelayMs;
  let started: Started | null = null;
  let metricsDoor: FrontDoor | null = null;
  let metricsUrl: string | null = null;
  let stopped = false;

  const webhooks = createWebhookRoute({
    path: webhookPath,
    secret: options.secret,
    log: options.log,
    receive: (delivery) => (started === null ? Promise.reject(new ServiceNotReadyError()) : started.receive(delivery)),
  });
  const health = healthRoutes(() => started?.core.readiness() ?? Promise.resolve(STARTING));
  const app: RouteHandler = async (req, res) => {
    if (started === null) return sendNotReady(req, res);
    for (const route of started.routes) if (await route(req, res)) return true;
    return false;
  };
  const frontDoor = createFrontDoor({ routes: [webhooks, pingRoute, health, app], log: options.log, limits: options.limits, webhookPath });
  const address = await frontDoor.listen(options.port, options.host);

  async function start(): Promise<Started> {
    let ready: Core | null = null;
    const { disclosureDesk } = await import('./app.js');
    const appFn = disclosureDesk({
      ...options.app,
      onReady: (core) => {
        ready = core;
        options.app.onReady?.(core);
      },
    });
    const { routes, receive } = await loadApp(options.probot, appFn);
    const core = ready as Core | null;
    if (core === null) throw new Error('the app did not start');
    const metrics = core.metrics;
    if (metrics?.port != null) {
      const door = createFrontDoor({ routes: [metricsRoute(metrics.registry, { kind: 'open' })], log: options.log, limits: options.limits, webhookPath });
      try {
        metricsUrl = urlOf(await door.listen(metrics.port, options.host));
      } catch (error) {
        await core.close();
        throw error;
      }
      metricsDoor = door;
    }
    // On the public port only behind METRICS_TOKEN; without it `/metrics` is a plain 404 there.
    const metricsRoutes = metrics?.token ? [metricsRoute(metrics.registry, { kind: 'bearer', token: metrics.token })] : [];
    return { core, routes: [...metricsRoutes, ...routes], receive };
  }

  let retryTimer: NodeJS.Timeout | null = null;
  let attempt: Promise<void> | null = null;
  let resolveReady: (core: Core) => void = () => undefined;
  const ready = new Promise<Core>((resolve) => (resolveReady = resolve));

  async function tryStart(count: number): Promise<void> {
    try {
      const result = await start();
      if (stopped) {
        await result.core.close();
        return;
      }
      started = result;
      resolveReady(result.core);
      if (count > 0) options.log.info({ attempts: count + 1 }, 'store reachable: the desk has started');
    } catch (error) {
      // Loaded by the app already: the import costs nothing here.
      const { StoreUnavailableError } = await import('./store/open-store.js');
      if (!(error instanceof StoreUnavailableError)) throw error;
      if (stopped) return;
      const delay = retryDelayMs(count);
      options.log.warn({ attempt: count + 1, retryInMs: delay, code: error.code }, 'store unreachable at start: answering 503 and trying again');
      retryTimer = setTimeout(() => {
        retryTimer = null;
        attempt = tryStart(count + 1).catch((failure: unknown) => {
          options.log.error({ error: failure instanceof Error ? failure.name : 'unknown' }, 'start failed');
        });
      }, delay);
    }
  }

  try {
    await tryStart(0);
  } catch (error) {
    await frontDoor.close(0);
    throw error;
  }
  return {
    get core(): Core {
      if (started === null) throw new Error('the desk has not started yet: its store is not reachable');
      return started.core;
    },
    ready,
    frontDoor,
    url: urlOf(address),
    get metricsUrl() {
      return metricsUrl;
    },
    async stop() {
      stopped = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      await attempt;
      const door = metricsDoor as FrontDoor | null;
      await Promise.all([frontDoor.close(options.stopGraceMs), door?.close(options.stopGraceMs)]);
      await (started as Started | null)?.core.close();
    },
  };
}

function urlOf(address: { host: string; port: number }): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `http://${host}:${address.port}`;
}
