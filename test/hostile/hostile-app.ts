import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Core } from '../../src/app.js';
import { redactingLogOptions } from '../../src/github/redacting-log.js';
import { serveApp } from '../../src/serve.js';
import type { Store } from '../../src/store/store.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { WEBHOOK_SECRET, testProbot } from '../helpers/probot-server.js';

/** The organisation where the app is installed (known from an installation event). */
export const INSTALLED_ORG = 'acme';
export const INSTALLED_ORG_ID = 11;

/**
 * Valid GitHub logins where the app is not installed. Each is looked up at GitHub at most
 * once (then remembered as missing), so the lookups stay within the budget of 10 a minute.
 */
export const UNKNOWN_ORGS = ['globex', 'initech', 'hooli', 'x', 'Umbrella-Corp'] as const;

/** The fixed time of every hostile run: rate-limit windows and caches never roll over. */
export const HOSTILE_NOW = new Date('2026-03-06T10:00:00Z');

/** The app as the internet meets it, with every log line it wrote. */
export interface HostileApp {
  base: string;
  port: number;
  core: Core;
  store: Store;
  fake: FakeGitHub;
  /** Every serialised log line, front door and app, at debug level, after the app's redaction. */
  lines: string[];
  stop(): Promise<void>;
}

export interface HostileAppOptions {
  store: Store;
  /** Overrides of the app's environment; by default rate limits are high enough never to answer 429. */
  env?: Record<string, string>;
}

/**
 * Starts the fake GitHub (one installed organisation with a private tracking repository and a
 * config) and the real app behind its real front door (`serveApp`), logging through the app's
 * own redacting pino options into `lines`. The installation is made known to the store the
 * way GitHub does it, by a signed `installation` webhook, so no lookup is needed for it.
 */
export async function startHostileApp(options: HostileAppOptions): Promise<HostileApp> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = pino(redactingLogOptions({ LOG_LEVEL: 'debug' }), sink);
  const fake = await startFakeGitHub({ now: () => HOSTILE_NOW });
  fake.addOrg(INSTALLED_ORG, INSTALLED_ORG_ID);
  fake.addRepo(INSTALLED_ORG, 'security-reports', { private: true });
  fake.setFile(INSTALLED_ORG, '.github', '.github/disclosure.yml', 'name: Acme Corp\n');
  const probot = testProbot(fake, log);
  const served = await serveApp({
    probot,
    app: {
      startWorker: false,
      sleep: async () => undefined,
      clock: () => HOSTILE_NOW,
      store: options.store,
      pgp: null,
      env: { INTAKE_RATE_LIMIT: '100000/600', READ_RATE_LIMIT: '100000/60', ...options.env },
    },
    host: '127.0.0.1',
    port: 0,
    secret: WEBHOOK_SECRET,
    log,
    stopGraceMs: 1_000,
  });
  await served.core.installationEvent({ org: INSTALLED_ORG, installationId: INSTALLED_ORG_ID, action: 'created' });
  const port = Number(new URL(served.url).port);
  return {
    base: served.url,
    port,
    core: served.core,
    store: options.store,
    fake,
    lines,
    async stop() {
      await served.stop();
      await fake.close();
    },
  };
}
