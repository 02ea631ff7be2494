import { expect, it } from 'vitest';
import { dueNotices, nextCheckAt } from '../../src/clock/sla-clock.js';
import type { DeadlineKind, SentNotice, SlaState } from '../../src/clock/sla-state.js';
import { createSlaSweep } from '../../src/flows/triage/sla-sweep.js';
import { planSlaNotice } from '../../src/issue-text/plan-sla-notice.js';
import type { Metrics } from '../../src/metrics/metrics.js';
import { noMetrics } from '../../src/metrics/metrics.js';
import type { Store } from '../../src/store/store.js';
import type { TriageRecord } from '../../src/store/triage-records.js';
import { describeEachBackend } from '../helpers/stores.js';
import { aNewReport, later } from '../store/new-report.js';
import { aFilingFacts, aTriageChange, anIssueUpdateJob, fieldsOf } from '../store/new-triage.js';

/*
 * The sweep records notices for a whole batch of reports in one transaction, in multi-row
 * statements. For each report that must come to exactly what the sweep of that report alone
 * would record: the pure SLA clock (dueNotices, nextCheckAt) and the notice text say what.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date('2026-03-20T12:00:00Z');
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const ZONES = ['Europe/Amsterdam', 'America/New_York', 'UTC'] as const;

interface Seeded {
  id: string;
  issueNumber: number;
  sla: SlaState;
  lead: number;
  sent: SentNotice[];
  closed: boolean;
  nextCheckAt: Date | null;
}

/** A fixed LCG: the same reports every run. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * `count` filed reports received over the last 20 days, with deadlines passed, in their
 * reminder window or ahead, as filing stores them. Every 7th already had a receipt reminder,
 * every 11th was closed with a stale check, every 13th has a check due with nothing to post.
 */
async function seed(store: Store, count: number): Promise<Seeded[]> {
  const random = lcg(11);
  const seeded: Seeded[] = [];
  for (let n = 0; n < count; n += 1) {
    const received = new Date(NOW.getTime() - Math.floor(random() * 20 * DAY));
    const report = aNewReport({ receivedAt: received, receiptDue: later(received, 1.5 * DAY), assessmentDue: later(received, 7 * DAY) });
    const sla: SlaState = {
      receivedAt: received,
      receiptDue: report.receiptDue,
      assessmentDue: report.assessmentDue,
      resolutionDue: n % 3 === 0 ? null : later(received, (n % 2 === 0 ? 14 : 30) * DAY),
      receiptMetAt: null,
      assessmentMetAt: null,
      resolutionMetAt: null,
      pausedAt: null,
      pausedCalendarDays: 0,
    };
    const lead = n % 5 === 0 ? 0 : 24 * HOUR;
    const idle = n % 13 === 0;
    // A report with nothing due yet, looked at now all the same (its check was stored early).
    if (idle) Object.assign(sla, { receiptDue: later(NOW, 5 * DAY), assessmentDue: later(NOW, 9 * DAY), resolutionDue: null });
    const next = idle ? later(NOW, -1000) : nextCheckAt(sla, lead, []);
    const issueNumber = n + 1;
    await store.acceptReport({ ...report, receiptDue: sla.receiptDue, assessmentDue: sla.assessmentDue });
    await store.markFiled(report.id, { number: issueNumber, url: `https://github.com/acme/security/issues/${issueNumber}` }, later(received, 60_000), aFilingFacts({
      remindLeadMs: lead,
      overdueTeam: n % 2 === 0 ? 'sec-team' : null,
      timeZone: ZONES[n % ZONES.length],
      trackingLanguage: n % 4 === 0 ? 'nl' : 'en',
      nextCheckAt: next,
      resolutionDue: sla.resolutionDue,
    }));
    const sent: SentNotice[] = [];
    if (n % 7 === 0 && !idle) {
      sent.push({ deadline: 'receipt', stage: 'reminder' });
      await store.recordNotices({ reportId: report.id, notices: sent, job: anIssueUpdateJob({ key: `earlier:${report.id}` }), nextCheckAt: next, at: later(NOW, -DAY) });
    }
    const closed = n % 11 === 0;
    if (closed) await close(store, report.id);
    seeded.push({ id: report.id, issueNumber, sla, lead, sent, closed, nextCheckAt: next });
  }
  return seeded;
}

async function close(store: Store, reportId: string): Promise<void> {
  const triage = await triageOf(store, reportId);
  const result = await store.saveTriage(aTriageChange(triage, { fields: { ...fieldsOf(triage), status: 'resolved', closedAt: NOW, nextCheckAt: later(NOW, -5000) } }));
  expect(result).toBe('saved');
}

async function triageOf(store: Store, reportId: string): Promise<TriageRecord> {
  const triage = await store.getTriage(reportId);
  if (triage === null) throw new Error(`no triage for ${reportId}`);
  return triage;
}

