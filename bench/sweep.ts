import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { createCore } from '../src/app.js';
import { nextCheckAt, resolutionDue } from '../src/clock/sla-clock.js';
import type { SlaState } from '../src/clock/sla-state.js';
import { defaultConfig } from '../src/config/parse-config.js';
import { fieldCipher } from '../src/store/field-cipher.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { createFakeGitHub } from '../test/helpers/fake-issues.js';
import { printWhereTheTimeGoes, profiled } from './cpu-profile.js';
import { fixed, heading, row, target } from './format.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const silent = { debug() {}, info() {}, warn() {}, error() {} };
/** The target is set for 100,000 open reports; a smaller run is held to its share. */
const TARGET_REPORTS = 100_000;
const TARGET_CPU_MS = 1000;
/** As in production, contact details and job payloads are encrypted at rest (the cost is part of the sweep). */
const BENCH_KEY = randomBytes(32).toString('base64');
// As test/helpers/stores.ts: the database `test`, as the role `postgres` (a process may have no USER to default to).
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Linux reports process CPU in clock ticks of 1/100 s (USER_HZ). */
const TICK_MS = 10;
const ZONE = 'Europe/Amsterdam';
/** BENCH_SWEEP_PROFILE=1: the first sweep runs under the V8 sampling profiler (its CPU figure then includes the profiler's). */
const PROFILE = process.env.BENCH_SWEEP_PROFILE === '1';

/** Where one run's store lives, and how the bench reads it behind the store's back. */
interface Backend {
  name: 'SQLite' | 'PostgreSQL';
  open(): Promise<Store>;
  /** Setup, not measured: writes the seeded rows straight into the reports table. */
  insert(rows: unknown[][]): Promise<void>;
  /** The baseline: every open report row read once, all columns. */
  readAllRows(): Promise<number>;
  countPendingNotices(): Promise<number>;
  /** CPU time so far of each server process serving this run (a local PostgreSQL), by pid; null when it cannot be read. */
  serverCpuMs(): Promise<Map<number, number> | null>;
  close(): Promise<void>;
}

/**
 * The SLA sweep over `count` open reports, as the app runs it (createCore, its sweep, its
 * store), on SQLite and on PostgreSQL, with an in-memory GitHub port that counts every
 * call. Reports are spread over 60 days with realistic met / unmet deadlines and carry
 * encrypted contact details like filed reports do; the first sweep posts what is due (the
 * worst case: a deployment that has never swept), the second finds nothing new. Each CPU
 * figure stands beside its baseline from the same run: reading every open report row once.
 * BENCH_SWEEP_PROFILE=1 also prints where the first sweep's time goes.
 */
export async function benchSweep(count: number): Promise<void> {
  await benchOn(await sqliteBackend(), count);
  const postgres = await postgresBackend();
  if (typeof postgres === 'string') {
    heading(`SLA sweep over ${count} open reports (PostgreSQL)`);
    row('skipped', postgres);
    return;
  }
  await benchOn(postgres, count);
}

