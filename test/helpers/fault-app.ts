/**
 * The app in-process for fault tests: Probot's own Server with our routes and webhook
 * handlers, pointed at the fake GitHub, with Octokit as Probot builds it for the app (its
 * retry plugin ON, which turns a lost answer into a 500 and repeats the request, a POST
 * included: the bug rule "exactly once under lost answers" forbids only shows through a real ProbotOctokit). Only
 * Probot's throttling is off, to keep the suite fast; the app's own pacer still runs, on
 * the test's clock.
 *
 * The clock is the test's: `drain()` runs the outbox until nothing is pending, moving the
 * clock to each job's next attempt (backoff) as a day of real time would.
 */
import { Probot, ProbotOctokit, Server } from 'probot';
import { pino } from 'pino';
import type { Core } from '../../src/app.js';
import { disclosureDesk } from '../../src/app.js';
import type { Store } from '../../src/store/store.js';
import { type DatabaseProbe, describeJobs } from './database-probe.js';
import type { FakeGitHub } from './fake-github.js';
import { freePort, WEBHOOK_SECRET } from './probot-server.js';
import { TEST_APP_ID, testPrivateKey } from './test-keys.js';

/** Monday 2 March 2026, 09:00 UTC. */
export const FAULT_START = new Date('2026-03-02T09:00:00Z');

export interface FaultApp {
  /** `http://127.0.0.1:<port>` */
  base: string;
  core: Core;
  now(): Date;
  /** Runs the outbox until no job is pending, moving the clock to each next attempt. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export interface FaultAppOptions {
  store: Store;
  probe: DatabaseProbe;
  /** Extra environment for the core (e.g. SMTP_URL, MAIL_FROM). */
  env?: Record<string, string>;
}

/** How many runs of the outbox `drain()` allows before it calls the outbox stuck. */
const MAX_DRAIN_ROUNDS = 40;

export async function startFaultApp(fake: FakeGitHub, options: FaultAppOptions): Promise<FaultApp> {
  let now = FAULT_START.getTime();
  const clock = () => new Date(now);
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
      // Retries as Probot has them (on); throttling off (it only spaces requests in time).
      Octokit: ProbotOctokit.defaults((o: object) => ({ ...o, throttle: { enabled: false } })),
    }),
  });
  let core: Core | null = null;
  await server.load(
    disclosureDesk({
      store: options.store,
      startWorker: false,
      clock,
      // The pacer's waits pass on the test's clock.
      sleep: async (ms) => {
        now += ms;
      },
      env: { INTAKE_RATE_LIMIT: '0', ...options.env },
      onReady: (ready) => (core = ready),
    }),
  );
  await server.start();
  const ready = core as Core | null;
  if (ready === null) throw new Error('the app did not start');

  return {
    base: `http://127.0.0.1:${port}`,
    core: ready,
    now: clock,
    async drain() {
      for (let round = 0; round < MAX_DRAIN_ROUNDS; round += 1) {
        await ready.worker.runOnce();
        const pending = await options.probe.pendingJobs();
        if (pending.length === 0) return;
        // The next attempt of whatever is left (a lease of a dead run counts as its end).
        const next = Math.min(...pending.map((job) => Math.max(job.runAfter, job.lockedUntil ?? 0)));
        now = Math.max(now, next) + 1;
      }
      throw new Error(`the outbox did not drain in ${MAX_DRAIN_ROUNDS} runs; pending:\n${describeJobs(await options.probe.pendingJobs())}`);
    },
    async stop() {
      await server.stop();
      await ready.close();
    },
  };
}
