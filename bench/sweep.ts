import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { createCore } from '../src/app.js';
import { defaultConfig } from '../src/config/parse-config.js';
import { openStore } from '../src/store/open-store.js';
import { BACKFILL_SLA_CHECKS_SQL } from '../src/store/sla-checks.js';
import type { Store } from '../src/store/store.js';
import { createFakeGitHub } from '../test/helpers/fake-issues.js';
import { printWhereTheTimeGoes, profiled } from './cpu-profile.js';
import { countingStoreCpu } from './store-call-cpu.js';
import { fixed, heading, row, target } from './format.js';
import { COLUMNS, KEEP_INFORMED_DAYS, MESSAGE_COLUMNS, type Seed, ZONE, seedRows } from './sweep-seed.js';

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
/** BENCH_SWEEP_PROFILE=1: the first sweep runs under the V8 sampling profiler (its CPU figure then includes the profiler's). */
const PROFILE = process.env.BENCH_SWEEP_PROFILE === '1';

/** The store calls a sweep makes: the first sweep's CPU time is shown per call. */
const SWEEP_CALLS: ReadonlyArray<keyof Store> = ['listSlaDue', 'recordNotices', 'enqueue', 'listDisclosureDue', 'listKeptConfigs', 'listSilentReports', 'recordReminders', 'purgeContacts'];

/** Where one run's store lives, and how the bench reads it behind the store's back. */
interface Backend {
  name: 'SQLite' | 'PostgreSQL';
  open(): Promise<Store>;
  /** Setup, not measured: writes the seeded rows straight into their tables, then fills sla_checks as migration 0016 does. */
  insert(seed: Seed): Promise<void>;
  /** The baseline: every open report row read once, all columns. */
  readAllRows(): Promise<number>;
  /** Pending issue-update jobs: SLA notices (`sla:` keys) and reminders (`remind:` keys). */
  countPendingJobs(prefix: 'sla:' | 'remind:'): Promise<number>;
  /** CPU time so far of each server process serving this run (a local PostgreSQL), by pid; null when it cannot be read. */
  serverCpuMs(): Promise<Map<number, number> | null>;
  close(): Promise<void>;
}