async function benchOn(backend: Backend, count: number): Promise<void> {
  heading(`SLA sweep over ${count} open reports (${backend.name})`);
  const now = new Date('2026-11-24T12:00:00Z');
  const targetMs = (TARGET_CPU_MS * count) / TARGET_REPORTS;
  const goal = count === TARGET_REPORTS ? `target ≤ ${TARGET_CPU_MS}` : `target ≤ ${fixed(targetMs)}, i.e. ${TARGET_CPU_MS} scaled to ${count} of ${TARGET_REPORTS} reports`;
  try {
    const seedStarted = performance.now();
    const seeded = seedRows(count, now);
    await backend.insert(seeded.rows);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const github = createFakeGitHub(() => now);
    github.installations.set('acme', 1);
    const store = await backend.open();
    const core = await createCore({ github, log: silent, store, clock: () => now, env: {}, sleep: async () => undefined });
    try {
      const baseline = await measure(() => backend.readAllRows());
      const serverBefore = await backend.serverCpuMs();
      const first = await measure(() => (PROFILE ? firstSweepProfiled(backend.name, () => core.sweep.runOnce()) : core.sweep.runOnce()));
      const serverAfter = await backend.serverCpuMs();
      const second = await measure(() => core.sweep.runOnce());
      const calls = github.calls.length;
      const base = `baseline ${fixed(baseline.cpuMs)}`;

      row('reports seeded (open, filed)', `${count} (seeding took ${fixed(seedSeconds)} s)`);
      row('  of which already due a notice', seeded.due);
      row('baseline: read every open row once (CPU ms)', `${fixed(baseline.cpuMs)} (${baseline.value} rows, all columns)`);
      row('first sweep: reports checked / notices', `${first.value.checked} / ${first.value.notices}`);
      row('first sweep CPU ms', target(first.cpuMs <= targetMs, `${fixed(first.cpuMs)} (${goal}; ${base})`));
      row('first sweep wall ms', `${fixed(first.wallMs)} (baseline ${fixed(baseline.wallMs)} wall)`);
      if (serverBefore !== null && serverAfter !== null) {
        const server = [...serverAfter].reduce((sum, [pid, ms]) => sum + ms - (serverBefore.get(pid) ?? 0), 0);
        row('first sweep PostgreSQL server CPU ms', `${fixed(server, 0)} (its own processes, not in the figure above)`);
      }
      row('second sweep: reports checked / notices', `${second.value.checked} / ${second.value.notices}`);
      row('second sweep CPU ms', target(second.cpuMs <= targetMs, `${fixed(second.cpuMs)} (${goal}; ${base})`));
      row('GitHub calls (reads or writes) by both sweeps', target(calls === 0, `${calls} (target 0; notices are written later by the outbox)`));
      row('notices queued in the outbox', await backend.countPendingNotices());
    } finally {
      await core.close();
    }
  } finally {
    await backend.close();
  }
}

const COLUMNS = `id, org, channel, language, status, status_token_hash, received_at, receipt_due, assessment_due,
  filed_at, issue_number, issue_url, payload, updated_at, issue_repo, triage_status, severity, resolution_due, receipt_met_at,
  assessment_met_at, remind_lead_ms, sla_time_zone, tracking_language, next_check_at, researcher, asset_keys, fingerprint`;

/**
 * The same reports every run (a fixed LCG), as rows of the reports table in COLUMNS order,
 * and how many of them are due a notice at `now`.
 */
function seedRows(count: number, now: Date): { rows: unknown[][]; due: number } {
  // Amsterdam, not UTC: notices are written, and resolution targets end, on a wall clock with daylight saving time.
  const sla = { ...defaultConfig().sla, time_zone: ZONE };
  const cipher = fieldCipher(BENCH_KEY);
  const lead = 24 * HOUR;
  const rows: unknown[][] = [];
  let due = 0;
  let seedState = 42;
  const random = () => {
    seedState = (seedState * 1103515245 + 12345) % 2 ** 31;
    return seedState / 2 ** 31;
  };
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
    const researcher = { name: `Researcher ${n}`, github: null, email: `researcher-${n}@example.org`, phone: null, credit: 'name' };
    rows.push([
      `DD-B${String(n).padStart(11, '0')}`, 'acme', 'form', 'en', 'filed', `hash-${n}`,
      received.getTime(), state.receiptDue.getTime(), state.assessmentDue.getTime(), received.getTime() + 60_000,
      n + 1, `https://github.com/acme/security-reports/issues/${n + 1}`, null, now.getTime(), 'security-reports', 'triaged', severity,
      state.resolutionDue?.getTime() ?? null, state.receiptMetAt?.getTime() ?? null, state.assessmentMetAt?.getTime() ?? null,
      lead, ZONE, 'en', next?.getTime() ?? null, cipher.encrypt(JSON.stringify(researcher)),
      `repo:acme/app-${n % 50}`, `f${n % 997} f${n % 991}`,
    ]);
  }
  return { rows, due };
}

