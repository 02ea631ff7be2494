/**
 * Reads (and, for time, nudges) the outbox of a test database from outside the
 * app, in plain SQL, on SQLite and PostgreSQL alike. The Store interface has no "list the
 * pending jobs", and the app may be another process: this is the test's own window on the
 * tables.
 *
 * - `pendingJobs()`: what is left, for "nothing pending" and diagnostics.
 * - `fastForward(now)`: pulls the next attempt of every pending, unclaimed job to `now`. The
 *   app process runs on the real clock and backs off 10 s, 20 s, … after a failure; this
 *   stands for that time passing, without touching a job a live worker holds.
 *
 * Only these core outbox columns are touched (state, run_after, locked_until); leases of
 * dead workers run out by moving the app's clock instead (test/helpers/process-scenario.ts).
 */
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

/** An outbox job as the probe reads it. */
export interface ProbedJob {
  id: number;
  key: string;
  kind: string;
  state: string;
  attempts: number;
  runAfter: number;
  lockedUntil: number | null;
  lastError: string | null;
}

export interface DatabaseProbe {
  pendingJobs(): Promise<ProbedJob[]>;
  /** Pulls pending, unclaimed jobs due later to `now` (epoch ms); resolves with how many moved. */
  fastForward(now: number): Promise<number>;
  close(): Promise<void>;
}

/** The SQLite file `openStore({ dataDir })` uses. */
export const SQLITE_FILE = 'disclosure-desk.sqlite';

const JOB_COLUMNS = 'id, key, kind, state, attempts, run_after, locked_until, last_error';

interface JobRow {
  id: number | string;
  key: string;
  kind: string;
  state: string;
  attempts: number | string;
  run_after: number | string;
  locked_until: number | string | null;
  last_error: string | null;
}

function toJob(row: JobRow): ProbedJob {
  return {
    id: Number(row.id),
    key: row.key,
    kind: row.kind,
    state: row.state,
    attempts: Number(row.attempts),
    runAfter: Number(row.run_after),
    lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
    lastError: row.last_error,
  };
}

/** A probe on the SQLite store in `dataDir` (the app must have created it). */
export function sqliteProbe(dataDir: string): DatabaseProbe {
  const db = new BetterSqlite3(join(dataDir, SQLITE_FILE));
  db.pragma('busy_timeout = 5000');
  return {
    pendingJobs: () =>
      Promise.resolve((db.prepare(`select ${JOB_COLUMNS} from outbox where state = 'pending' order by id`).all() as JobRow[]).map(toJob)),
    fastForward: (now) =>
      Promise.resolve(
        db
          .prepare("update outbox set run_after = ? where state = 'pending' and run_after > ? and (locked_until is null or locked_until <= ?)")
          .run(now, now, now).changes,
      ),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

/** A probe on the PostgreSQL store in `schema` of the database at `url`. */
export async function postgresProbe(url: string, schema: string): Promise<DatabaseProbe> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  client.on('error', () => undefined);
  await client.connect();
  return {
    async pendingJobs() {
      const { rows } = await client.query<JobRow>(`select ${JOB_COLUMNS} from outbox where state = 'pending' order by id`);
      return rows.map(toJob);
    },
    async fastForward(now) {
      const result = await client.query(
        "update outbox set run_after = $1 where state = 'pending' and run_after > $1 and (locked_until is null or locked_until <= $1)",
        [now],
      );
      return result.rowCount ?? 0;
    },
    async close() {
      await client.end();
    },
  };
}

/** One line per job, for failure messages: key, kind, attempts, lease and last error. */
export function describeJobs(jobs: readonly ProbedJob[]): string {
  if (jobs.length === 0) return '(none)';
  return jobs
    .map((job) => {
      const lease = job.lockedUntil === null ? 'unclaimed' : `claimed until ${new Date(job.lockedUntil).toISOString()}`;
      return `  ${job.key} [${job.kind}] attempts=${job.attempts} due=${new Date(job.runAfter).toISOString()} ${lease} last error: ${job.lastError ?? '-'}`;
    })
    .join('\n');
}