/**
 * The SLA sweep over `count` open reports, as the app runs it (createCore, its sweep, its
 * store), on SQLite and on PostgreSQL, with an in-memory GitHub port that counts every
 * call. Reports are spread over 60 days with realistic met / unmet deadlines and carry
 * encrypted contact details like filed reports do; the team's messages to researchers, 2 %
 * with an agreed publication date and the organisation's kept config asking for
 * keep-informed reminders, so every path of the sweep is measured. The first sweep posts what is due (the
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
    const seeded = seedRows(count, now, BENCH_KEY);
    await backend.insert(seeded);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const github = createFakeGitHub(() => now);
    github.installations.set('acme', 1);
    const opened = await backend.open();
    const { store, spent } = countingStoreCpu(opened, SWEEP_CALLS);
    // As org-directory.ts keeps the last valid config: the sweep reads keep_informed_days from it.
    const config = { ...defaultConfig(), sla: { ...defaultConfig().sla, time_zone: ZONE, keep_informed_days: KEEP_INFORMED_DAYS } };
    await store.rememberValidConfig('acme', JSON.stringify(config), now);
    const core = await createCore({ github, log: silent, store, clock: () => now, env: {}, sleep: async () => undefined });
    try {
      const baseline = await measure(() => backend.readAllRows());
      const serverBefore = await backend.serverCpuMs();
      const first = await measure(() => (PROFILE ? firstSweepProfiled(backend.name, () => core.sweep.runOnce()) : core.sweep.runOnce()));
      const serverAfter = await backend.serverCpuMs();
      const firstCalls = new Map(spent);
      const second = await measure(() => core.sweep.runOnce());
      const calls = github.calls.length;
      const base = `baseline ${fixed(baseline.cpuMs)}`;

      row('reports seeded (open, filed)', `${count} (seeding took ${fixed(seedSeconds)} s)`);
      row('  of which already due a notice', seeded.due);
      row('  with an agreed date / its reminder due', `${seeded.agreed} / ${seeded.agreedDue}`);
      row(`  researcher told nothing for ${KEEP_INFORMED_DAYS} days`, seeded.silent);
      row('baseline: read every open row once (CPU ms)', `${fixed(baseline.cpuMs)} (${baseline.value} rows, all columns)`);
      row('first sweep: reports checked / notices', `${first.value.checked} / ${first.value.notices}`);
      row('first sweep CPU ms', target(first.cpuMs <= targetMs, `${fixed(first.cpuMs)} (${goal}; ${base})`));
      for (const [method, { calls, cpuMs }] of [...firstCalls].sort((a, b) => b[1].cpuMs - a[1].cpuMs)) {
        row(`  in store.${method} (CPU ms, calls)`, `${fixed(cpuMs)} (${calls})`);
      }
      row('first sweep wall ms', `${fixed(first.wallMs)} (baseline ${fixed(baseline.wallMs)} wall)`);
      if (serverBefore !== null && serverAfter !== null) {
        const server = [...serverAfter].reduce((sum, [pid, ms]) => sum + ms - (serverBefore.get(pid) ?? 0), 0);
        row('first sweep PostgreSQL server CPU ms', `${fixed(server, 0)} (its own processes, not in the figure above)`);
      }
      row('second sweep: reports checked / notices', `${second.value.checked} / ${second.value.notices}`);
      row('second sweep CPU ms', target(second.cpuMs <= targetMs, `${fixed(second.cpuMs)} (${goal}; ${base})`));
      row('GitHub calls (reads or writes) by both sweeps', target(calls === 0, `${calls} (target 0; notices are written later by the outbox)`));
      row('notices / reminders queued in the outbox', `${await backend.countPendingJobs('sla:')} / ${await backend.countPendingJobs('remind:')}`);
    } finally {
      await core.close();
    }
  } finally {
    await backend.close();
  }
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
    async insert(seed) {
      // The schema comes from the store's own migrations; the rows go in one transaction.
      await (await open()).close();
      withFile(false, (db) => {
        const insert = db.prepare(`insert into reports (${COLUMNS}) values (${seed.reports[0]?.map(() => '?').join(', ') ?? ''})`);
        const message = db.prepare(`insert into researcher_messages (${MESSAGE_COLUMNS}) values (?, ?, ?, ?)`);
        db.transaction(() => {
          seed.reports.forEach((values) => insert.run(...values));
          seed.messages.forEach((values) => message.run(...values));
          db.exec(BACKFILL_SLA_CHECKS_SQL);
        })();
      });
    },
    readAllRows: async () => withFile(true, (db) => db.prepare("select * from reports where status = 'filed' and closed_at is null").all().length),
    countPendingJobs: async (prefix) =>
      withFile(true, (db) => (db.prepare("select count(*) as n from outbox where state = 'pending' and kind = 'issue-update' and key like ?").get(`${prefix}%`) as { n: number }).n),
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
    async insert(seed) {
      await (await open()).close();
      await admin.query('begin');
      const insertAll = async (table: string, columns: string, rows: unknown[][]) => {
        const width = rows[0]?.length ?? 0;
        for (let start = 0; start < rows.length; start += 1000) {
          const chunk = rows.slice(start, start + 1000);
          const tuples = chunk.map((_, r) => `(${Array.from({ length: width }, (__, c) => `$${r * width + c + 1}`).join(', ')})`);
          await admin.query(`insert into ${table} (${columns}) values ${tuples.join(', ')}`, chunk.flat());
        }
      };
      try {
        await insertAll('reports', COLUMNS, seed.reports);
        await insertAll('researcher_messages', MESSAGE_COLUMNS, seed.messages);
        await admin.query(BACKFILL_SLA_CHECKS_SQL);
        await admin.query('commit');
      } catch (error) {
        await admin.query('rollback');
        throw error;
      }
      await admin.query('analyze');
    },
    readAllRows: async () => (await admin.query("select * from reports where status = 'filed' and closed_at is null")).rows.length,
    countPendingJobs: async (prefix) =>
      Number((await admin.query<{ n: string }>("select count(*) as n from outbox where state = 'pending' and kind = 'issue-update' and key like $1", [`${prefix}%`])).rows[0]?.n ?? 0),
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
