import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import type { Core } from './app.js';
import { probotFromEnv, runSetupMode } from './github/probot-runtime.js';
import { createRedactingLog } from './github/redacting-log.js';
import { DEFAULT_WEBHOOK_PATH, serveApp } from './serve.js';
import { frontDoorLimitsFromEnv } from './server/front-door-limits.js';

/** WEBHOOK_SECRET is unset: deliveries could not be checked, so the app does not start. */
export class MissingWebhookSecretError extends Error {
  override name = 'MissingWebhookSecretError' as const;
  constructor() {
    super('WEBHOOK_SECRET must be set: webhook deliveries are refused unless their signature holds');
  }
}

/**
 * The process. `.env` is read over the environment (as Probot's `run()` does), GHE_HOST /
 * GHE_PROTOCOL and LOG_LEVEL are honoured. With APP_ID and a private key, our own front door
 * serves HTTP on HOST (default `localhost`, as Probot) and PORT (default 3000), and Probot's
 * webhook handling is mounted on it at WEBHOOK_PATH (default `/api/github/webhooks`).
 * Without them, Probot's `run()` serves its manifest flow ("Register GitHub App") instead:
 * local set-up only, never production. SIGTERM and SIGINT close the server, then the core.
 */
async function main(): Promise<void> {
  loadDotEnv();
  const env = process.env;
  const log = await createRedactingLog(env);
  const probot = probotFromEnv(log, env);
  if (probot === null) {
    let core: Core | null = null;
    const { disclosureDesk } = await import('./app.js');
    const stop = await runSetupMode(disclosureDesk({ onReady: (ready) => (core = ready) }), log);
    onSignals(log, async () => {
      await stop();
      await (core as Core | null)?.close();
    });
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
  onSignals(log, () => served.stop());
}

/** SIGTERM and SIGINT alike: stop once, exit 0 when stopped cleanly. */
function onSignals(log: Awaited<ReturnType<typeof createRedactingLog>>, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    try {
      await stop();
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

await main();