async function sqliteBackend(): Promise<Backend> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dd-bench-sweep-'));
  const file = path.join(dataDir, 'disclosure-desk.sqlite');
  const open = () => openStore({ dataDir, encryptionKey: BENCH_KEY });
  const withFile = <T>(readonly: boolean, fn: (db: BetterSqlite3.Database) => T): T => {
    const db = new BetterSqlite3(file, { readonly });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  return {
    name: 'SQLite',
    open,
    async insert(rows) {
      // The schema comes from the store's own migrations; the rows go in one transaction.
      await (await open()).close();
      withFile(false, (db) => {
        const insert = db.prepare(`insert into reports (${COLUMNS}) values (${rows[0]?.map(() => '?').join(', ') ?? ''})`);
        db.transaction(() => rows.forEach((values) => insert.run(...values)))();
      });
    },
    readAllRows: async () => withFile(true, (db) => db.prepare("select * from reports where status = 'filed' and closed_at is null").all().length),
    countPendingNotices: async () =>
      withFile(true, (db) => (db.prepare("select count(*) as n from outbox where state = 'pending' and kind = 'issue-update'").get() as { n: number }).n),
    serverCpuMs: async () => null,
    close: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** A fresh schema per run in the `test` database, dropped afterwards; a string says why PostgreSQL is skipped. */
async function postgresBackend(): Promise<Backend | string> {
  const schema = `bench_sweep_${process.pid}_${randomBytes(4).toString('hex')}`;
  // The application name finds this run's server processes, to read their CPU time.
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('application_name', schema);
  const admin = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
  } catch (error) {
    return `PostgreSQL unavailable at ${POSTGRES_URL} (${(error as { code?: string }).code ?? 'error'})`;
  }
  const open = () => openStore({ databaseUrl: url.toString(), schema, encryptionKey: BENCH_KEY });
  await admin.query(`set search_path = "${schema}"`);
  return {
    name: 'PostgreSQL',
    open,
    async insert(rows) {
      await (await open()).close();
      const width = rows[0]?.length ?? 0;
      await admin.query('begin');
      for (let start = 0; start < rows.length; start += 1000) {
        const chunk = rows.slice(start, start + 1000);
        const tuples = chunk.map((_, r) => `(${Array.from({ length: width }, (__, c) => `$${r * width + c + 1}`).join(', ')})`);
        await admin.query(`insert into reports (${COLUMNS}) values ${tuples.join(', ')}`, chunk.flat());
      }
      await admin.query('commit');
      await admin.query('analyze reports');
    },
    readAllRows: async () => (await admin.query("select * from reports where status = 'filed' and closed_at is null")).rows.length,
    countPendingNotices: async () =>
      Number((await admin.query<{ n: string }>("select count(*) as n from outbox where state = 'pending' and kind = 'issue-update'")).rows[0]?.n ?? 0),
    async serverCpuMs() {
      const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [schema]);
      const byPid = new Map<number, number>();
      for (const { pid } of rows) {
        try {
          // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): user and system time.
          const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
          byPid.set(pid, (Number(fields[11]) + Number(fields[12])) * TICK_MS);
        } catch {
          return null;
        }
      }
      return byPid;
    },
    async close() {
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    },
  };
}

/** The first sweep under the profiler: where its time goes, and the profile kept for a closer look. */
async function firstSweepProfiled<T>(name: string, sweep: () => Promise<T>): Promise<T> {
  const { result, profile } = await profiled(sweep);
  const file = path.join(tmpdir(), `dd-bench-sweep-${name.toLowerCase()}-${process.pid}.cpuprofile`);
  await writeFile(file, JSON.stringify(profile));
  printWhereTheTimeGoes(profile, 12);
  // cpu-profile.ts counts native frames without a script as "other": that is mostly the profiler stopping.
  row('  ("other" holds the profiler\'s own stop)', '');
  row('  profile written to', file);
  return result;
}

async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; cpuMs: number; wallMs: number }> {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { value, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
}