/** What the sweep of this report alone records: its notices, its job's key and payload, its next check. */
function expectedFor(report: Seeded, triage: TriageRecord) {
  const notices = dueNotices(report.sla, NOW, report.lead, report.sent);
  const next = nextCheckAt(report.sla, report.lead, [...report.sent, ...notices]);
  const comment = notices.length === 0 ? null : planSlaNotice({ org: 'acme', language: triage.trackingLanguage, timeZone: triage.timeZone, overdueTeam: triage.overdueTeam }, notices);
  return {
    notices,
    key: `sla:${report.id}:${notices.map((n) => `${n.deadline}-${n.stage}`).join('+')}`,
    payload: {
      reportId: report.id,
      repo: 'security',
      issueNumber: report.issueNumber,
      addLabels: notices.some((n) => n.stage === 'overdue') ? ['sla:overdue'] : [],
      removeLabels: [],
      syncDeadlines: false,
      comment,
      issueState: null,
    },
    nextCheckAt: next !== null && next.getTime() <= NOW.getTime() ? later(NOW, 60_000) : next,
  };
}

describeEachBackend('the SLA sweep over many reports', (backend) => {
  it('records for each report, batch after batch, what a sweep of that report alone would', { timeout: 120_000 }, async () => {
    const store = await backend.open();
    // About 290 due in batches of 280: the first batch's statements take 256 rows, then 16 and 8; the second batch the rest.
    const reports = await seed(store, 330);
    const missed: DeadlineKind[] = [];
    const metrics: Metrics = { ...noMetrics, slaDeadline: (deadline) => void missed.push(deadline) };
    let kicks = 0;
    // Per-report notices are compared here: no overdue digest (test/flows/overdue-digest.test.ts covers it).
    const sweep = createSlaSweep({ store, clock: () => NOW, log: silent, kick: () => void (kicks += 1), metrics, batchSize: 280, digestThreshold: Number.POSITIVE_INFINITY });

    const result = await sweep.runOnce();

    const due = reports.filter((r) => !r.closed && r.nextCheckAt !== null && r.nextCheckAt.getTime() <= NOW.getTime());
    const expected = await Promise.all(due.map(async (r) => ({ report: r, want: expectedFor(r, await triageOf(store, r.id)) })));
    const noticeCount = expected.reduce((sum, { want }) => sum + want.notices.length, 0);
    expect(due.length).toBeGreaterThan(280);
    expect(noticeCount).toBeGreaterThan(256);
    expect(result).toEqual({ ran: true, checked: due.length, notices: noticeCount, purged: 0 });
    expect(kicks).toBe(1);
    expect(missed.sort()).toEqual(expected.flatMap(({ want }) => want.notices.filter((n) => n.stage === 'overdue').map((n) => n.deadline)).sort());
    for (const { report, want } of expected) {
      const job = await store.getJob(want.key);
      const triage = await triageOf(store, report.id);
      expect({ id: report.id, next: triage.nextCheckAt }).toEqual({ id: report.id, next: want.nextCheckAt });
      if (want.notices.length === 0) {
        expect(job).toBeNull();
        continue;
      }
      expect({ key: job?.key, kind: job?.kind, org: job?.org, priority: job?.priority, state: job?.state, runAfter: job?.runAfter }).toEqual({
        key: want.key, kind: 'issue-update', org: 'acme', priority: 'bulk', state: 'pending', runAfter: NOW,
      });
      expect(JSON.parse(job?.payload ?? 'null')).toEqual(want.payload);
    }
    for (const report of reports.filter((r) => r.closed)) expect((await triageOf(store, report.id)).nextCheckAt).toEqual(later(NOW, -5000));

    // Every notice was recorded as sent: a minute on, nothing is posted twice.
    const again = await createSlaSweep({ store, clock: () => later(NOW, 61_000), log: silent, kick: () => undefined, batchSize: 300 }).runOnce();
    expect(again.notices).toBe(0);
  });

  it('records several reports in one call: a report closed meanwhile keeps its check, a notice already sent is not queued twice, the last check wins', async () => {
    const store = await backend.open();
    // The first seeded report is closed (with a stale check), the second open.
    const [closing, open] = await seed(store, 2);
    if (open === undefined || closing?.closed !== true) throw new Error('a closed and an open report expected');
    const first = { reportId: open.id, notices: [{ deadline: 'receipt' as const, stage: 'overdue' as const }], job: anIssueUpdateJob({ key: `sla:${open.id}:x`, payload: '{"first":true}' }), nextCheckAt: later(NOW, DAY), at: NOW };

    await store.recordNotices([
      first,
      { reportId: closing.id, notices: [], job: anIssueUpdateJob({ key: 'sla:closed' }), nextCheckAt: later(NOW, 2 * DAY), at: NOW },
    ]);
    // Named twice in one call: as if recorded one after the other, the first job stays and the last check wins.
    await store.recordNotices([
      { ...first, job: { ...first.job, payload: '{"second":true}' }, nextCheckAt: later(NOW, 5 * DAY) },
      { ...first, job: { ...first.job, payload: '{"third":true}' }, nextCheckAt: later(NOW, 3 * DAY) },
    ]);
    await store.recordNotices([]);

    expect((await triageOf(store, open.id)).nextCheckAt).toEqual(later(NOW, 3 * DAY));
    expect((await triageOf(store, closing.id)).nextCheckAt).toEqual(later(NOW, -5000));
    expect((await store.getJob(`sla:${open.id}:x`))?.payload).toBe('{"first":true}');
    expect(await store.getJob('sla:closed')).toBeNull();
    const listed = await store.listSlaDue(later(NOW, 4 * DAY), 10);
    expect(listed.find((d) => d.triage.reportId === open.id)?.sent).toEqual([{ deadline: 'receipt', stage: 'overdue' }]);
  });
});
