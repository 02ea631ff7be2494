import { ProbotOctokit, run } from 'probot';
import type { Core } from '../app.js';
import { disclosureDesk } from './probot-app.js';
import { createRedactingLog } from './redacting-log.js';

/**
 * Starts the app the standard Probot way: `.env` is read, GHE_HOST / GHE_PROTOCOL are
 * honoured, and without APP_ID / PRIVATE_KEY Probot's manifest flow ("Register GitHub
 * App") is served on http://localhost:3000 instead.
 */
export async function runApp(): Promise<void> {
  let core: Core | null = null;
  const log = await createRedactingLog();
  // The outbox paces every write per installation, shared by all instances through the
  // store; Probot's own throttling would be a second pacer stacked on it (process-wide,
  // 3 s per created issue or comment), so it is switched off. The retry plugin stays for
  // reads; writes are never retried by a client library (see withoutBlindRetries).
  const Octokit = ProbotOctokit.defaults((options: object) => ({ ...options, throttle: { enabled: false } }));
  const server = await run(disclosureDesk({ onReady: (ready) => (core = ready) }), { log, Octokit });
  const shutdown = async () => {
    await server.stop();
    await (core as Core | null)?.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
}
