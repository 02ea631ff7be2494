import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/migrations.js';
import type { Database } from '../../src/store/schema.js';
import type { NewReport, Store } from '../../src/store/store.js';
import type { FilingFacts, SlaDueReport, TriageFields, TriageRecord } from '../../src/store/triage-records.js';
import { describeEachBackend, postgresUrl } from '../helpers/stores.js';
import type { StoreBackend, TestDatabase } from '../helpers/stores.js';
import { T0, aNewReport, later } from './new-report.js';
import { DAY, aFilingFacts, aTriageChange, anIssueUpdateJob, fieldsOf } from './new-triage.js';

/** Accepts a report and files it as issue `number` of `facts.repo`; returns the report. */
async function fileReport(
  store: Store,
  options: { report?: Partial<NewReport>; number?: number; facts?: Partial<FilingFacts>; filedAt?: Date } = {},
): Promise<NewReport> {
  const report = aNewReport(options.report);
  const facts = aFilingFacts(options.facts);
  const number = options.number ?? 42;
  await store.acceptReport(report);
  await store.markFiled(report.id, { number, url: `https://github.com/${report.org}/${facts.repo}/issues/${number}` }, options.filedAt ?? later(T0, 60_000), facts);
  return report;
}

/** The triage of a filed report; fails the test when there is none. */
async function triageOf(store: Store, reportId: string): Promise<TriageRecord> {
  const triage = await store.getTriage(reportId);
  if (triage === null) throw new Error(`no triage for ${reportId}`);
  return triage;
}

/** What listSlaDue reads of a report (no contact details): these fields of its triage, exactly. */
function slaDueOf(triage: TriageRecord | null): SlaDueReport | null {
  if (triage === null) return null;
  const { reportId, org, repo, issueNumber, status, sla, remindLeadMs, overdueTeam, timeZone, trackingLanguage, nextCheckAt } = triage;
  return { reportId, org, repo, issueNumber, status, sla, remindLeadMs, overdueTeam, timeZone, trackingLanguage, nextCheckAt };
}

/** Sets fields of a filed report through saveTriage. */
async function changeTriage(store: Store, reportId: string, change: (fields: TriageFields) => Partial<TriageFields>): Promise<void> {
  const triage = await triageOf(store, reportId);
  const result = await store.saveTriage(aTriageChange(triage, { fields: { ...fieldsOf(triage), ...change(fieldsOf(triage)) } }));
  expect(result).toBe('saved');
}

/**
 * Migrates `database` to 0001_initial only, as a store released before triage left it, and
 * returns a connection to it. The caller destroys it.
 */
async function openAtInitialSchema(backend: StoreBackend, database: TestDatabase): Promise<Kysely<Database>> {
  let db: Kysely<Database>;
  if (backend.name === 'sqlite') {
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(join(database.location, 'disclosure-desk.sqlite')) }) });
  } else {
    const pool = new pg.Pool({ connectionString: postgresUrl, options: `-c search_path=${database.location}` });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await sql`create schema if not exists ${sql.id(database.location)}`.execute(db);
  }
  const initial = migrations(backend.name)['0001_initial'];
  if (initial === undefined) throw new Error('migration 0001_initial is missing');
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ '0001_initial': initial }) },
    ...(backend.name === 'postgres' ? { migrationTableSchema: database.location } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error;
  return db;
}

