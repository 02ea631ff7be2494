import { type Insertable, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database, ReportsTable } from '../../src/store/schema.js';
import type { Store } from '../../src/store/store.js';
import type { TriageFields } from '../../src/store/triage-records.js';
import { describeEachBackend } from '../helpers/stores.js';
import { postgresRuns } from './encrypted-database.js';
import { databaseBefore, type OldDatabase } from './database-before.js';
import { T0, aNewReport, later } from './new-report.js';
import { DAY, aFilingFacts, aTriageChange, anIssueUpdateJob, fieldsOf } from './new-triage.js';

/*
 * Migration 0016_sla_checks moves what the sweep looks up by time into a narrow table and
 * fills it from the reports already filed: their SLA checks, and the silences a
 * keep-informed reminder may still be due for.
 */

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanups.splice(0).reverse()) await step();
});

const oldSqlite = (): Promise<OldDatabase> => databaseBefore('sqlite', '0016', cleanups);
const oldPostgres = (): Promise<OldDatabase> => databaseBefore('postgres', '0016', cleanups);

/** A report row as 0015 stored it: filed and open unless `overrides` say otherwise. */
async function plant(db: Kysely<Database>, id: string, overrides: Partial<Insertable<ReportsTable>> = {}): Promise<void> {
  await db
    .insertInto('reports')
    .values({
      id,
      org: 'Acme',
      channel: 'api',
      language: 'en',
      status: 'filed',
      hold_reason: null,
      status_token_hash: `hash-${id}`,
      received_at: T0.getTime(),
      receipt_due: later(T0, DAY).getTime(),
      assessment_due: later(T0, 5 * DAY).getTime(),
      filed_at: later(T0, 60_000).getTime(),
      issue_number: Number(id.replace(/\D/g, '')) || 1,
      issue_url: `https://github.com/acme/security/issues/${Number(id.replace(/\D/g, '')) || 1}`,
      create_started_at: null,
      payload: null,
      updated_at: T0.getTime(),
      issue_repo: 'security',
      triage_status: 'triaged',
      next_check_at: later(T0, 2 * DAY).getTime(),
      ...overrides,
    })
    .execute();
}

/** The sla_checks rows, by report. */
async function checks(db: Kysely<Database>): Promise<Record<string, { org: string; next: number | null; silentSince: number | null }>> {
  const rows = await db.selectFrom('sla_checks').selectAll().orderBy('report_id').execute();
  return Object.fromEntries(
    rows.map((row) => [row.report_id, { org: row.org, next: row.next_check_at === null ? null : Number(row.next_check_at), silentSince: row.silent_since === null ? null : Number(row.silent_since) }]),
  );
}

const cases = [
  { name: 'sqlite', runs: true, open: oldSqlite },
  { name: 'postgres', runs: postgresRuns, open: oldPostgres },
] as const;

for (const backend of cases) {
  (backend.runs ? describe : describe.skip)(`upgrading a store to 0016_sla_checks [${backend.name}]`, () => {
    it('fills one row per filed report: its check, and its silence while a keep-informed reminder may be due', async () => {
      const old = await backend.open();
      await plant(old.db, 'DD-1');
      await plant(old.db, 'DD-2');
      await old.db.insertInto('researcher_messages').values([
        { report_id: 'DD-2', kind: 'acknowledgement', body: 'x', at: later(T0, DAY).getTime() },
        { report_id: 'DD-2', kind: 'from-researcher', body: 'x', at: later(T0, 3 * DAY).getTime() },
      ]).execute();
      await plant(old.db, 'DD-3', { triage_status: 'resolved', closed_at: later(T0, DAY).getTime(), next_check_at: null });
      await plant(old.db, 'DD-4', { paused_at: later(T0, DAY).getTime() });
      await plant(old.db, 'DD-5');
      await old.db.insertInto('sweep_notices').values({ report_id: 'DD-5', key: `keep-informed:${T0.getTime()}`, at: later(T0, 20 * DAY).getTime() }).execute();
      await plant(old.db, 'DD-6', { status: 'queued', payload: '{}', filed_at: null, issue_number: null, issue_url: null, triage_status: undefined, next_check_at: null });

      await old.openStore();

      expect(await checks(old.db)).toEqual({
        'DD-1': { org: 'acme', next: later(T0, 2 * DAY).getTime(), silentSince: T0.getTime() },
        // The team's last message counts, the researcher's does not.
        'DD-2': { org: 'acme', next: later(T0, 2 * DAY).getTime(), silentSince: later(T0, DAY).getTime() },
        'DD-3': { org: 'acme', next: null, silentSince: null },
        'DD-4': { org: 'acme', next: later(T0, 2 * DAY).getTime(), silentSince: null },
        // Already reminded of this silence.
        'DD-5': { org: 'acme', next: later(T0, 2 * DAY).getTime(), silentSince: null },
      });
    });

    it('sweeps the upgraded reports from the new table', async () => {
      const old = await backend.open();
      await plant(old.db, 'DD-1');
      await plant(old.db, 'DD-2', { next_check_at: later(T0, 9 * DAY).getTime() });

      const store = await old.openStore();
      const due = await store.listSlaDue(later(T0, 3 * DAY), 10);
      const silent = await store.listSilentReports('acme', later(T0, 3 * DAY), 10);

      expect(due.map(({ triage }) => [triage.reportId, triage.nextCheckAt])).toEqual([['DD-1', later(T0, 2 * DAY)]]);
      expect(silent.map((report) => [report.reportId, report.lastContactAt])).toEqual([
        ['DD-1', T0],
        ['DD-2', T0],
      ]);
      expect((await store.getTriage('DD-2'))?.nextCheckAt).toEqual(later(T0, 9 * DAY));
    });
  });
}

