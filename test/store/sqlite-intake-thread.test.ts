import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { plainFields } from '../../src/store/field-cipher.js';
import { eventRow, intakeJobs, jobRow, receivedEvent, reportRow } from '../../src/store/intake-rows.js';
import { openStore } from '../../src/store/open-store.js';
import { IntakeWriteError, IntakeWriterLostError } from '../../src/store/sqlite-intake-protocol.js';
import { SqliteIntakeThread } from '../../src/store/sqlite-intake-thread.js';
import type { IntakeRows } from '../../src/store/sqlite-intake-writer.js';
import type { NewReport } from '../../src/store/store.js';
import { CRASHING_REPORT_ID } from './fixtures/crashing-intake-worker.js';
import { aNewReport, T0 } from './new-report.js';

const CRASHING_WORKER = new URL('./fixtures/crashing-intake-worker.ts', import.meta.url);
const dirs: string[] = [];
const threads: SqliteIntakeThread[] = [];

afterEach(async () => {
  await Promise.all(threads.splice(0).map((thread) => thread.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A migrated SQLite store file in a fresh temp dir (the store itself closed again). */
async function migratedFile(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dd-intake-thread-'));
  dirs.push(dir);
  await (await openStore({ dataDir: dir, encryptionKey: 'k'.repeat(32) })).close();
  return path.join(dir, 'disclosure-desk.sqlite');
}

function thread(file: string, workerUrl?: URL, maxInFlightChars?: number): SqliteIntakeThread {
  const made = new SqliteIntakeThread({ file, ...(workerUrl === undefined ? {} : { workerUrl }), ...(maxInFlightChars === undefined ? {} : { maxInFlightChars }) });
  threads.push(made);
  return made;
}

function rowsOf(report: NewReport, emailMessageKey: string | null = null): IntakeRows {
  return {
    report: reportRow(report, plainFields, T0.getTime()),
    event: eventRow(receivedEvent(report)),
    jobs: intakeJobs(report).map((job) => jobRow(job, plainFields, T0.getTime())),
    emailMessage: emailMessageKey === null ? null : { key: emailMessageKey, report_id: report.id, at: T0.getTime() },
  };
}

/** What another connection (another process, after a restart) finds in the file. */
function onDisk(file: string): { reports: string[]; events: string[]; jobs: string[] } {
  const reader = new BetterSqlite3(file, { readonly: true });
  try {
    const ids = (sql: string): string[] => (reader.prepare(sql).all() as Array<{ id: string }>).map((row) => row.id).sort();
    return {
      reports: ids('select id from reports'),
      events: ids('select report_id as id from events'),
      jobs: ids("select key as id from outbox where kind = 'file-report'"),
    };
  } finally {
    reader.close();
  }
}

describe('the SQLite intake writer thread', () => {
  it('answers only once the report is in the file, as another connection reads it', async () => {
    const file = await migratedFile();
    const report = aNewReport();

    await thread(file).submit(rowsOf(report));

    expect(onDisk(file)).toEqual({ reports: [report.id], events: [report.id], jobs: [`file-report:${report.id}`] });
  });

  it('rolls back a failing report alone and commits the others of its batch', async () => {
    const file = await migratedFile();
    const writer = thread(file);
    const taken = aNewReport();
    await writer.submit(rowsOf(taken, '<mail-1@example.org>'));
    const before = aNewReport();
    const clash = aNewReport();
    const after = aNewReport();

    const results = await Promise.allSettled([writer.submit(rowsOf(before)), writer.submit(rowsOf(clash, '<mail-1@example.org>')), writer.submit(rowsOf(after))]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const reason = (results[1] as PromiseRejectedResult).reason as IntakeWriteError;
    expect(reason).toBeInstanceOf(IntakeWriteError);
    expect(reason.code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    expect(onDisk(file).reports).toEqual([after.id, before.id, taken.id].sort());
    expect(onDisk(file).events).not.toContain(clash.id);
    expect(onDisk(file).jobs).not.toContain(`file-report:${clash.id}`);
  });

  it('refuses a second report with the same GHSA id by its unique index', async () => {
    const file = await migratedFile();
    const writer = thread(file);
    const advisory = { ghsaId: 'GHSA-aaaa-bbbb-cccc', url: 'https://github.com/acme/app/security/advisories/GHSA-aaaa-bbbb-cccc', repo: 'acme/app' };
    await writer.submit(rowsOf(aNewReport({ advisory })));

    const second = writer.submit(rowsOf(aNewReport({ advisory })));

    await expect(second).rejects.toMatchObject({ name: 'SqliteError', code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(onDisk(file).reports).toHaveLength(1);
  });

  it('rejects every report the worker held when it dies, then starts a new worker that commits', async () => {
    const file = await migratedFile();
    const writer = thread(file, CRASHING_WORKER);
    const accepted = aNewReport();
    await writer.submit(rowsOf(accepted));
    const bystander = aNewReport();

    const lost = await Promise.allSettled([writer.submit(rowsOf(bystander)), writer.submit(rowsOf(aNewReport({ id: CRASHING_REPORT_ID })))]);
    const next = aNewReport();
    await writer.submit(rowsOf(next));

    expect(lost.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    for (const result of lost) expect((result as PromiseRejectedResult).reason).toBeInstanceOf(IntakeWriterLostError);
    expect(onDisk(file).reports).toEqual([accepted.id, next.id].sort());
  });

  it('rejects with the writer lost when the worker cannot open the file', async () => {
    const missing = path.join(tmpdir(), 'dd-no-such-dir', 'nested', 'disclosure-desk.sqlite');

    const attempt = thread(missing).submit(rowsOf(aNewReport()));

    await expect(attempt).rejects.toBeInstanceOf(IntakeWriterLostError);
  });

  it('holds reports beyond the in-flight bound back until earlier ones are answered, then commits them all', async () => {
    const file = await migratedFile();
    const writer = thread(file, undefined, 8 * 1024);
    const large = aNewReport({ payload: 'x'.repeat(20 * 1024) });
    const reports = [...Array.from({ length: 40 }, () => aNewReport()), large];

    const results = await Promise.allSettled(reports.map((report) => writer.submit(rowsOf(report))));

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(41);
    expect(onDisk(file).reports).toHaveLength(41);
  });

  it('lets every submitted report commit before it closes, and starts again after', async () => {
    const file = await migratedFile();
    const writer = thread(file);
    const reports = Array.from({ length: 300 }, () => aNewReport());
    const settled: string[] = [];
    const submitted = reports.map((report) => writer.submit(rowsOf(report)).then(() => settled.push(report.id)));

    await writer.close();
    const afterClose = aNewReport();
    await writer.submit(rowsOf(afterClose));
    await Promise.all(submitted);

    expect(settled).toHaveLength(300);
    expect(onDisk(file).reports).toHaveLength(301);
  });
});

describe('the SQLite store with its intake thread', () => {
  it('keeps every accepted report across a close and a reopen of the file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dd-intake-store-'));
    dirs.push(dir);
    const store = await openStore({ dataDir: dir });
    const reports = Array.from({ length: 50 }, () => aNewReport());

    await Promise.all(reports.map((report) => store.acceptReport(report)));
    await store.close();
    const reopened = await openStore({ dataDir: dir });
    const count = await reopened.countReports();
    const first = await reopened.getReport(reports[0]?.id ?? '');
    await reopened.close();

    expect(count).toBe(50);
    expect(first?.payload).toBe(reports[0]?.payload);
  });
});
