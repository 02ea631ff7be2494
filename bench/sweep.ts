import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createCore } from '../src/app.js';
import { nextCheckAt, resolutionDue } from '../src/clock/sla-clock.js';
import type { SlaState } from '../src/clock/sla-state.js';
import { defaultConfig } from '../src/config/parse-config.js';
import { openStore } from '../src/store/open-store.js';
import { createFakeGitHub } from '../test/helpers/fake-issues.js';
import { fixed, heading, row, target } from './format.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The SLA sweep over `count` open reports in one SQLite store, as the app runs it
 * (createCore, its sweep, its store), with an in-memory GitHub port that counts every call.
 * Reports are spread over 60 days with realistic met / unmet deadlines; the first sweep
 * posts what is due (the worst case: a deployment that has never swept), the second
 * finds nothing new. Baseline in the same run: reading every open report row once.
 */
export async function benchSweep(count: number): Promise<void> {
  heading(`SLA sweep over ${count} open reports (SQLite)`);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dd-bench-sweep-'));
  const now = new Date('2026-11-24T12:00:00Z');
  try {
    const seeded = await seed(dataDir, count, now);
    const github = createFakeGitHub(() => now);
    github.installations.set('acme', 1);
    const store = await openStore({ dataDir });
    const core = await createCore({ github, log: silent, store, clock: () => now, env: {}, sleep: async () => undefined });
    try {
      const baseline = measure(() => readAllRows(dataDir));
      const first = await measureAsync(() => core.sweep.runOnce());
      const second = await measureAsync(() => core.sweep.runOnce());
      const calls = github.calls.length;

      row('reports seeded (open, filed)', count);
      row('  of which already due a notice', seeded.due);
      row('baseline: read every open row once (CPU ms)', fixed(baseline.cpuMs));
      row('first sweep: reports checked / notices', `${first.value.checked} / ${first.value.notices}`);
      row('first sweep CPU ms', target(first.cpuMs <= 1000, `${fixed(first.cpuMs)} (target ≤ 1000)`));
      row('first sweep wall ms', fixed(first.wallMs));
      row('second sweep: reports checked / notices', `${second.value.checked} / ${second.value.notices}`);
      row('second sweep CPU ms', target(second.cpuMs <= 1000, `${fixed(second.cpuMs)} (target ≤ 1000)`));
      row('GitHub calls (reads or writes) by both sweeps', target(calls === 0, `${calls} (target 0 reads; notices are written later by the outbox)`));
      row('notices queued in the outbox', await countPendingJobs(dataDir));
    } finally {
      await core.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Setup, not measured: the schema comes from the store's own migrations, then the rows are
 * written in one transaction straight into the file (filing 10,000 reports through the
 * outbox would take minutes of fsyncs and is not what this bench is about).
 */
async function seed(dataDir: string, count: number, now: Date): Promise<{ due: number }> {
  await (await openStore({ dataDir })).close();
  const db = new BetterSqlite3(path.join(dataDir, 'disclosure-desk.sqlite'));
  const sla = defaultConfig().sla;
  const lead = 24 * HOUR;
  let due = 0;
  let seedState = 42;
  const random = () => {
    // A fixed LCG: the same reports every run.
    seedState = (seedState * 1103515245 + 12345) % 2 ** 31;
    return seedState / 2 ** 31;
  };
  const insert = db.prepare(`insert into reports (id, org, channel, language, status, status_token_hash, received_at, receipt_due, assessment_due,
    filed_at, issue_number, issue_url, payload, updated_at, issue_repo, triage_status, severity, resolution_due, receipt_met_at, assessment_met_at,
    remind_lead_ms, sla_time_zone, tracking_language, next_check_at)
    values (?, 'acme', 'form', 'en', 'filed', ?, ?, ?, ?, ?, ?, ?, null, ?, 'security-reports', 'triaged', ?, ?, ?, ?, ?, 'UTC', 'en', ?)`);
  db.transaction(() => {
    for (let n = 0; n < count; n += 1) {
      const received = new Date(now.getTime() - random() * 60 * DAY);
      const severity = SEVERITIES[Math.floor(random() * SEVERITIES.length)] ?? 'medium';
      const state: SlaState = {
        receivedAt: received,
        receiptDue: new Date(received.getTime() + 1.5 * DAY),
        assessmentDue: new Date(received.getTime() + 7 * DAY),
        resolutionDue: resolutionDue(received, severity, sla, 0),
        receiptMetAt: received.getTime() + DAY < now.getTime() || random() < 0.5 ? new Date(received.getTime() + random() * 1.6 * DAY) : null,
        assessmentMetAt: received.getTime() + 7 * DAY < now.getTime() && random() < 0.97 ? new Date(received.getTime() + random() * 7.5 * DAY) : null,
        resolutionMetAt: null,
        pausedAt: null,
        pausedCalendarDays: 0,
      };
      const next = nextCheckAt(state, lead, []);
      if (next !== null && next.getTime() <= now.getTime()) due += 1;
      const id = `DD-B${String(n).padStart(11, '0')}`;
      insert.run(
        id,
        `hash-${n}`,
        received.getTime(),
        state.receiptDue.getTime(),
        state.assessmentDue.getTime(),
        received.getTime() + 60_000,
        n + 1,
        `https://github.com/acme/security-reports/issues/${n + 1}`,
        now.getTime(),
        severity,
        state.resolutionDue?.getTime() ?? null,
        state.receiptMetAt?.getTime() ?? null,
        state.assessmentMetAt?.getTime() ?? null,
        lead,
        next?.getTime() ?? null,
      );
    }
  })();
  db.close();
  return { due };
}

function readAllRows(dataDir: string): number {
  const db = new BetterSqlite3(path.join(dataDir, 'disclosure-desk.sqlite'), { readonly: true });
  try {
    return db.prepare("select * from reports where status = 'filed' and closed_at is null").all().length;
  } finally {
    db.close();
  }
}

async function countPendingJobs(dataDir: string): Promise<number> {
  const db = new BetterSqlite3(path.join(dataDir, 'disclosure-desk.sqlite'), { readonly: true });
  try {
    const result = db.prepare("select count(*) as n from outbox where state = 'pending' and kind = 'issue-update'").get() as { n: number };
    return result.n;
  } finally {
    db.close();
  }
}

function measure<T>(fn: () => T): { value: T; cpuMs: number } {
  const cpu = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { value, cpuMs: (used.user + used.system) / 1000 };
}

async function measureAsync<T>(fn: () => Promise<T>): Promise<{ value: T; cpuMs: number; wallMs: number }> {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { value, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
}
