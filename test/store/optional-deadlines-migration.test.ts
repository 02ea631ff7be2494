import { type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDeadlinesOptional } from '../../src/store/optional-deadlines.js';
import type { Database } from '../../src/store/schema.js';
import { postgresRuns } from './encrypted-database.js';
import { databaseBefore, type OldDatabase } from './database-before.js';
import { T0, aNewReport, later } from './new-report.js';

/*
 * Migration 0013_optional_deadlines makes reports.receipt_due and reports.assessment_due
 * nullable (config `sla.promises`). SQLite cannot drop NOT NULL, so it rebuilds the table:
 * every column, index and row must survive that.
 */

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanups.splice(0).reverse()) await step();
});

const oldSqlite = (): Promise<OldDatabase> => databaseBefore('sqlite', '0013', cleanups);
const oldPostgres = (): Promise<OldDatabase> => databaseBefore('postgres', '0013', cleanups);

/** A filed report as 0012 stored it, with triage columns set, and a queued one. */
async function plantOldReports(db: Kysely<Database>): Promise<void> {
  const base = {
    org: 'acme',
    channel: 'api' as const,
    language: 'en' as const,
    hold_reason: null,
    received_at: T0.getTime(),
    receipt_due: later(T0, 86_400_000).getTime(),
    assessment_due: later(T0, 5 * 86_400_000).getTime(),
    create_started_at: null,
    updated_at: T0.getTime(),
  };
  // One row per statement: SQLite has no DEFAULT inside a multi-row VALUES.
  await db
    .insertInto('reports')
    .values({ ...base, id: 'DD-OLD-QUEUED', status: 'queued', status_token_hash: 'hash-queued', filed_at: null, issue_number: null, issue_url: null, payload: '{"title":"queued"}' })
    .execute();
  await db
    .insertInto('reports')
    .values(
      {
        ...base,
        id: 'DD-OLD-FILED',
        status: 'filed',
        status_token_hash: 'hash-filed',
        filed_at: later(T0, 60_000).getTime(),
        issue_number: 7,
        issue_url: 'https://github.com/acme/security-reports/issues/7',
        payload: null,
        issue_repo: 'security-reports',
        triage_status: 'triaged',
        severity: 'high',
        resolution_due: later(T0, 60 * 86_400_000).getTime(),
        receipt_met_at: later(T0, 3_600_000).getTime(),
        paused_calendar_days: 2,
        next_check_at: later(T0, 4 * 86_400_000).getTime(),
        ghsa_id: 'GHSA-aaaa-bbbb-cccc',
        retention_days: 90,
      },
    )
    .execute();
}

const cases = [
  { name: 'sqlite', runs: true, open: oldSqlite },
  { name: 'postgres', runs: postgresRuns, open: oldPostgres },
] as const;

for (const backend of cases) {
  (backend.runs ? describe : describe.skip)(`upgrading a store to 0013_optional_deadlines [${backend.name}]`, () => {
    it('keeps every row and column value of the reports table', async () => {
      const old = await backend.open();
      await plantOldReports(old.db);
      const before = await old.db.selectFrom('reports').selectAll().orderBy('id').execute();

      await old.openStore();
      const after = await old.db.selectFrom('reports').selectAll().orderBy('id').execute();

      expect(after).toHaveLength(2);
      // Columns that later migrations add are new; every column that was there keeps its value.
      after.forEach((row, i) => expect(row).toMatchObject(before[i] ?? {}));
    });

    it('keeps every index of the reports table, unique ones still unique', async () => {
      const old = await backend.open();
      await plantOldReports(old.db);
      const before = await old.indexes();

      await old.openStore();
      const after = await old.indexes();
      const duplicateGhsa = old.db
        .insertInto('reports')
        .values({ id: 'DD-DUP', org: 'acme', channel: 'api', language: 'en', status: 'queued', hold_reason: null, status_token_hash: 'hash-dup', received_at: 0, receipt_due: null, assessment_due: null, filed_at: null, issue_number: null, issue_url: null, create_started_at: null, payload: null, updated_at: 0, ghsa_id: 'GHSA-aaaa-bbbb-cccc' })
        .execute();

      expect(before).toEqual(expect.arrayContaining(['reports_org_idx', 'reports_next_check_idx', 'reports_issue_idx', 'reports_ghsa_idx']));
      // Migration 0017 drops three indexes no query uses any more; 0013 keeps every other one.
      const droppedLater = ['reports_org_idx', 'reports_next_check_idx', 'outbox_due_idx'];
      expect(after).toEqual(expect.arrayContaining(before.filter((name) => !droppedLater.includes(name))));
      expect(after).not.toContain('reports_org_idx');
      expect(after).not.toContain('reports_next_check_idx');
      await expect(duplicateGhsa).rejects.toThrow();
    });

    it('accepts a report without receipt and assessment deadlines afterwards, and reads it back as null', async () => {
      const old = await backend.open();
      await plantOldReports(old.db);

      const store = await old.openStore();
      const report = aNewReport({ receiptDue: null, assessmentDue: null, promises: ['resolution'] });
      await store.acceptReport(report);
      const read = await store.getReport(report.id);
      const kept = await store.getReport('DD-OLD-QUEUED');

      expect(read).toMatchObject({ receiptDue: null, assessmentDue: null });
      expect(kept?.receiptDue).toEqual(later(T0, 86_400_000));
      expect((await store.listEvents(report.id)).find((event) => event.type === 'received')?.data).toMatchObject({ receiptDue: null, assessmentDue: null, promises: 'resolution' });
    });

    it('changes nothing when run again, as after a crash before Kysely recorded it', async () => {
      const old = await backend.open();
      await plantOldReports(old.db);
      await old.openStore();
      const before = await old.db.selectFrom('reports').selectAll().orderBy('id').execute();
      const indexes = await old.indexes();

      await makeDeadlinesOptional(old.db, backend.name);

      expect(await old.db.selectFrom('reports').selectAll().orderBy('id').execute()).toEqual(before);
      expect(await old.indexes()).toEqual(indexes);
    });

    it('refused NULL before the migration', async () => {
      const old = await backend.open();

      const insert = old.db
        .insertInto('reports')
        .values({ id: 'DD-NULL', org: 'acme', channel: 'api', language: 'en', status: 'queued', hold_reason: null, status_token_hash: 'hash-null', received_at: 0, receipt_due: null, assessment_due: null, filed_at: null, issue_number: null, issue_url: null, create_started_at: null, payload: null, updated_at: 0 })
        .execute();

      await expect(insert).rejects.toThrow(/not.null/i);
    });
  });
}
