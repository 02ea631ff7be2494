import type { Clock } from '../../clock/clock.js';
import { dueNotices, nextCheckAt } from '../../clock/sla-clock.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import type { NoticeBatch, SlaDueReport } from '../../store/triage-records.js';
import type { DueNotice, SentNotice } from '../../clock/sla-state.js';
import { planSlaNotice } from '../../issue-text/plan-sla-notice.js';
import { issueUpdateJob } from './queue-issue-update.js';
import { sweepReminders } from './sweep-reminders.js';
import { digestedKey, overdueBacklog } from './overdue-backlog.js';
import { type Metrics, noMetrics } from '../../metrics/metrics.js';
import { periodic } from '../periodic.js';

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
  /** More long-passed overdue notices than this in one batch and repository become one digest (default DIGEST_THRESHOLD; Infinity: never). */
  digestThreshold?: number;
}): SlaSweep {
  const intervalMs = deps.intervalMs ?? 5 * 60_000;
  const batchSize = deps.batchSize ?? BATCH;
  const metrics = deps.metrics ?? noMetrics;
  let running: Promise<SweepResult> | null = null;

  async function sweep(): Promise<Omit<SweepResult, 'ran'>> {
    const now = deps.clock();
    const seen = new Set<string>();
    let checked = 0;
    let notices = 0;
    for (;;) {
      const due = (await deps.store.listSlaDue(now, batchSize)).filter(({ triage }) => !seen.has(triage.reportId));
      if (due.length === 0) break;
      const found = due.map(({ triage, sent }) => {
        seen.add(triage.reportId);
        return { triage, sent, notices: dueNotices(triage.sla, now, triage.remindLeadMs, sent) };
      });
      // A backlog (after an outage) goes out as one digest per tracking repository, enqueued
      // before the notices are recorded: a crash in between finds the same digest key again.
      const backlog = overdueBacklog(found, now, deps.digestThreshold);
      for (const digest of backlog.digests) await deps.store.enqueue(digest.job);
      if (backlog.digests.length > 0) deps.log.warn({ digests: backlog.digests.length, deadlines: backlog.digested.size }, 'overdue backlog digested');
      const checks = found.map(({ triage, sent, notices }) => checkReport(triage, sent, notices, backlog.digested, now));
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
    // Agreed publication dates and "we keep you informed", on the same beat and under the same lock.
    const reminders = await sweepReminders(deps.store, now, batchSize);
    if (reminders > 0) deps.log.info({ reminders }, 'sweep reminders recorded');
    if (notices > 0 || reminders > 0) deps.kick();
    // Privacy runs on the same beat: contact details of long-closed reports are deleted.
    const purged = await deps.store.purgeContacts(now);
    if (purged.length > 0) deps.log.info({ reports: purged.length }, 'contact details purged after the retention period');
    return { checked, notices, purged: purged.length };
  }

  /** What to record for one due report: its notices, the job that posts them, its next check. Pure. */
  function checkReport(triage: SlaDueReport, sent: SentNotice[], notices: DueNotice[], digested: ReadonlySet<string>, now: Date): { batch: NoticeBatch; due: DueNotice[] } {
    const lead = triage.remindLeadMs;
    const next = nextCheckAt(triage.sla, lead, [...sent, ...notices]);
    // Never due again within this sweep (it would be read again): at worst, look next minute.
    const nextCheck = next !== null && next.getTime() <= now.getTime() ? new Date(now.getTime() + 60_000) : next;
    const overdue = notices.some((n) => n.stage === 'overdue');
    // Notices listed in a digest get no comment of their own; their label is still set here.
    const own = notices.filter((n) => !digested.has(digestedKey(triage.reportId, n.deadline)));
    const comment = own.length === 0 ? null : planSlaNotice({ org: triage.org, language: triage.trackingLanguage, timeZone: triage.timeZone, overdueTeam: triage.overdueTeam }, own);
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

  const timer = periodic(runOnce, { everyMs: intervalMs, onError: (error) => deps.log.error({ error: error instanceof Error ? error.name : 'Error' }, 'sla sweep failed') });
  return { runOnce, start: timer.start, stop: timer.stop };
}
