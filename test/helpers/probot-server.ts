import { createHmac } from 'node:crypto';
import { createServer as createNetServer } from 'node:net';
import { pino, type Logger } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import type { Core } from '../../src/app.js';
import type { AppOptions } from '../../src/app.js';
import { serveApp } from '../../src/serve.js';
import type { FakeGitHub } from './fake-github.js';
import { TEST_APP_ID, testPrivateKey } from './test-keys.js';

/** The webhook secret of the test app. */
export const WEBHOOK_SECRET = 'webhook-secret-for-tests';

/** The whole app as a user meets it: our front door with our routes and Probot's webhooks, pointed at a fake GitHub. */
export interface AppServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** The METRICS_PORT listener, when the env sets METRICS_PORT. */
  metricsUrl: string | null;
  core: Core;
  /** POSTs a webhook signed with WEBHOOK_SECRET; each delivery gets its own id. */
  deliver(event: string, body: string): Promise<Response>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The HMAC signature GitHub sends in `x-hub-signature-256`. */
export function signWebhook(body: string): string {
  return `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;
}

/**
 * Starts the app as `npm start` serves it, through our own front door (appId + privateKey
 * mode, so installation tokens are really requested) against `fake`, with Octokit's own
 * retries and throttling off: those are the outbox's job. The outbox worker does not poll;
 * tests drive `core.worker`.
 */
/**
 * A Probot in appId + privateKey mode against `fake` (installation tokens are really
 * requested), with Octokit's own retries and throttling off: those are the outbox's job.
 */
export function testProbot(fake: FakeGitHub, log: Logger): Probot {
  return new Probot({
    appId: TEST_APP_ID,
    privateKey: testPrivateKey(),
    secret: WEBHOOK_SECRET,
    baseUrl: fake.baseUrl,
    log,
    Octokit: ProbotOctokit.defaults((o: object) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })),
  });
}

export async function startAppServer(fake: FakeGitHub, options: AppOptions): Promise<AppServer> {
  const log = pino({ level: 'silent' });
  const probot = testProbot(fake, log);
  const served = await serveApp({
    probot,
    app: { startWorker: false, sleep: async () => undefined, env: {}, ...options },
    host: '127.0.0.1',
    port: 0,
    secret: WEBHOOK_SECRET,
    log,
    stopGraceMs: 1_000,
  });
  const base = served.url;
  let deliveries = 0;
  return {
    base,
    metricsUrl: served.metricsUrl,
    core: served.core,
    deliver(event, body) {
      deliveries += 1;
      return fetch(`${base}/api/github/webhooks`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': `delivery-${deliveries}`, 'x-hub-signature-256': signWebhook(body) },
      });
    },
    stop: () => served.stop(),
  };
}
