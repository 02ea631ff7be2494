import { createHmac } from 'node:crypto';
import { createServer as createNetServer } from 'node:net';
import { pino } from 'pino';
import { Probot, ProbotOctokit, Server } from 'probot';
import type { Core } from '../../src/app.js';
import { type AppOptions, disclosureDesk } from '../../src/github/probot-app.js';
import type { FakeGitHub } from './fake-github.js';
import { TEST_APP_ID, testPrivateKey } from './test-keys.js';

/** The webhook secret of the test app. */
export const WEBHOOK_SECRET = 'webhook-secret-for-tests';

/** The whole app as a user meets it: Probot's own Server with our routes, pointed at a fake GitHub. */
export interface AppServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
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
 * Starts the app in Probot's Server (appId + privateKey mode, so installation tokens are
 * really requested) against `fake`, with Octokit's own retries and throttling off: those
 * are the outbox's job. The outbox worker does not poll; tests drive `core.worker`.
 */
export async function startAppServer(fake: FakeGitHub, options: AppOptions): Promise<AppServer> {
  const port = await freePort();
  const server = new Server({
    host: '127.0.0.1',
    port,
    log: pino({ level: 'silent' }),
    Probot: Probot.defaults({
      appId: TEST_APP_ID,
      privateKey: testPrivateKey(),
      secret: WEBHOOK_SECRET,
      baseUrl: fake.baseUrl,
      logLevel: 'fatal',
      Octokit: ProbotOctokit.defaults((o: object) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })),
    }),
  });
  let core: Core | null = null;
  await server.load(disclosureDesk({ startWorker: false, sleep: async () => undefined, env: {}, ...options, onReady: (ready) => (core = ready) }));
  await server.start();
  const ready = core as Core | null;
  if (ready === null) throw new Error('the app did not start');
  const base = `http://127.0.0.1:${port}`;
  let deliveries = 0;
  return {
    base,
    core: ready,
    deliver(event, body) {
      deliveries += 1;
      return fetch(`${base}/api/github/webhooks`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': `delivery-${deliveries}`, 'x-hub-signature-256': signWebhook(body) },
      });
    },
    async stop() {
      await server.stop();
      await ready.close();
    },
  };
}