/** Resolves `promise` and a function that resolves it: a step the test controls. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describeEachBackend('the triage store', (backend) => {
  let store: Store;
  const open = async () => {
    store = await backend.open();
    return store;
  };

  describe('getTriage', () => {
    it('has no triage for a report that is not filed yet', async () => {
      await open();
      const report = aNewReport();
      await store.acceptReport(report);

      const triage = await store.getTriage(report.id);

      expect(triage).toBeNull();
      expect(await store.getTriage('DD-NOPE')).toBeNull();
    });

    it('starts a filed report as new at version 0 with the filing facts and the report deadlines', async () => {
      await open();
      const report = aNewReport({ language: 'en' });
      const facts = aFilingFacts();
      await store.acceptReport(report);

      await store.markFiled(report.id, { number: 42, url: 'https://github.com/acme/security/issues/42' }, later(T0, 60_000), facts);

      expect(await store.getTriage(report.id)).toEqual({
        reportId: report.id,
        org: 'acme',
        language: 'en',
        repo: 'security',
        issueNumber: 42,
        issueUrl: 'https://github.com/acme/security/issues/42',
        status: 'new',
        severity: 'high',
        cvssVector: facts.cvssVector,
        sla: {
          receivedAt: report.receivedAt,
          receiptDue: report.receiptDue,
          assessmentDue: report.assessmentDue,
          resolutionDue: facts.resolutionDue,
          receiptMetAt: null,
          assessmentMetAt: null,
          resolutionMetAt: null,
          pausedAt: null,
          pausedCalendarDays: 0,
        },
        fixBy: null,
        acceptedRepository: null,
        closedAt: null,
        assetKeys: ['domain:acme.example', 'repo:acme/web'],
        fingerprint: ['a1b2c3', 'd4e5f6'],
        remindLeadMs: 4 * 3_600_000,
        overdueTeam: 'sec-team',
        timeZone: 'Europe/Amsterdam',
        trackingLanguage: 'nl',
        nextCheckAt: facts.nextCheckAt,
        researcher: facts.researcher,
        ghsaId: null,
        advisoryRepo: null,
        advisoryUrl: null,
        cweIds: [],
        packages: [],
        reward: null,
        disclosure: null,
        version: 0,
      } satisfies TriageRecord);
    });

    it('keeps empty asset and fingerprint lists empty and null facts null', async () => {
      await open();
      const report = await fileReport(store, {
        facts: { assetKeys: [], fingerprint: [], overdueTeam: null, nextCheckAt: null, severity: null, cvssVector: null, resolutionDue: null },
      });

      const triage = await triageOf(store, report.id);

      expect(triage).toMatchObject({ assetKeys: [], fingerprint: [], overdueTeam: null, nextCheckAt: null, severity: null, cvssVector: null });
      expect(triage.sla.resolutionDue).toBeNull();
    });

    it('reads a report filed without facts with defaults and the repository from its issue URL', async () => {
      await open();
      const report = aNewReport();
      await store.acceptReport(report);

      await store.markFiled(report.id, { number: 7, url: 'https://github.com/acme/bounty/issues/7' }, T0);

      expect(await store.getTriage(report.id)).toMatchObject({
        repo: 'bounty',
        status: 'new',
        version: 0,
        assetKeys: [],
        fingerprint: [],
        remindLeadMs: 0,
        timeZone: 'UTC',
        trackingLanguage: 'en',
        nextCheckAt: null,
      });
    });
  });

  describe('findTriageByIssue', () => {
    it('finds a report by org, repository in any case and issue number', async () => {
      await open();
      const inSecurity = await fileReport(store, { number: 42, facts: { repo: 'Security' } });
      const inBounty = await fileReport(store, { number: 42, facts: { repo: 'bounty' } });

      const found = [
        await store.findTriageByIssue('acme', 'security', 42),
        await store.findTriageByIssue('acme', 'SECURITY', 42),
        await store.findTriageByIssue('acme', 'Bounty', 42),
      ];

      expect(found.map((t) => t?.reportId)).toEqual([inSecurity.id, inSecurity.id, inBounty.id]);
    });

    it.each([
      ['another org', 'globex', 'security', 42],
      ['another repository', 'acme', 'other', 42],
      ['another number', 'acme', 'security', 43],
    ])('finds nothing for %s', async (_name, org, repo, number) => {
      await open();
      await fileReport(store, { number: 42, facts: { repo: 'security' } });

      const found = await store.findTriageByIssue(org, repo, number);

      expect(found).toBeNull();
    });
  });

  describe('saveTriage', () => {
    it('saves every field, the events, messages and jobs together and bumps the version', async () => {
      await open();
      const report = await fileReport(store);
      const before = await triageOf(store, report.id);
      const eventsBefore = await store.listEvents(report.id);
      const fields: TriageFields = {
        status: 'accepted',
        severity: 'critical',
        cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
        sla: {
          receivedAt: report.receivedAt,
          receiptDue: later(T0, 3 * DAY),
          assessmentDue: later(T0, 12 * DAY),
          resolutionDue: later(T0, 20 * DAY),
          receiptMetAt: later(T0, DAY),
          assessmentMetAt: later(T0, 2 * DAY),
          resolutionMetAt: later(T0, 4 * DAY),
          pausedAt: later(T0, 5 * DAY),
          pausedCalendarDays: 3,
        },
        fixBy: '2025-04-30',
        acceptedRepository: 'acme/web',
        closedAt: later(T0, 6 * DAY),
        nextCheckAt: later(T0, 7 * DAY),
        cweIds: ['CWE-79', 'CWE-89'],
        packages: [{ ecosystem: 'npm', name: 'acme-web', vulnerableRange: '< 2.1.0', patchedVersions: '2.1.0' }],
        reward: { amount: 1500, currency: 'EUR', note: 'clear report' },
      };
      const events = [
        { reportId: report.id, type: 'triaged', at: later(T0, DAY), data: { by: 'alice' } },
        { reportId: report.id, type: 'accepted', at: later(T0, 2 * DAY) },
      ];
      const messages = [
        { reportId: report.id, kind: 'assessment', body: 'second', at: later(T0, 2 * DAY) },
        { reportId: report.id, kind: 'needs-info', body: 'first', at: later(T0, DAY) },
        { reportId: report.id, kind: 'assessment', body: 'third', at: later(T0, 2 * DAY) },
      ];
      const jobs = [anIssueUpdateJob({ key: 'triage:a' }), anIssueUpdateJob({ key: 'triage:b', payload: '{"b":true}' })];

      const result = await store.saveTriage(aTriageChange(before, { fields, events, messages, jobs }));

      expect(result).toBe('saved');
      expect(await store.getTriage(report.id)).toEqual({ ...before, ...fields, version: 1 });
      expect(await store.listEvents(report.id)).toEqual([...eventsBefore, ...events]);
      expect(await store.listMessages(report.id)).toEqual([messages[1], messages[0], messages[2]]);
      expect(await store.getJob('triage:a')).toMatchObject({ kind: 'issue-update', org: 'acme', payload: '{"comment":null}', state: 'pending', attempts: 0 });
      expect(await store.getJob('triage:b')).toMatchObject({ payload: '{"b":true}', state: 'pending' });
    });

    it('clears fields it sets to null', async () => {
      await open();
      const report = await fileReport(store);
      await changeTriage(store, report.id, (f) => ({ fixBy: '2025-05-01', closedAt: T0, sla: { ...f.sla, pausedAt: T0 } }));
      const filled = await triageOf(store, report.id);

      await changeTriage(store, report.id, (f) => ({ severity: null, cvssVector: null, fixBy: null, closedAt: null, nextCheckAt: null, sla: { ...f.sla, pausedAt: null, resolutionDue: null } }));

      expect(await store.getTriage(report.id)).toMatchObject({
        severity: null,
        cvssVector: null,
        fixBy: null,
        closedAt: null,
        nextCheckAt: null,
        sla: { ...filled.sla, pausedAt: null, resolutionDue: null },
        version: 2,
      });
    });

    it('applies a change only once when its first job key was already saved (a redelivered webhook)', async () => {
      await open();
      const report = await fileReport(store);
      const before = await triageOf(store, report.id);
      const first = aTriageChange(before, {
        fields: { ...fieldsOf(before), status: 'triaged' },
        events: [{ reportId: report.id, type: 'triaged', at: later(T0, DAY) }],
        messages: [{ reportId: report.id, kind: 'triaged', body: 'once', at: later(T0, DAY) }],
        jobs: [anIssueUpdateJob({ key: 'delivery-1' })],
      });
      await store.saveTriage(first);
      const saved = await triageOf(store, report.id);
      const events = await store.listEvents(report.id);

      const again = await store.saveTriage(
        aTriageChange(saved, {
          fields: { ...fieldsOf(saved), status: 'rejected' },
          events: [{ reportId: report.id, type: 'rejected', at: later(T0, 2 * DAY) }],
          messages: [{ reportId: report.id, kind: 'rejected', body: 'twice', at: later(T0, 2 * DAY) }],
          jobs: [anIssueUpdateJob({ key: 'delivery-1', payload: '{"again":true}' }), anIssueUpdateJob({ key: 'delivery-1:more' })],
        }),
      );

      expect(again).toBe('duplicate');
      expect(await store.getTriage(report.id)).toEqual(saved);
      expect(saved).toMatchObject({ status: 'triaged', version: 1 });
      expect(await store.listEvents(report.id)).toEqual(events);
      expect((await store.listMessages(report.id)).map((m) => m.body)).toEqual(['once']);
      expect((await store.getJob('delivery-1'))?.payload).toBe('{"comment":null}');
      expect(await store.getJob('delivery-1:more')).toBeNull();
    });

    it('writes nothing on a stale version and leaves the job key free for the retry', async () => {
      await open();
      const report = await fileReport(store);
      const stale = await triageOf(store, report.id);
      await changeTriage(store, report.id, () => ({ status: 'triaged' }));
      const current = await triageOf(store, report.id);
      const events = await store.listEvents(report.id);
      const change = (triage: TriageRecord) =>
        aTriageChange(triage, {
          fields: { ...fieldsOf(triage), status: 'accepted', acceptedRepository: 'acme/web' },
          events: [{ reportId: report.id, type: 'accepted', at: later(T0, DAY) }],
          messages: [{ reportId: report.id, kind: 'accepted', body: 'accepted', at: later(T0, DAY) }],
          jobs: [anIssueUpdateJob({ key: 'delivery-2' }), anIssueUpdateJob({ key: 'delivery-2:more' })],
        });

      const conflict = await store.saveTriage(change(stale));

      expect(conflict).toBe('conflict');
      expect(await store.getTriage(report.id)).toEqual(current);
      expect(await store.listEvents(report.id)).toEqual(events);
      expect(await store.listMessages(report.id)).toEqual([]);
      expect(await store.getJob('delivery-2')).toBeNull();
      expect(await store.getJob('delivery-2:more')).toBeNull();

      const retry = await store.saveTriage(change(current));

      expect(retry).toBe('saved');
      expect(await store.getTriage(report.id)).toMatchObject({ status: 'accepted', acceptedRepository: 'acme/web', version: 2 });
      expect(await store.getJob('delivery-2')).not.toBeNull();
      expect(await store.getJob('delivery-2:more')).not.toBeNull();
      expect(await store.listMessages(report.id)).toHaveLength(1);
    });
  });

  describe('listDuplicateSources', () => {
    it('lists the org’s open reports and those closed since the cutoff, nothing else', async () => {
      await open();
      const cutoff = later(T0, 10 * DAY);
      const openReport = await fileReport(store, { number: 1, facts: { assetKeys: ['domain:a.example'], fingerprint: ['h1', 'h2'] } });
      const closedAtCutoff = await fileReport(store, { number: 2 });
      await changeTriage(store, closedAtCutoff.id, () => ({ status: 'resolved', closedAt: cutoff }));
      const closedBefore = await fileReport(store, { number: 3 });
      await changeTriage(store, closedBefore.id, () => ({ status: 'resolved', closedAt: later(cutoff, -1) }));
      await fileReport(store, { number: 4, report: { org: 'globex' } });
      await store.acceptReport(aNewReport());

      const sources = await store.listDuplicateSources('acme', cutoff);

      expect(sources.sort((a, b) => a.issueNumber - b.issueNumber)).toEqual([
        { reportId: openReport.id, issueNumber: 1, issueUrl: 'https://github.com/acme/security/issues/1', assetKeys: ['domain:a.example'], fingerprint: ['h1', 'h2'] },
        {
          reportId: closedAtCutoff.id,
          issueNumber: 2,
          issueUrl: 'https://github.com/acme/security/issues/2',
          assetKeys: ['domain:acme.example', 'repo:acme/web'],
          fingerprint: ['a1b2c3', 'd4e5f6'],
        },
      ]);
    });
  });

  describe('listSlaDue', () => {
    it('lists filed, open reports whose check is due, oldest check first, up to the limit', async () => {
      await open();
      const now = later(T0, 10 * DAY);
      const second = await fileReport(store, { number: 1, facts: { nextCheckAt: later(now, -1000) } });
      const first = await fileReport(store, { number: 2, facts: { nextCheckAt: later(now, -5000) } });
      const third = await fileReport(store, { number: 3, facts: { nextCheckAt: later(now, -500) } });
      await fileReport(store, { number: 4, facts: { nextCheckAt: later(now, 1) } });
      await fileReport(store, { number: 5, facts: { nextCheckAt: null } });
      // Last in check order, so the limit below does not depend on how closed reports are skipped.
      const closed = await fileReport(store, { number: 6, facts: { nextCheckAt: now } });
      await changeTriage(store, closed.id, () => ({ status: 'rejected', closedAt: now }));
      await store.acceptReport(aNewReport());

      const all = await store.listSlaDue(now, 10);
      const two = await store.listSlaDue(now, 2);

      expect(all.map((d) => d.triage.reportId)).toEqual([first.id, second.id, third.id]);
      expect(all.map((d) => d.sent)).toEqual([[], [], []]);
      expect(all[0]?.triage).toEqual(slaDueOf(await store.getTriage(first.id)));
      expect(two.map((d) => d.triage.reportId)).toEqual([first.id, second.id]);
    });

    // A sweep that read a report just before /reject closed it must not leave the closed
    // report with a due check: such reports would hold the first places within the limit,
    // and once a batch's worth existed, open reports would never be reminded again.
    it('gives no place within the limit to a report closed while the sweep was checking it', async () => {
      await open();
      const now = later(T0, 10 * DAY);
      const closing = await fileReport(store, { number: 1, facts: { nextCheckAt: later(now, -5000) } });
      const openReport = await fileReport(store, { number: 2, facts: { nextCheckAt: later(now, -1000) } });
      await store.listSlaDue(now, 10);
      await changeTriage(store, closing.id, () => ({ status: 'rejected', closedAt: now, nextCheckAt: null }));
      await store.recordNotices({ reportId: closing.id, notices: [], job: anIssueUpdateJob({ key: 'sla:stale' }), nextCheckAt: later(now, 60_000), at: now });
      await store.recordNotices({ reportId: openReport.id, notices: [], job: anIssueUpdateJob({ key: 'sla:open' }), nextCheckAt: later(now, 120_000), at: now });

      const due = await store.listSlaDue(later(now, DAY), 1);

      expect(due.map((d) => d.triage.reportId)).toEqual([openReport.id]);
    });

    it('returns the notices already sent per report', async () => {
      await open();
      const now = later(T0, 10 * DAY);
      const a = await fileReport(store, { number: 1, facts: { nextCheckAt: later(now, -2000) } });
      const b = await fileReport(store, { number: 2, facts: { nextCheckAt: later(now, -1000) } });
      await store.recordNotices({
        reportId: a.id,
        notices: [{ deadline: 'receipt', stage: 'reminder' }, { deadline: 'receipt', stage: 'overdue' }],
        job: anIssueUpdateJob({ key: `sla:${a.id}:receipt` }),
        nextCheckAt: later(now, -2000),
        at: later(T0, DAY),
      });
      await store.recordNotices({
        reportId: b.id,
        notices: [{ deadline: 'assessment', stage: 'reminder' }],
        job: anIssueUpdateJob({ key: `sla:${b.id}:assessment` }),
        nextCheckAt: later(now, -1000),
        at: later(T0, DAY),
      });

      const due = await store.listSlaDue(now, 10);

      expect(due.map((d) => [d.triage.reportId, [...d.sent].sort((x, y) => x.stage.localeCompare(y.stage))])).toEqual([
        [a.id, [{ deadline: 'receipt', stage: 'overdue' }, { deadline: 'receipt', stage: 'reminder' }]],
        [b.id, [{ deadline: 'assessment', stage: 'reminder' }]],
      ]);
    });
  });

  describe('recordNotices', () => {
    it('records a notice and its job once, and moves the next check', async () => {
      await open();
      const now = later(T0, 10 * DAY);
      const report = await fileReport(store, { facts: { nextCheckAt: later(now, -1000) } });
      const batch = {
        reportId: report.id,
        notices: [{ deadline: 'receipt' as const, stage: 'overdue' as const }],
        job: anIssueUpdateJob({ key: `sla:${report.id}:receipt-overdue`, payload: '{"first":true}' }),
        nextCheckAt: later(now, -500),
        at: now,
      };
      await store.recordNotices(batch);

      await store.recordNotices({ ...batch, job: { ...batch.job, payload: '{"second":true}' }, nextCheckAt: later(now, DAY) });

      expect(await store.listSlaDue(later(now, DAY), 10)).toEqual([
        { triage: slaDueOf(await store.getTriage(report.id)), sent: [{ deadline: 'receipt', stage: 'overdue' }] },
      ]);
      expect((await store.getJob(`sla:${report.id}:receipt-overdue`))?.payload).toBe('{"first":true}');
      expect((await store.getTriage(report.id))?.nextCheckAt).toEqual(later(now, DAY));
    });

    it('takes a report whose check moved past now off the due list', async () => {
      await open();
      const now = later(T0, 10 * DAY);
      const report = await fileReport(store, { facts: { nextCheckAt: later(now, -1000) } });

      await store.recordNotices({ reportId: report.id, notices: [], job: anIssueUpdateJob({ key: 'sla:none' }), nextCheckAt: later(now, 60_000), at: now });

      expect(await store.listSlaDue(now, 10)).toEqual([]);
      expect(await store.getJob('sla:none')).toBeNull();
      expect((await store.listSlaDue(later(now, 60_000), 10)).map((d) => d.triage.reportId)).toEqual([report.id]);
    });

    it('stops checking a report when the next check is null', async () => {
      await open();
      const now = later(T0, 10 * DAY);
      const report = await fileReport(store, { facts: { nextCheckAt: later(now, -1000) } });

      await store.recordNotices({ reportId: report.id, notices: [{ deadline: 'resolution', stage: 'overdue' }], job: anIssueUpdateJob({ key: 'sla:last' }), nextCheckAt: null, at: now });

      expect((await store.getTriage(report.id))?.nextCheckAt).toBeNull();
      expect(await store.listSlaDue(later(now, 365 * DAY), 10)).toEqual([]);
      expect(await store.getJob('sla:last')).not.toBeNull();
    });
  });

  describe('withSweepLock', () => {
    it('runs the function and returns its result', async () => {
      await open();

      const result = await store.withSweepLock(() => Promise.resolve('swept'));

      expect(result).toBe('swept');
    });

    it('releases the lock when the function throws', async () => {
      await open();

      const failed = store.withSweepLock(() => Promise.reject(new Error('sweep failed')));

      await expect(failed).rejects.toThrow('sweep failed');
      expect(await store.withSweepLock(() => Promise.resolve(1))).toBe(1);
    });

    if (backend.name === 'postgres') {
      it('lets only one of two instances on one database sweep at a time', async () => {
        const database = await backend.createDatabase();
        const a = await database.open();
        const b = await database.open();
        const entered = gate();
        const release = gate();
        const other = { ran: false };

        const holding = a.withSweepLock(async () => {
          entered.open();
          await release.promise;
          return 'a';
        });
        await entered.promise;
        const whileHeld = await b.withSweepLock(() => {
          other.ran = true;
          return Promise.resolve('b');
        });
        release.open();
        const first = await holding;
        const afterRelease = await b.withSweepLock(() => Promise.resolve('b'));

        expect(whileHeld).toBeNull();
        expect(other.ran).toBe(false);
        expect(first).toBe('a');
        expect(afterRelease).toBe('b');
        expect(await a.withSweepLock(() => Promise.resolve('a again'))).toBe('a again');
      });
    } else {
      it('runs concurrent sweeps of one instance (SQLite serves one instance)', async () => {
        await open();
        const release = gate();

        const holding = store.withSweepLock(async () => {
          await release.promise;
          return 'first';
        });
        const second = await store.withSweepLock(() => Promise.resolve('second'));
        release.open();

        expect(second).toBe('second');
        expect(await holding).toBe('first');
      });
    }
  });

  describe('messages', () => {
    it('lists only the messages of the report asked for', async () => {
      await open();
      const a = await fileReport(store, { number: 1 });
      const b = await fileReport(store, { number: 2 });
      const message = (reportId: string, body: string) => ({ reportId, kind: 'needs-info', body, at: later(T0, DAY) });
      await store.saveTriage(aTriageChange(await triageOf(store, a.id), { messages: [message(a.id, 'for a')] }));
      await store.saveTriage(aTriageChange(await triageOf(store, b.id), { messages: [message(b.id, 'for b')] }));

      const messages = await store.listMessages(a.id);

      expect(messages).toEqual([message(a.id, 'for a')]);
      expect(await store.listMessages('DD-NOPE')).toEqual([]);
    });
  });

  describe('listOrgEvents', () => {
    it('lists the events of the org’s reports in time order, received since a date when given', async () => {
      await open();
      const early = await fileReport(store, { number: 1, report: { receivedAt: T0 }, filedAt: later(T0, 2 * DAY) });
      const late = aNewReport({ receivedAt: later(T0, DAY) });
      await store.acceptReport(late);
      await fileReport(store, { number: 2, report: { org: 'globex', receivedAt: later(T0, DAY) } });

      const all = await store.listOrgEvents('acme');
      const since = await store.listOrgEvents('acme', later(T0, DAY));

      expect(all.map((e) => [e.reportId, e.type, e.at])).toEqual([
        [early.id, 'received', T0],
        [late.id, 'received', later(T0, DAY)],
        [early.id, 'filed', later(T0, 2 * DAY)],
      ]);
      expect(all[0]).toEqual((await store.listEvents(early.id))[0]);
      expect(since.map((e) => [e.reportId, e.type])).toEqual([[late.id, 'received']]);
      expect(await store.listOrgEvents('initech')).toEqual([]);
    });
  });

  describe('claimJob attempts', () => {
    it('counts an attempt when it reclaims a job whose lease expired, not on the first claim', async () => {
      await open();
      await store.enqueue(anIssueUpdateJob({ key: 'lease' }));

      const first = await store.claimJob(T0, 30_000);
      const reclaimed = await store.claimJob(later(T0, 30_000), 30_000);
      const again = await store.claimJob(later(T0, 60_001), 30_000);

      expect(first).toMatchObject({ key: 'lease', attempts: 0 });
      expect(reclaimed).toMatchObject({ key: 'lease', attempts: 1, lockedUntil: later(T0, 60_000) });
      expect(again).toMatchObject({ key: 'lease', attempts: 2 });
      expect(await store.getJob('lease')).toMatchObject({ attempts: 2 });
    });

    it('does not count the claim after a retry a second time', async () => {
      await open();
      await store.enqueue(anIssueUpdateJob({ key: 'retried' }));
      const job = await store.claimJob(T0, 30_000);
      await store.retryJob(job?.id ?? -1, later(T0, 1000), 'TransientError: 502');

      const next = await store.claimJob(later(T0, 1000), 30_000);

      expect(next).toMatchObject({ key: 'retried', attempts: 1 });
    });
  });

  describe('migration 0002', () => {
    it('reads a report filed before triage existed with triage defaults', async () => {
      const database = await backend.createDatabase();
      const initial = await openAtInitialSchema(backend, database);
      try {
        await initial
          .insertInto('reports')
          .values({
            id: 'DD-OLD-1',
            org: 'acme',
            channel: 'form',
            language: 'nl',
            status: 'filed',
            hold_reason: null,
            status_token_hash: 'old-hash',
            received_at: T0.getTime(),
            receipt_due: later(T0, 2 * DAY).getTime(),
            assessment_due: later(T0, 10 * DAY).getTime(),
            filed_at: later(T0, 60_000).getTime(),
            issue_number: 9,
            issue_url: 'https://github.com/acme/legacy-security/issues/9',
            create_started_at: null,
            payload: null,
            updated_at: T0.getTime(),
          })
          .execute();
      } finally {
        await initial.destroy();
      }

      const migrated = await database.open();

      expect(await migrated.getTriage('DD-OLD-1')).toEqual({
        reportId: 'DD-OLD-1',
        org: 'acme',
        language: 'nl',
        repo: 'legacy-security',
        issueNumber: 9,
        issueUrl: 'https://github.com/acme/legacy-security/issues/9',
        status: 'new',
        severity: null,
        cvssVector: null,
        sla: {
          receivedAt: T0,
          receiptDue: later(T0, 2 * DAY),
          assessmentDue: later(T0, 10 * DAY),
          resolutionDue: null,
          receiptMetAt: null,
          assessmentMetAt: null,
          resolutionMetAt: null,
          pausedAt: null,
          pausedCalendarDays: 0,
        },
        fixBy: null,
        acceptedRepository: null,
        closedAt: null,
        assetKeys: [],
        fingerprint: [],
        remindLeadMs: 0,
        overdueTeam: null,
        timeZone: 'UTC',
        trackingLanguage: 'en',
        nextCheckAt: null,
        researcher: null,
        ghsaId: null,
        advisoryRepo: null,
        advisoryUrl: null,
        cweIds: [],
        packages: [],
        reward: null,
        disclosure: null,
        version: 0,
      } satisfies TriageRecord);
      expect(await migrated.findTriageByIssue('acme', 'legacy-security', 9)).not.toBeNull();
    });
  });
});
