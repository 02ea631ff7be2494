import { describe, expect, it } from 'vitest';
import { ReportNotFoundError } from '../../src/store/report-not-found-error.js';
import type { NewJob, NewReport, Store } from '../../src/store/store.js';
import { describeEachBackend } from '../helpers/stores.js';
import { T0, aNewReport, later } from './new-report.js';

function aJob(overrides: Partial<NewJob> = {}): NewJob {
  return { key: 'job-1', kind: 'file-report', org: 'acme', payload: '{"reportId":"x"}', runAfter: T0, ...overrides };
}

describeEachBackend('the store', (backend) => {
  let store: Store;
  const open = async () => {
    store = await backend.open();
    return store;
  };

  describe('reports', () => {
    it('accepts a report as queued and reads it back by id and by token hash', async () => {
      await open();
      const report = aNewReport({ channel: 'api', language: 'nl' });

      await store.acceptReport(report);

      const expected = {
        id: report.id,
        org: 'acme',
        channel: 'api',
        language: 'nl',
        status: 'queued',
        statusTokenHash: report.statusTokenHash,
        holdReason: null,
        receivedAt: report.receivedAt,
        receiptDue: report.receiptDue,
        assessmentDue: report.assessmentDue,
        filedAt: null,
        issueNumber: null,
        issueUrl: null,
        createStartedAt: null,
        payload: report.payload,
      };
      expect(await store.getReport(report.id)).toEqual(expected);
      expect(await store.findReportByTokenHash(report.statusTokenHash)).toEqual(expected);
      expect((await store.getReport(report.id))?.receivedAt).toBeInstanceOf(Date);
    });

    it('commits a received event and a file-report job with the report', async () => {
      await open();
      const report = aNewReport();

      await store.acceptReport(report);

      expect(await store.listEvents(report.id)).toEqual([
        {
          reportId: report.id,
          type: 'received',
          at: T0,
          data: { channel: 'form', receiptDue: report.receiptDue?.getTime(), assessmentDue: report.assessmentDue?.getTime() },
        },
      ]);
      expect(await store.getJob(`file-report:${report.id}`)).toMatchObject({
        key: `file-report:${report.id}`,
        kind: 'file-report',
        org: 'acme',
        payload: JSON.stringify({ reportId: report.id }),
        runAfter: T0,
        state: 'pending',
        attempts: 0,
        lastError: null,
        lockedUntil: null,
      });
    });

    it('returns null for an unknown id or token hash', async () => {
      await open();

      const byId = await store.getReport('DD-NOPE');
      const byHash = await store.findReportByTokenHash('nope');

      expect(byId).toBeNull();
      expect(byHash).toBeNull();
    });

    it('rejects a second report with the same id and keeps the first', async () => {
      await open();
      const first = aNewReport();
      await store.acceptReport(first);

      const second = store.acceptReport(aNewReport({ id: first.id, payload: '{"title":"other"}' }));

      await expect(second).rejects.toThrow();
      expect((await store.getReport(first.id))?.payload).toBe(first.payload);
      expect(await store.countReports()).toBe(1);
    });

    it('rejects a second report with the same status token hash and commits none of its rows', async () => {
      await open();
      const first = aNewReport();
      await store.acceptReport(first);
      const clash = aNewReport({ statusTokenHash: first.statusTokenHash });

      const second = store.acceptReport(clash);

      await expect(second).rejects.toThrow();
      expect(await store.getReport(clash.id)).toBeNull();
      expect(await store.listEvents(clash.id)).toEqual([]);
      expect(await store.getJob(`file-report:${clash.id}`)).toBeNull();
    });

    it('holds a report with a reason and queues it again when released', async () => {
      await open();
      const report = aNewReport();
      await store.acceptReport(report);

      await store.markHeld(report.id, 'the tracking repository is public', later(T0, 1000));
      const held = await store.getReport(report.id);
      await store.markQueued(report.id, later(T0, 2000));
      const released = await store.getReport(report.id);

      expect(held).toMatchObject({ status: 'held', holdReason: 'the tracking repository is public' });
      expect(released).toMatchObject({ status: 'queued', holdReason: null, payload: report.payload });
    });

    it('updates the reason when a held report is held again for another reason', async () => {
      await open();
      const report = aNewReport();
      await store.acceptReport(report);
      await store.markHeld(report.id, 'first reason', T0);

      await store.markHeld(report.id, 'second reason', later(T0, 1000));

      expect(await store.getReport(report.id)).toMatchObject({ status: 'held', holdReason: 'second reason' });
    });

    it('files a report: sets the issue, deletes the payload and records a filed event', async () => {
      await open();
      const report = aNewReport();
      await store.acceptReport(report);
      await store.markHeld(report.id, 'waiting', T0);
      const filedAt = later(T0, 60_000);

      await store.markFiled(report.id, { number: 42, url: 'https://github.com/acme/security/issues/42' }, filedAt);

      expect(await store.getReport(report.id)).toMatchObject({
        status: 'filed',
        holdReason: null,
        issueNumber: 42,
        issueUrl: 'https://github.com/acme/security/issues/42',
        filedAt,
        payload: null,
      });
      expect((await store.listEvents(report.id)).map((e) => [e.type, e.data])).toEqual([
        ['received', { channel: 'form', receiptDue: report.receiptDue?.getTime(), assessmentDue: report.assessmentDue?.getTime() }],
        ['filed', { issueNumber: 42 }],
      ]);
    });

    it('files a report only once when told twice', async () => {
      await open();
      const report = aNewReport();
      await store.acceptReport(report);
      await store.markFiled(report.id, { number: 1, url: 'https://github.com/acme/s/issues/1' }, later(T0, 1000));

      await store.markFiled(report.id, { number: 2, url: 'https://github.com/acme/s/issues/2' }, later(T0, 2000));

      expect(await store.getReport(report.id)).toMatchObject({ issueNumber: 1, filedAt: later(T0, 1000) });
      expect((await store.listEvents(report.id)).filter((e) => e.type === 'filed')).toHaveLength(1);
    });

    it('neither holds nor re-queues a report that is already filed', async () => {
      await open();
      const report = aNewReport();
      await store.acceptReport(report);
      await store.markFiled(report.id, { number: 7, url: 'https://github.com/acme/s/issues/7' }, T0);

      await store.markHeld(report.id, 'too late', later(T0, 1000));
      await store.markQueued(report.id, later(T0, 2000));

      expect(await store.getReport(report.id)).toMatchObject({ status: 'filed', holdReason: null, issueNumber: 7 });
    });

    it('keeps the time of the first create attempt', async () => {
      await open();
      const report = aNewReport();
      await store.acceptReport(report);

      await store.markCreateStarted(report.id, later(T0, 1000));
      await store.markCreateStarted(report.id, later(T0, 5000));

      expect((await store.getReport(report.id))?.createStartedAt).toEqual(later(T0, 1000));
    });

    it.each([
      ['markHeld', (s: Store) => s.markHeld('DD-NOPE', 'reason', T0)],
      ['markQueued', (s: Store) => s.markQueued('DD-NOPE', T0)],
      ['markCreateStarted', (s: Store) => s.markCreateStarted('DD-NOPE', T0)],
      ['markFiled', (s: Store) => s.markFiled('DD-NOPE', { number: 1, url: 'u' }, T0)],
    ])('%s throws ReportNotFoundError for an unknown report', async (_name, change) => {
      await open();

      const result = change(store);

      await expect(result).rejects.toBeInstanceOf(ReportNotFoundError);
      expect(await store.listEvents('DD-NOPE')).toEqual([]);
    });

    it('counts reports in total and per organisation', async () => {
      await open();
      await store.acceptReport(aNewReport({ org: 'acme' }));
      await store.acceptReport(aNewReport({ org: 'acme' }));
      await store.acceptReport(aNewReport({ org: 'globex' }));

      const counts = [await store.countReports(), await store.countReports('acme'), await store.countReports('initech')];

      expect(counts).toEqual([3, 2, 0]);
    });
  });

  describe('events', () => {
    it('records events and lists them in time order, with and without data', async () => {
      await open();

      await store.recordEvent({ reportId: 'DD-1', type: 'reminded', at: later(T0, 2000) });
      await store.recordEvent({ reportId: 'DD-1', type: 'acknowledged', at: later(T0, 1000), data: { by: 'mail', ok: true, n: 3, none: null } });
      await store.recordEvent({ reportId: 'DD-2', type: 'received', at: T0 });

      expect(await store.listEvents('DD-1')).toEqual([
        { reportId: 'DD-1', type: 'acknowledged', at: later(T0, 1000), data: { by: 'mail', ok: true, n: 3, none: null } },
        { reportId: 'DD-1', type: 'reminded', at: later(T0, 2000) },
      ]);
    });
  });

  describe('outbox', () => {
    it('enqueues a job once per key', async () => {
      await open();
      await store.enqueue(aJob({ payload: '{"first":true}' }));

      await store.enqueue(aJob({ payload: '{"second":true}', runAfter: later(T0, 5000) }));

      expect(await store.getJob('job-1')).toMatchObject({ payload: '{"first":true}', runAfter: T0, state: 'pending' });
      expect(await store.claimJob(later(T0, 10_000), 1000)).not.toBeNull();
      expect(await store.claimJob(later(T0, 10_000), 1000)).toBeNull();
    });

    it('returns null for an unknown job key', async () => {
      await open();

      const job = await store.getJob('nope');

      expect(job).toBeNull();
    });

    it('claims nothing before run_after and the job once it is due', async () => {
      await open();
      await store.enqueue(aJob({ runAfter: later(T0, 60_000) }));

      const early = await store.claimJob(later(T0, 59_999), 30_000);
      const due = await store.claimJob(later(T0, 60_000), 30_000);

      expect(early).toBeNull();
      expect(due).toMatchObject({ key: 'job-1', state: 'pending', attempts: 0, lockedUntil: later(T0, 90_000) });
      expect(typeof due?.id).toBe('number');
    });

    it('does not claim a leased job again until its lease has expired', async () => {
      await open();
      await store.enqueue(aJob());
      const first = await store.claimJob(T0, 30_000);

      const during = await store.claimJob(later(T0, 29_999), 30_000);
      const after = await store.claimJob(later(T0, 30_000), 30_000);

      expect(first?.key).toBe('job-1');
      expect(during).toBeNull();
      expect(after).toMatchObject({ id: first?.id, key: 'job-1', lockedUntil: later(T0, 60_000) });
    });

    it('claims the job that has been due longest first', async () => {
      await open();
      await store.enqueue(aJob({ key: 'late', runAfter: later(T0, 2000) }));
      await store.enqueue(aJob({ key: 'early', runAfter: T0 }));
      await store.enqueue(aJob({ key: 'middle', runAfter: later(T0, 1000) }));

      const keys = [];
      for (let i = 0; i < 3; i += 1) {
        const job = await store.claimJob(later(T0, 5000), 60_000);
        keys.push(job?.key);
        await store.completeJob(job?.id ?? -1, later(T0, 5000));
      }

      expect(keys).toEqual(['early', 'middle', 'late']);
    });

    it('hands out one job of a lane at a time: the next waits until the first is done or put back', async () => {
      await open();
      await store.enqueue(aJob({ key: 'first', runAfter: T0 }));
      await store.enqueue(aJob({ key: 'second', runAfter: T0 }));

      const first = await store.claimJob(T0, 60_000);
      const meanwhile = await store.claimJob(T0, 60_000);
      await store.retryJob(first?.id ?? -1, later(T0, 10_000), 'TransientError: x');
      const next = await store.claimJob(T0, 60_000);

      expect(first?.key).toBe('first');
      expect(meanwhile).toBeNull();
      expect(next?.key).toBe('second');
    });

    it('gives a job of another organisation while one lane is busy, and takes a lane back when its lease ran out', async () => {
      await open();
      await store.enqueue(aJob({ key: 'acme-1', org: 'acme', runAfter: T0 }));
      await store.enqueue(aJob({ key: 'acme-2', org: 'acme', runAfter: T0 }));
      await store.enqueue(aJob({ key: 'other-1', org: 'other', runAfter: later(T0, 1) }));

      const a = await store.claimJob(later(T0, 10), 60_000);
      const b = await store.claimJob(later(T0, 10), 60_000);
      const afterCrash = await store.claimJob(later(T0, 60_011), 60_000);

      expect([a?.key, b?.key]).toEqual(['acme-1', 'other-1']);
      expect(afterCrash?.key).toBe('acme-1');
      expect(afterCrash?.attempts).toBe(1);
    });

    it('runs staff work before bulk work, in the lane and across lanes', async () => {
      await open();
      await store.enqueue(aJob({ key: 'filing', kind: 'file-report', runAfter: T0 }));
      await store.enqueue(aJob({ key: 'notice', kind: 'issue-update', priority: 'bulk', runAfter: T0 }));
      await store.enqueue(aJob({ key: 'command', kind: 'triage-comment', runAfter: later(T0, 1000) }));

      const order = [];
      for (let i = 0; i < 3; i += 1) {
        const job = await store.claimJob(later(T0, 5000), 60_000);
        order.push(`${job?.key ?? 'none'}:${job?.priority ?? ''}`);
        await store.completeJob(job?.id ?? -1, later(T0, 5000));
      }

      expect(order).toEqual(['command:staff', 'filing:bulk', 'notice:bulk']);
    });

    it('serves the lane served least recently first', async () => {
      await open();
      for (let i = 0; i < 3; i += 1) await store.enqueue(aJob({ key: `busy-${i}`, org: 'busy', runAfter: T0 }));
      await store.enqueue(aJob({ key: 'quiet-0', org: 'quiet', runAfter: later(T0, 500) }));

      const order = [];
      for (let i = 0; i < 4; i += 1) {
        const job = await store.claimJob(later(T0, 1000 + i), 60_000);
        order.push(job?.key);
        await store.completeJob(job?.id ?? -1, later(T0, 1000 + i));
      }

      expect(order).toEqual(['busy-0', 'quiet-0', 'busy-1', 'busy-2']);
    });

    it('claims nothing of a paused lane until the pause ends, and keeps the pause for every instance', async () => {
      await open();
      await store.enqueue(aJob({ key: 'paused', org: 'acme', runAfter: T0 }));
      await store.pauseLane('acme', later(T0, 60_000), 1, 'secondary rate limit');

      expect(await store.claimJob(later(T0, 59_999), 60_000)).toBeNull();
      expect((await store.laneState('acme')).pauseLevel).toBe(1);
      expect((await store.claimJob(later(T0, 60_000), 60_000))?.key).toBe('paused');
    });

    it('counts content creation of the last hour per lane, and a write ends a pause streak', async () => {
      await open();
      await store.pauseLane('acme', later(T0, 1000), 3, 'secondary rate limit');
      await store.recordWrite('acme', T0, later(T0, 1000), true, false);
      expect((await store.laneState('acme')).pauseLevel).toBe(3);
      await store.recordWrite('acme', later(T0, 1000), later(T0, 2000), false, true);
      await store.recordWrite('acme', later(T0, 3_600_500), later(T0, 3_601_500), true, true);

      const creates = await store.createsInLastHour('acme', later(T0, 3_600_600));
      const state = await store.laneState('acme');

      expect(creates.map((at) => at.getTime())).toEqual([later(T0, 3_600_500).getTime()]);
      expect(state.nextWriteAt.getTime()).toBe(later(T0, 3_601_500).getTime());
      expect(state.pauseLevel).toBe(0);
    });

    it('completes a job: done, unlocked and never claimed again', async () => {
      await open();
      await store.enqueue(aJob());
      const job = await store.claimJob(T0, 30_000);

      await store.completeJob(job?.id ?? -1, later(T0, 1000));

      expect(await store.getJob('job-1')).toMatchObject({ state: 'done', lockedUntil: null });
      expect(await store.claimJob(later(T0, 3_600_000), 30_000)).toBeNull();
    });

    it.each<NewJob['kind']>(['issue-update', 'triage-comment', 'publish-credit', 'send-mail'])('keeps only the key of a finished %s job: its payload becomes {}', async (kind) => {
      await open();
      await store.enqueue(aJob({ kind, payload: '{"comment":"a researcher’s reply"}' }));
      const job = await store.claimJob(T0, 30_000);

      await store.completeJob(job?.id ?? -1, later(T0, 1000));

      expect(await store.getJob('job-1')).toMatchObject({ key: 'job-1', kind, state: 'done', payload: '{}' });
    });

    it('retries a job: counts the attempt, records the error, unlocks and reschedules it', async () => {
      await open();
      await store.enqueue(aJob());
      const job = await store.claimJob(T0, 30_000);

      await store.retryJob(job?.id ?? -1, later(T0, 120_000), 'TransientError: 502');
      await store.retryJob(job?.id ?? -1, later(T0, 240_000), 'TransientError: 503');

      expect(await store.getJob('job-1')).toMatchObject({
        state: 'pending',
        attempts: 2,
        lastError: 'TransientError: 503',
        lockedUntil: null,
        runAfter: later(T0, 240_000),
      });
      expect(await store.claimJob(later(T0, 239_999), 30_000)).toBeNull();
      expect(await store.claimJob(later(T0, 240_000), 30_000)).toMatchObject({ attempts: 2 });
    });
  });

  describe('labels', () => {
    it('remembers labels per repository and ignores ones it already knows', async () => {
      await open();
      await store.rememberLabels('acme', 'security', ['severity:high', 'disclosure']);

      await store.rememberLabels('acme', 'security', ['disclosure', 'overdue', 'overdue']);
      await store.rememberLabels('acme', 'other', ['elsewhere']);
      await store.rememberLabels('acme', 'security', []);

      expect(await store.knownLabels('acme', 'security')).toEqual(new Set(['severity:high', 'disclosure', 'overdue']));
      expect(await store.knownLabels('acme', 'other')).toEqual(new Set(['elsewhere']));
      expect(await store.knownLabels('globex', 'security')).toEqual(new Set());
    });
  });

  describe('migrations', () => {
    it('migrates an already migrated database without touching its data', async () => {
      await open();
      const report = aNewReport();
      await store.acceptReport(report);

      await store.migrate();
      await store.migrate();

      expect((await store.getReport(report.id))?.payload).toBe(report.payload);
    });

    it('keeps every row when the same database is opened again', async () => {
      const database = await backend.createDatabase();
      const first = await database.open();
      const report = aNewReport();
      await first.acceptReport(report);
      await first.rememberLabels('acme', 'security', ['disclosure']);
      await first.close();

      const second = await database.open();

      expect((await second.getReport(report.id))?.payload).toBe(report.payload);
      expect(await second.getJob(`file-report:${report.id}`)).not.toBeNull();
      expect(await second.knownLabels('acme', 'security')).toEqual(new Set(['disclosure']));
    });
  });

  describe('concurrent intake', () => {
    it('commits all of 200 concurrent reports', async () => {
      await open();
      const reports = Array.from({ length: 200 }, () => aNewReport());

      const results = await Promise.allSettled(reports.map((r) => store.acceptReport(r)));

      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(200);
      expect(await store.countReports()).toBe(200);
      expect((await store.getReport(reports[199]?.id ?? ''))?.status).toBe('queued');
    });

    it('rejects only the failing report when concurrent reports share a commit; the others are committed', async () => {
      await open();
      const existing = aNewReport();
      await store.acceptReport(existing);
      const before = [aNewReport(), aNewReport()];
      const duplicate = aNewReport({ id: existing.id });
      const after = [aNewReport(), aNewReport()];

      const results = await Promise.allSettled([...before, duplicate, ...after].map((r) => store.acceptReport(r)));

      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect(await store.countReports()).toBe(5);
      expect(await store.getReport(after[1]?.id ?? '')).not.toBeNull();
      expect(await store.findReportByTokenHash(duplicate.statusTokenHash)).toBeNull();
      expect(await store.listEvents(existing.id)).toHaveLength(1);
    });

    it('rolls back every row of a report whose last row fails (a mail already taken), and only its rows', async () => {
      await open();
      await store.acceptReport(aNewReport({ emailMessageKey: '<m1@example.org>' }));
      const others = [aNewReport(), aNewReport({ emailMessageKey: '<m2@example.org>' })];
      const again = aNewReport({ emailMessageKey: '<m1@example.org>' });

      const results = await Promise.allSettled([others[0], again, others[1]].map((r) => store.acceptReport(r as NewReport)));

      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await store.getReport(again.id)).toBeNull();
      expect(await store.listEvents(again.id)).toEqual([]);
      expect(await store.getJob(`file-report:${again.id}`)).toBeNull();
      expect(await store.getJob(`file-report:${others[1]?.id ?? ''}`)).not.toBeNull();
      expect(await store.countReports()).toBe(3);
    });
  });
});