describeEachBackend('the sweep’s narrow checks', (backend) => {
  async function filed(store: Store, org = 'acme'): Promise<string> {
    const report = aNewReport({ org });
    await store.acceptReport(report);
    await store.markFiled(report.id, { number: 7, url: `https://github.com/${org}/security/issues/7` }, later(T0, 60_000), aFilingFacts({ nextCheckAt: later(T0, DAY) }));
    return report.id;
  }

  async function change(store: Store, reportId: string, fields: Partial<TriageFields>, messages: Array<{ kind: string; at: Date }> = []): Promise<void> {
    const triage = await store.getTriage(reportId);
    if (triage === null) throw new Error(`no triage for ${reportId}`);
    const saved = await store.saveTriage(aTriageChange(triage, { fields: { ...fieldsOf(triage), ...fields }, messages: messages.map((m) => ({ reportId, kind: m.kind, body: 'text', at: m.at })) }));
    expect(saved).toBe('saved');
  }

  const silentIds = async (store: Store, before: Date) => (await store.listSilentReports('acme', before, 100)).map((r) => [r.reportId, r.lastContactAt]);

  it('counts a silence from the receipt, then from the team’s last message, never the researcher’s', async () => {
    const store = await backend.open();
    const id = await filed(store);

    const fromReceipt = await silentIds(store, later(T0, 3 * DAY));
    await change(store, id, {}, [{ kind: 'update', at: later(T0, 2 * DAY) }, { kind: 'from-researcher', at: later(T0, 4 * DAY) }]);

    expect(fromReceipt).toEqual([[id, T0]]);
    expect(await silentIds(store, later(T0, 3 * DAY))).toEqual([[id, later(T0, 2 * DAY)]]);
    expect(await silentIds(store, later(T0, DAY))).toEqual([]);
  });

  it('drops a silence once reminded of, and lists the next one after a new message', async () => {
    const store = await backend.open();
    const id = await filed(store);
    const job = anIssueUpdateJob({ key: `remind:${id}:silence` });

    const recorded = await store.recordReminders([
      { reportId: id, notice: { key: `keep-informed:${T0.getTime()}`, job }, at: later(T0, 5 * DAY) },
      { reportId: id, notice: { key: `keep-informed:${T0.getTime()}`, job }, at: later(T0, 5 * DAY) },
    ]);
    const afterReminder = await silentIds(store, later(T0, 30 * DAY));
    await change(store, id, {}, [{ kind: 'update', at: later(T0, 6 * DAY) }]);

    expect(recorded).toBe(1);
    expect(afterReminder).toEqual([]);
    expect(await silentIds(store, later(T0, 30 * DAY))).toEqual([[id, later(T0, 6 * DAY)]]);
  });

  it('lists no silence while a report is closed or paused, and the same one again once it reopens', async () => {
    const store = await backend.open();
    const id = await filed(store);
    const triage = await store.getTriage(id);
    const sla = triage?.sla ?? expect.unreachable();

    await change(store, id, { status: 'resolved', closedAt: later(T0, DAY), nextCheckAt: null });
    const closed = await silentIds(store, later(T0, 30 * DAY));
    await change(store, id, { status: 'triaged', closedAt: null, sla: { ...sla, pausedAt: later(T0, 2 * DAY) } });
    const paused = await silentIds(store, later(T0, 30 * DAY));
    await change(store, id, { sla: { ...sla, pausedAt: null } });

    expect([closed, paused]).toEqual([[], []]);
    expect(await silentIds(store, later(T0, 30 * DAY))).toEqual([[id, T0]]);
  });

  it('moves a check in the narrow table, which the triage record then reads', async () => {
    const store = await backend.open();
    const id = await filed(store);
    const [due] = await store.listSlaDue(later(T0, 2 * DAY), 10);

    await store.recordNotices({ reportId: id, notices: [], job: anIssueUpdateJob({ key: `sla:${id}` }), nextCheckAt: later(T0, 9 * DAY), at: later(T0, 2 * DAY) });

    expect(due?.triage.nextCheckAt).toEqual(later(T0, DAY));
    expect((await store.getTriage(id))?.nextCheckAt).toEqual(later(T0, 9 * DAY));
    expect(await store.listSlaDue(later(T0, 2 * DAY), 10)).toEqual([]);
  });

  it('lists every kept config by lower-case organisation', async () => {
    const store = await backend.open();
    await store.rememberValidConfig('Acme', '{"sla":{}}', T0);
    await store.rememberValidConfig('beta', '{}', T0);

    expect(await store.listKeptConfigs()).toEqual([
      { org: 'acme', config: '{"sla":{}}' },
      { org: 'beta', config: '{}' },
    ]);
  });
});
