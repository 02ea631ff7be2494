import { createProbot, type ApplicationFunction, type Probot, ProbotOctokit, run } from 'probot';
import type { Logger } from 'pino';

/**
 * The Octokit every installation client is made from. The outbox paces every write per
 * installation, shared by all instances through the store; Probot's own throttling would be
 * a second pacer stacked on it (process-wide, 3 s per created issue or comment), so it is
 * switched off. The retry plugin stays for reads; writes are never retried by a client
 * library (see withoutBlindRetries).
 */
const Octokit = ProbotOctokit.defaults((options: object) => ({ ...options, throttle: { enabled: false } }));

/** A Probot when APP_ID and a private key (PRIVATE_KEY, PRIVATE_KEY_PATH or a .pem) are there; null for set-up mode. */
export function probotFromEnv(log: Logger, env: NodeJS.ProcessEnv = process.env): Probot | null {
  if (!Number(env.APP_ID)) return null;
  if (env.REDIS_URL) log.warn('REDIS_URL is not used: GitHub writes are paced through the store, which every instance shares');
  try {
    // Probot would load ioredis for REDIS_URL (not a dependency) and fail the start.
    return createProbot({ env: { ...env, REDIS_URL: undefined }, overrides: { log, Octokit } });
  } catch (error) {
    if (error instanceof Error && /^(appId|privateKey) option is required$/.test(error.message)) return null;
    throw error;
  }
}

/**
 * Probot's own server with its manifest flow, for registering the app on a developer's
 * machine. Its request log carries addresses and headers, which is why production never
 * runs here. Resolves to a function that stops the server.
 */
export async function runSetupMode(appFn: ApplicationFunction, log: Logger): Promise<() => Promise<void>> {
  // Probot would otherwise open a public smee.io channel and register it as the webhook URL:
  // every delivery, report text included, would pass through a third party. An operator who
  // wants a relay sets WEBHOOK_PROXY_URL to one they control.
  process.env.NO_SMEE_SETUP ??= 'true';
  const server = await run(appFn, { log, Octokit });
  return () => server.stop();
}
