import { DisclosureConfig } from '../../config/schema.js';
import { planDisclosureNotice, planKeepInformed, type ReminderContext } from '../../issue-text/plan-reminders.js';
import type { ReminderRecord, ReminderTarget } from '../../store/reminder-records.js';
import type { NewJob, Store } from '../../store/store.js';
import { type DisclosureStage, dueDisclosureNotices } from '../../triage/disclosure-date.js';
import { issueUpdateJob } from './queue-issue-update.js';

const DAY_MS = 86_400_000;

/** Sweep notice keys: one per agreed date and stage, one per silence (keyed on its last contact). */
export const disclosureKey = (date: string, stage: DisclosureStage): string => `disclosure:${date}:${stage}`;
export const keepInformedKey = (lastContactAt: Date): string => `keep-informed:${lastContactAt.getTime()}`;

/**
 * The sweep's reminders besides the SLA deadlines: the agreed publication date (some days
 * before it and on the day) and "we keep you informed" (a researcher who has heard nothing
 * for `sla.keep_informed_days`). Reads only the store (the organisation's last valid config
 * included); each reminder is recorded with its job under a key, so it is posted once
 * however often the sweep runs. Resolves with the reminders recorded.
 */
export async function sweepReminders(store: Store, now: Date, batchSize: number): Promise<number> {
  return (await sweepDisclosureDates(store, now, batchSize)) + (await sweepSilences(store, now, batchSize));
}

async function sweepDisclosureDates(store: Store, now: Date, batchSize: number): Promise<number> {
  let recorded = 0;
  const seen = new Set<string>();
  for (;;) {
    const due = (await store.listDisclosureDue(now, batchSize)).filter((report) => !seen.has(report.reportId));
    if (due.length === 0) return recorded;
    const records: ReminderRecord[] = [];
    for (const report of due) {
      seen.add(report.reportId);
      const { date, reminderDays } = report.disclosure;
      const sent = (['reminder', 'day'] as const).filter((stage) => report.sent.includes(disclosureKey(date, stage)));
      const { due: stages, nextCheckAt } = dueDisclosureNotices(report.disclosure, report.timeZone, now, sent);
      const disclosureCheck = { date, checkAt: nextCheckAt };
      // A report with nothing due (its notices went out before a crash) only moves its check.
      if (stages.length === 0) records.push({ reportId: report.reportId, notice: null, at: now, disclosureCheck });
      for (const stage of stages) {
        const key = disclosureKey(date, stage);
        records.push({ reportId: report.reportId, notice: { key, job: noteJob(report, key, planDisclosureNotice(context(report), stage, date, reminderDays), now) }, at: now, disclosureCheck });
      }
    }
    recorded += await store.recordReminders(records);
  }
}

async function sweepSilences(store: Store, now: Date, batchSize: number): Promise<number> {
  let recorded = 0;
  // From the kept configs, not the reports: only organisations that asked for it are read.
  for (const { org, config } of await store.listKeptConfigs()) {
    const days = keepInformedDays(config);
    if (days === null) continue;
    const before = new Date(now.getTime() - days * DAY_MS);
    const seen = new Set<string>();
    // Batch after batch: each recorded silence leaves the listing, so this ends with the backlog.
    for (;;) {
      const silent = (await store.listSilentReports(org, before, batchSize)).filter((report) => !seen.has(report.reportId));
      if (silent.length === 0) break;
      const records = silent.map((report): ReminderRecord => {
        seen.add(report.reportId);
        const key = keepInformedKey(report.lastContactAt);
        return { reportId: report.reportId, notice: { key, job: noteJob(report, key, planKeepInformed(context(report), report.lastContactAt, days), now) }, at: now };
      });
      recorded += await store.recordReminders(records);
    }
  }
  return recorded;
}

/** `sla.keep_informed_days` of a kept config (the sweep asks GitHub nothing); null when off. */
function keepInformedDays(kept: string): number | null {
  const parsed = DisclosureConfig.safeParse(JSON.parse(kept));
  return parsed.success ? (parsed.data.sla.keep_informed_days ?? null) : null;
}

function context(target: ReminderTarget): ReminderContext {
  return { org: target.org, language: target.trackingLanguage, timeZone: target.timeZone, overdueTeam: target.overdueTeam };
}

function noteJob(target: ReminderTarget, key: string, comment: string, now: Date): NewJob {
  // Bulk work, like the SLA notices: nobody waits for a reminder the way they wait for a command's reply.
  return {
    ...issueUpdateJob(`remind:${target.reportId}:${key}`, target.org, {
      reportId: target.reportId,
      repo: target.repo,
      issueNumber: target.issueNumber,
      addLabels: [],
      removeLabels: [],
      syncDeadlines: false,
      comment,
      issueState: null,
    }, now),
    priority: 'bulk',
  };
}
