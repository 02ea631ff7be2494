import type { Clock } from '../../clock/clock.js';
import { dueNotices, nextCheckAt } from '../../clock/sla-clock.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import type { NoticeBatch, SlaDueReport } from '../../store/triage-records.js';
import type { DueNotice, SentNotice } from '../../clock/sla-state.js';
import { planSlaNotice } from '../../issue-text/plan-sla-notice.js';
import { issueUpdateJob } from './queue-issue-update.js';
import { type Metrics, noMetrics } from '../../metrics/metrics.js';

/** Reports read per query and recorded per transaction: bounded memory and short transactions, however many are due. */
const BATCH = 1000;

export interface SweepResult {
  /** false when another instance holds the sweep lock. */
  ran: boolean;
  /** Reports looked at (their check was due). */
  checked: number;
  /** Notices recorded (each posts through the outbox). */
  notices: number;
  /** Reports whose contact details were deleted (retention period over). */
  purged: number;
}

export interface SlaSweep {
  runOnce(): Promise<SweepResult>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * The SLA sweep: posts reminders before deadlines and overdue notices after them, for every
 * installation. It reads only the store, where each report carries the instant its next
 * check is due (indexed), so a sweep over many open reports touches only the due ones and
 * makes no GitHub requests; the notices go out through the outbox. Notices are recorded
 * with their jobs in one transaction per batch of reports, keyed per report, deadline and
 * stage: never twice.
 */
export function createSlaSweep(deps: {
  store: Store;
  clock: Clock;
  log: Logger;
  kick: () => void;
  intervalMs?: number;
  metrics?: Metrics;
  /** Reports per batch (default 1000); tests make it small to sweep many batches. */
  batchSize?: number;
}): SlaSweep {
  const intervalMs = deps.intervalMs ?? 5 * 60_000;
  const batchSize = deps.batchSize ?? BATCH;
  const metrics = deps.metrics ?? noMetrics;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<SweepResult> | null = null;

  async function sweep(): Promise<Omit<SweepResult, 'ran'>> {
    const now = deps.clock();
    const seen = new Set<string>();
    let checked = 0;
    let notices = 0;
    for (;;) {
      const due = (await deps.store.listSlaDue(now, batchSize)).filter(({ triage }) => !seen.has(triage.reportId));
      if (due.length === 0) break;
      const checks = due.map(({ triage, sent }) => {
        seen.add(triage.reportId);
        return checkReport(triage, sent, now);
      });
      // One transaction per batch, not per report: a first sweep may find thousands due.
      await deps.store.recordNotices(checks.map((check) => check.batch));
      checked += checks.length;
      for (const { batch, due: posted } of checks) {
        // An overdue notice is recorded once per deadline (the sweep lock, and `sent`): the
        // moment that deadline became missed, counted after its commit.
        for (const notice of posted) if (notice.stage === 'overdue') metrics.slaDeadline(notice.deadline, 'missed');
        if (posted.length > 0) deps.log.info({ reportId: batch.reportId, notices: posted.map((n) => `${n.deadline}:${n.stage}`) }, 'sla notices recorded');
        notices += posted.length;
      }
    }
    if (notices > 0) deps.kick();
    // Privacy runs on the same beat: contact details of long-closed reports are deleted.
    const purged = await deps.store.purgeContacts(now);
    if (purged.length > 0) deps.log.info({ reports: purged.length }, 'contact details purged after the retention period');
    return { checked, notices, purged: purged.length };
  }

  /** What to record for one due report: its notices, the job that posts them, its next check. Pure. */
  function checkReport(triage: SlaDueReport, sent: SentNotice[], now: Date): { batch: NoticeBatch; due: DueNotice[] } {
    const lead = triage.remindLeadMs;
    const notices = dueNotices(triage.sla, now, lead, sent);
    const next = nextCheckAt(triage.sla, lead, [...sent, ...notices]);
    // Never due again within this sweep (it would be read again): at worst, look next minute.
    const nextCheck = next !== null && next.getTime() <= now.getTime() ? new Date(now.getTime() + 60_000) : next;
    const overdue = notices.some((n) => n.stage === 'overdue');
    const comment = notices.length === 0 ? null : planSlaNotice({ org: triage.org, language: triage.trackingLanguage, timeZone: triage.timeZone, overdueTeam: triage.overdueTeam }, notices);
    const key = `sla:${triage.reportId}:${notices.map((n) => `${n.deadline}-${n.stage}`).join('+')}`;
    const batch: NoticeBatch = {
      reportId: triage.reportId,
      notices: notices.map(({ deadline, stage }) => ({ deadline, stage })),
      // Nobody waits for a reminder the way they wait for a command's reply: bulk work.
      job: { ...issueUpdateJob(key, triage.org, {
        reportId: triage.reportId,
        repo: triage.repo,
        issueNumber: triage.issueNumber,
        addLabels: overdue ? ['sla:overdue'] : [],
        removeLabels: [],
        syncDeadlines: false,
        comment,
        issueState: null,
      }, now), priority: 'bulk' },
      nextCheckAt: nextCheck,
      at: now,
    };
    return { batch, due: notices };
  }

  async function runOnce(): Promise<SweepResult> {
    running ??= (async () => {
      try {
        const result = await deps.store.withSweepLock(sweep);
        return result === null ? { ran: false, checked: 0, notices: 0, purged: 0 } : { ran: true, ...result };
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    runOnce,
    start() {
      if (timer !== null) return;
      const tick = () => {
        runOnce().catch((error: unknown) => deps.log.error({ error: error instanceof Error ? error.name : 'Error' }, 'sla sweep failed'));
      };
      timer = setInterval(tick, intervalMs);
      timer.unref();
      tick();
    },
    async stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
