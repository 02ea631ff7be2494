import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../clock/clock.js';
import { GITHUB_CONDITIONS, type GitHubCondition } from '../ports/github.js';
import type { OutboxStats } from '../store/store.js';
import { DEADLINES } from '../clock/sla-state.js';
import { HOLD_CATEGORIES, type HoldCategory, MAIL_OUTCOMES, type Metrics, PAUSE_REASONS, REPORT_CHANNELS, SLA_OUTCOMES, WRITE_OUTCOMES } from './metrics.js';

/** The metrics, as served at `GET /metrics`. */
export interface MetricsRegistry extends Metrics {
  /** The Content-Type of {@link MetricsRegistry.render}'s text (Prometheus text format 0.0.4). */
  readonly contentType: string;
  /** Reads the outbox and the held reports from the store, then renders every metric. Never throws for a store failure. */
  render(): Promise<string>;
}

/** Seconds from acceptance to filing: pacing alone makes a few seconds; a held report takes hours. */
const FILING_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600, 4 * 3600, 24 * 3600];

/**
 * The Prometheus registry (its own, not prom-client's global one). Counters and the histogram
 * are fed through the {@link Metrics} port; the outbox and held-report gauges are read from
 * the store on each scrape, so every instance reports the same shared state. `holdCategory`
 * maps a stored hold reason (a sentence naming a repository) to its label.
 */
export function createPrometheusMetrics(deps: {
  outboxStats: (now: Date) => Promise<OutboxStats>;
  holdCategory: (reason: string | null) => HoldCategory;
  /** How GitHub answered this instance's last GitHub job. */
  githubCondition?: () => GitHubCondition;
  clock: Clock;
}): MetricsRegistry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const accepted = new Counter({ name: 'disclosure_desk_reports_accepted_total', help: 'Reports committed to the store, by intake channel.', labelNames: ['channel'], registers: [registry] });
  const filing = new Histogram({ name: 'disclosure_desk_report_filing_seconds', help: 'Time from accepting a report to filing its tracking issue.', buckets: FILING_BUCKETS, registers: [registry] });
  const writes = new Counter({ name: 'disclosure_desk_github_writes_total', help: 'GitHub writes made by the outbox, by outcome.', labelNames: ['outcome'], registers: [registry] });
  const pending = new Gauge({ name: 'disclosure_desk_outbox_pending_jobs', help: 'Outbox jobs not yet done (due or scheduled).', registers: [registry] });
  const oldest = new Gauge({ name: 'disclosure_desk_outbox_oldest_pending_seconds', help: 'Age of the oldest outbox job not yet done; 0 when none.', registers: [registry] });
  const dead = new Gauge({ name: 'disclosure_desk_outbox_dead_jobs', help: 'Outbox jobs that will never run without an operator.', registers: [registry] });
  const paused = new Gauge({ name: 'disclosure_desk_paused_lanes', help: 'Installation lanes paused by a GitHub rate limit.', registers: [registry] });
  const storeUp = new Gauge({ name: 'disclosure_desk_store_up', help: '1 when the outbox and held-report gauges were read from the store at this scrape, 0 when the store failed.', registers: [registry] });
  const heldBy = new Gauge({ name: 'disclosure_desk_reports_held', help: 'Reports held (not filed until someone fixes the cause), by reason.', labelNames: ['reason'], registers: [registry] });
  const held = new Gauge({ name: 'disclosure_desk_held_reports', help: 'Reports held (not filed until someone fixes the cause), all reasons.', registers: [registry] });
  const mails = new Counter({ name: 'disclosure_desk_mails_total', help: 'Attempts to mail a researcher, by outcome.', labelNames: ['outcome'], registers: [registry] });
  const sla = new Counter({ name: 'disclosure_desk_sla_deadlines_total', help: 'Report deadlines met on time, or missed (overdue notice recorded), by deadline.', labelNames: ['deadline', 'outcome'], registers: [registry] });
  const github = new Gauge({ name: 'disclosure_desk_github_condition', help: "1 for how GitHub answered this instance's last GitHub job (ok, unreachable, auth-failed, unknown), 0 for the others.", labelNames: ['condition'], registers: [registry] });
  const pauses = new Counter({ name: 'disclosure_desk_lane_pauses_total', help: 'Installation lanes paused by this instance, by reason.', labelNames: ['reason'], registers: [registry] });
  // Every label value from the start, so a rate() has a series before the first event.
  for (const channel of REPORT_CHANNELS) accepted.inc({ channel }, 0);
  for (const outcome of WRITE_OUTCOMES) writes.inc({ outcome }, 0);
  for (const outcome of MAIL_OUTCOMES) mails.inc({ outcome }, 0);
  for (const deadline of DEADLINES) for (const outcome of SLA_OUTCOMES) sla.inc({ deadline, outcome }, 0);
  for (const reason of PAUSE_REASONS) pauses.inc({ reason }, 0);
  for (const reason of HOLD_CATEGORIES) heldBy.set({ reason }, 0);

  async function readOutbox(): Promise<void> {
    const now = deps.clock();
    try {
      const stats = await deps.outboxStats(now);
      pending.set(stats.pendingJobs);
      oldest.set(stats.oldestPendingAt === null ? 0 : Math.max(0, (now.getTime() - stats.oldestPendingAt.getTime()) / 1000));
      dead.set(stats.deadJobs);
      paused.set(stats.pausedLanes);
      const byCategory = new Map<HoldCategory, number>(HOLD_CATEGORIES.map((category) => [category, 0]));
      for (const { reason, count } of stats.held) {
        const category = deps.holdCategory(reason);
        byCategory.set(category, (byCategory.get(category) ?? 0) + count);
      }
      for (const [reason, count] of byCategory) heldBy.set({ reason }, count);
      held.set(stats.held.reduce((sum, { count }) => sum + count, 0));
      storeUp.set(1);
    } catch {
      // Last scrape's numbers would mislead: they are zeroed, and store_up says why.
      for (const gauge of [pending, oldest, dead, paused, held]) gauge.reset();
      for (const reason of HOLD_CATEGORIES) heldBy.set({ reason }, 0);
      storeUp.set(0);
    }
  }

  return {
    contentType: registry.contentType,
    async render() {
      await readOutbox();
      const condition = deps.githubCondition?.() ?? 'unknown';
      for (const each of GITHUB_CONDITIONS) github.set({ condition: each }, each === condition ? 1 : 0);
      return registry.metrics();
    },
    reportAccepted: (channel) => accepted.inc({ channel }),
    reportFiled: (seconds) => filing.observe(Math.max(0, seconds)),
    githubWrite: (outcome) => writes.inc({ outcome }),
    mail: (outcome) => mails.inc({ outcome }),
    slaDeadline: (deadline, outcome) => sla.inc({ deadline, outcome }),
    lanePaused: (reason) => pauses.inc({ reason }),
  };
}
