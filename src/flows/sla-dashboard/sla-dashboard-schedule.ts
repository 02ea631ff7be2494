import type { Clock } from '../../clock/clock.js';
import { newJob } from '../../jobs/new-job.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import { periodic } from '../periodic.js';

/** How often the schedule looks whether today's dashboards are queued; the job key makes it once a day. */
export const DASHBOARD_TICK_MS = 60 * 60_000;
/** The first look waits a little after start, so a start (or a test's short-lived app) costs nothing at once. */
export const DASHBOARD_FIRST_TICK_MS = 5 * 60_000;

export interface SlaDashboardSchedule {
  /** Queues today's dashboard job of every organisation with filed reports; resolves with how many were new. */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Queues each organisation's `sla-dashboard` job once per UTC day. The job key carries the
 * day, so however many instances tick, and however often, one job per organisation and day
 * is queued (enqueue is idempotent by key); the job itself reads the config (`sla.dashboard`)
 * and writes only when the text changed. Nothing here talks to GitHub.
 */
export function createSlaDashboardSchedule(deps: { store: Store; clock: Clock; log: Logger; kick: () => void; tickMs?: number; firstTickMs?: number }): SlaDashboardSchedule {
  let running: Promise<number> | null = null;

  async function queueToday(): Promise<number> {
    const now = deps.clock();
    const day = now.toISOString().slice(0, 10);
    let queued = 0;
    for (const org of await deps.store.listReportOrgs()) {
      const key = `sla-dashboard:${org.toLowerCase()}:${day}`;
      if (await deps.store.enqueue(newJob('sla-dashboard', { org }, { key, org, runAfter: now }))) queued += 1;
    }
    if (queued > 0) {
      deps.log.info({ queued, day }, 'sla dashboards queued');
      deps.kick();
    }
    return queued;
  }

  function runOnce(): Promise<number> {
    running ??= queueToday().finally(() => {
      running = null;
    });
    return running;
  }

  const timer = periodic(runOnce, {
    everyMs: deps.tickMs ?? DASHBOARD_TICK_MS,
    firstMs: deps.firstTickMs ?? DASHBOARD_FIRST_TICK_MS,
    onError: (error) => deps.log.error({ error: error instanceof Error ? error.name : 'Error' }, 'sla dashboard schedule failed'),
  });
  return { runOnce, start: timer.start, stop: timer.stop };
}

/**
 * The SLA sweep with the dashboard schedule riding on its start and stop, so the
 * composition root wires both where it wires the sweep. `runOnce` stays the sweep's alone:
 * tests that drive the sweep by hand queue no dashboards.
 */
export function withDashboardSchedule<S extends { start(): void; stop(): Promise<void> }>(sweep: S, schedule: SlaDashboardSchedule): S {
  return {
    ...sweep,
    start() {
      sweep.start();
      schedule.start();
    },
    async stop() {
      await schedule.stop();
      await sweep.stop();
    },
  };
}
