import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../clock/clock.js';
import type { OutboxStats } from '../store/store.js';
import { type Metrics, REPORT_CHANNELS, WRITE_OUTCOMES } from './metrics.js';

/** The metrics, as served at `GET /metrics`. */
export interface MetricsRegistry extends Metrics {
  /** The Content-Type of {@link MetricsRegistry.render}'s text (Prometheus text format 0.0.4). */
  readonly contentType: string;
  /** Reads the outbox from the store, then renders every metric. Never throws for a store failure. */
  render(): Promise<string>;
}

/** Seconds from acceptance to filing: pacing alone makes a few seconds; a held report takes hours. */
const FILING_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600, 4 * 3600, 24 * 3600];

/**
 * The Prometheus registry (its own, not prom-client's global one). Counters and the histogram
 * are fed through the {@link Metrics} port; the outbox gauges are read from the store on each
 * scrape, so every instance reports the same shared queue.
 */
export function createPrometheusMetrics(deps: { outboxStats: (now: Date) => Promise<OutboxStats>; clock: Clock }): MetricsRegistry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const accepted = new Counter({ name: 'disclosure_desk_reports_accepted_total', help: 'Reports committed to the store, by intake channel.', labelNames: ['channel'], registers: [registry] });
  const filing = new Histogram({ name: 'disclosure_desk_report_filing_seconds', help: 'Time from accepting a report to filing its tracking issue.', buckets: FILING_BUCKETS, registers: [registry] });
  const writes = new Counter({ name: 'disclosure_desk_github_writes_total', help: 'GitHub writes made by the outbox, by outcome.', labelNames: ['outcome'], registers: [registry] });
  const pending = new Gauge({ name: 'disclosure_desk_outbox_pending_jobs', help: 'Outbox jobs not yet done (due or scheduled).', registers: [registry] });
  const oldest = new Gauge({ name: 'disclosure_desk_outbox_oldest_pending_seconds', help: 'Age of the oldest outbox job not yet done; 0 when none.', registers: [registry] });
  const dead = new Gauge({ name: 'disclosure_desk_outbox_dead_jobs', help: 'Outbox jobs that will never run without an operator.', registers: [registry] });
  const paused = new Gauge({ name: 'disclosure_desk_paused_lanes', help: 'Installation lanes paused by a GitHub rate limit.', registers: [registry] });
  const storeUp = new Gauge({ name: 'disclosure_desk_store_up', help: '1 when the outbox gauges were read from the store at this scrape, 0 when the store failed.', registers: [registry] });
  // Every label value from the start, so a rate() has a series before the first event.
  for (const channel of REPORT_CHANNELS) accepted.inc({ channel }, 0);
  for (const outcome of WRITE_OUTCOMES) writes.inc({ outcome }, 0);

  async function readOutbox(): Promise<void> {
    const now = deps.clock();
    try {
      const stats = await deps.outboxStats(now);
      pending.set(stats.pendingJobs);
      oldest.set(stats.oldestPendingAt === null ? 0 : Math.max(0, (now.getTime() - stats.oldestPendingAt.getTime()) / 1000));
      dead.set(stats.deadJobs);
      paused.set(stats.pausedLanes);
      storeUp.set(1);
    } catch {
      // Last scrape's numbers would mislead: they are zeroed, and store_up says why.
      for (const gauge of [pending, oldest, dead, paused]) gauge.reset();
      storeUp.set(0);
    }
  }

  return {
    contentType: registry.contentType,
    async render() {
      await readOutbox();
      return registry.metrics();
    },
    reportAccepted: (channel) => accepted.inc({ channel }),
    reportFiled: (seconds) => filing.observe(Math.max(0, seconds)),
    githubWrite: (outcome) => writes.inc({ outcome }),
  };
}
