import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { createProbot, type Probot, ProbotOctokit, run } from 'probot';
import type { Core } from '../app.js';
import { frontDoorLimitsFromEnv } from '../http/front-door-limits.js';
import { disclosureDesk } from './probot-app.js';
import { createRedactingLog } from './redacting-log.js';
import { DEFAULT_WEBHOOK_PATH, serveApp } from './serve-app.js';

/** WEBHOOK_SECRET is unset: deliveries could not be checked, so the app does not start. */
export class MissingWebhookSecretError extends Error {
  override name = 'MissingWebhookSecretError' as const;
  constructor() {
    super('WEBHOOK_SECRET must be set: webhook deliveries are refused unless their signature holds');
  }
}

/**
 * Starts the app. `.env` is read over the environment (as Probot's `run()` does), GHE_HOST /
 * GHE_PROTOCOL and LOG_LEVEL are honoured. With APP_ID and a private key, our own front door
 * serves HTTP on HOST (default `localhost`, as Probot) and PORT (default 3000), and Probot's
 * webhook handling is mounted on it at WEBHOOK_PATH (default `/api/github/webhooks`).
 * Without them, Probot's `run()` serves its manifest flow ("Register GitHub App") instead:
 * local set-up only, never production. SIGTERM and SIGINT close the server, then the core.
 */
export async function runApp(): Promise<void> {
  loadDotEnv();
  const env = process.env;
  const log = await createRedactingLog(env);
  // The outbox paces every write per installation, shared by all instances through the
  // store; Probot's own throttling would be a second pacer stacked on it (process-wide,
  // 3 s per created issue or comment), so it is switched off. The retry plugin stays for
  // reads; writes are never retried by a client library (see withoutBlindRetries).
  const Octokit = ProbotOctokit.defaults((options: object) => ({ ...options, throttle: { enabled: false } }));
  const probot = probotWithCredentials(() => createProbot({ overrides: { log, Octokit } }));
  if (probot === null) {
    await runSetup(log, Octokit);
    return;
  }
  const secret = env.WEBHOOK_SECRET;
  if (!secret) throw new MissingWebhookSecretError();
  const served = await serveApp({
    probot,
    app: {},
    host: env.HOST || 'localhost',
    port: Number(env.PORT) || 3000,
    webhookPath: env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH,
    secret,
    log,
    limits: frontDoorLimitsFromEnv(env),
  });
  log.info({ url: served.url, metricsUrl: served.metricsUrl }, 'listening');
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    try {
      await served.stop();
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

/** `.env` in the working directory, over the environment: what Probot's `run()` does. */
function loadDotEnv(): void {
  let text: string;
  try {
    text = readFileSync(join(process.cwd(), '.env'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  Object.assign(process.env, parseEnv(text));
}

/** A Probot when APP_ID and a private key (PRIVATE_KEY, PRIVATE_KEY_PATH or a .pem) are there; null for set-up mode. */
function probotWithCredentials(create: () => Probot): Probot | null {
  if (!Number(process.env.APP_ID)) return null;
  try {
    return create();
  } catch (error) {
    if (error instanceof Error && /^(appId|privateKey) option is required$/.test(error.message)) return null;
    throw error;
  }
}

/**
 * Probot's own server with its manifest flow, for registering the app on a developer's
 * machine. Its request log carries addresses and headers, which is why production never
 * runs here.
 */
async function runSetup(log: Awaited<ReturnType<typeof createRedactingLog>>, Octokit: typeof ProbotOctokit): Promise<void> {
  let core: Core | null = null;
  const server = await run(disclosureDesk({ onReady: (ready) => (core = ready) }), { log, Octokit });
  process.once('SIGTERM', () => {
    void (async () => {
      await server.stop();
      await (core as Core | null)?.close();
      process.exit(0);
    })();
  });
}
