import { beforeEach, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/app.js';
import type { Logger } from '../../src/log.js';
import type { Job, JobKind, Store } from '../../src/store/store.js';
import { createWorker } from '../../src/jobs/worker.js';
import { GIVE_UP_AFTER_ATTEMPTS, GIVE_UP_AFTER_MS } from '../../src/jobs/backoff.js';
import { TransientError } from '../../src/errors.js';
import { parseJob } from '../../src/jobs/parse-job.js';
import { createFakeGitHub } from '../helpers/fake-issues.js';
import { aNewReport } from '../store/new-report.js';
import { describeEachBackend } from '../helpers/stores.js';

const NOW = new Date('2026-03-02T09:00:00Z');
const SECRET = 'Stored XSS in the admin panel';
const KINDS: readonly JobKind[] = ['file-report', 'triage-comment', 'issue-update', 'create-advisory', 'update-advisory', 'publish-credit', 'hall-of-fame', 'send-mail', 'org-alert', 'config-check'];

function recordingLogger(): Logger & { lines: Array<{ level: string; meta: object; message: string }> } {
  const lines: Array<{ level: string; meta: object; message: string }> = [];
  const record = (level: string) => (meta: object, message: string) => void lines.push({ level, meta, message });
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

describeEachBackend('a job whose payload does not parse', (backend) => {
  let store: Store;
  let core: Core;
  let log: ReturnType<typeof recordingLogger>;

  beforeEach(async () => {
    store = await backend.open();
    log = recordingLogger();
    const clock = () => NOW;
    const github = createFakeGitHub(clock);
    github.installations.set('acme', 7);
    // SMTP set, so send-mail jobs get the real handler rather than "mail not configured".
    const env = { SMTP_URL: 'smtp://127.0.0.1:1', MAIL_FROM: 'security@acme.example' };
    core = await createCore({ github, store, log, clock, sleep: async () => undefined, env });
  });

  it.each(KINDS)('is dead-lettered once, logged without its values and never claimed again (%s)', async (kind) => {
    await store.enqueue({ key: `${kind}:bad`, kind, org: 'acme', payload: JSON.stringify({ reportId: [SECRET], note: SECRET }), runAfter: NOW });

    const ran = await core.worker.runOnce();
    const again = await core.worker.runOnce();

    const job = await store.getJob(`${kind}:bad`);
    expect(ran).toBe(1);
    expect(again).toBe(0);
    expect(job).toMatchObject({ state: 'dead', attempts: 0, payload: '{}', lockedUntil: null });
    expect(job?.lastError).toMatch(new RegExp(`^BadJobPayloadError: ${kind} job payload does not match its schema \\(job ${kind}:bad\\): `));
    expect(job?.lastError).toContain('note');
    expect(job?.lastError).not.toContain(SECRET);
    const errors = log.lines.filter((line) => line.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe('job dead-lettered: its payload does not match its schema');
    expect(errors[0]?.meta).toMatchObject({ jobId: job?.id, kind, key: `${kind}:bad`, lane: kind === 'send-mail' ? 'mail:acme' : 'acme' });
    expect((errors[0]?.meta as { paths: string[] }).paths).toContain('note');
    expect(JSON.stringify(log.lines)).not.toContain(SECRET);
    expect(log.lines.filter((line) => line.message.includes('retrying'))).toEqual([]);
  });

  it('leaves its lane free for the next job', async () => {
    await store.enqueue({ key: 'hall-of-fame:bad', kind: 'hall-of-fame', org: 'acme', payload: 'not json', runAfter: NOW });
    await store.enqueue({ key: 'hall-of-fame:bad-too', kind: 'hall-of-fame', org: 'acme', payload: '{"x":1}', runAfter: NOW });

    const ran = await core.worker.runOnce();

    expect(ran).toBe(2);
    expect((await store.getJob('hall-of-fame:bad'))?.lastError).toBe('BadJobPayloadError: hall-of-fame job payload does not match its schema (job hall-of-fame:bad): (payload): not JSON');
    expect((await store.getJob('hall-of-fame:bad-too'))?.state).toBe('dead');
  });
});

describeEachBackend('the store and dead jobs', (backend) => {
  it('files every accepted report with a file-report job that parses', async () => {
    const store = await backend.open();
    const report = aNewReport();

    await store.acceptReport(report);

    const job = await store.getJob(`file-report:${report.id}`);
    expect(job === null ? null : parseJob(job)).toEqual({ kind: 'file-report', payload: { reportId: report.id } });
  });

  it('never claims a dead job again, keeps its key taken, and releases its lane', async () => {
    const store = await backend.open();
    await store.enqueue({ key: 'dead', kind: 'file-report', org: 'acme', payload: `{"reportId":"${SECRET}","x":1}`, runAfter: NOW });
    await store.enqueue({ key: 'next', kind: 'file-report', org: 'acme', payload: '{"reportId":"DD-1"}', runAfter: new Date(NOW.getTime() + 1) });
    const claimed = await store.claimJob(NOW, 60_000);

    await store.deadJob(claimed?.id ?? -1, NOW, 'BadJobPayloadError: x');

    const later = new Date(NOW.getTime() + 10_000);
    expect(claimed?.key).toBe('dead');
    expect(await store.getJob('dead')).toMatchObject({ state: 'dead', payload: '{}', lastError: 'BadJobPayloadError: x', attempts: 0, lockedUntil: null });
    expect((await store.claimJob(later, 60_000))?.key).toBe('next');
    expect(await store.enqueue({ key: 'dead', kind: 'file-report', org: 'acme', payload: '{"reportId":"DD-2"}', runAfter: later })).toBe(false);
    expect(await store.claimJob(new Date(later.getTime() + 120_000), 60_000)).toMatchObject({ key: 'next' });
  });
});

describeEachBackend('a job that keeps failing', (backend) => {
  let store: Store;
  let log: ReturnType<typeof recordingLogger>;
  let now: Date;
  let failing: boolean;
  let runs: string[];

  beforeEach(async () => {
    store = await backend.open();
    log = recordingLogger();
    // The store stamps created_at with the real time; the worker lives a day later.
    now = new Date(Date.now() + GIVE_UP_AFTER_MS + 60_000);
    failing = true;
    runs = [];
  });

  function worker() {
    const handler = (job: Job) => {
      runs.push(job.key);
      if (failing) return Promise.reject(new TransientError('GitHub answered 502', 502));
      return Promise.resolve({ kind: 'done' as const });
    };
    const handlers = Object.fromEntries(KINDS.map((kind) => [kind, handler])) as Record<JobKind, typeof handler>;
    return createWorker({ store, handlers, clock: () => now, log });
  }

  /** Runs the job once more, the clock moved past its backoff (at most 15 minutes for a 502). */
  async function runAgain(w: ReturnType<typeof worker>, stepMs = 2 * 60 * 60_000): Promise<number> {
    now = new Date(now.getTime() + stepMs);
    return w.runOnce();
  }

  it('dies after a day and enough attempts, keeps its payload, and runs again once requeued', async () => {
    const payload = JSON.stringify({ reportId: 'DD-0000000000A1' });
    await store.enqueue({ key: 'file-report:DD-0000000000A1', kind: 'file-report', org: 'acme', payload, runAfter: new Date(0) });
    const w = worker();

    for (let attempt = 1; attempt < GIVE_UP_AFTER_ATTEMPTS; attempt += 1) expect(await runAgain(w)).toBe(1);
    expect(await store.getJob('file-report:DD-0000000000A1')).toMatchObject({ state: 'pending', attempts: GIVE_UP_AFTER_ATTEMPTS - 1 });
    expect(await runAgain(w)).toBe(1);
    const diedAt = now;
    expect(await runAgain(w)).toBe(0);

    const dead = await store.getJob('file-report:DD-0000000000A1');
    expect(dead).toMatchObject({ state: 'dead', payload, lastError: 'TransientError: GitHub answered 502' });
    expect(await store.listDeadJobs()).toEqual([
      { key: 'file-report:DD-0000000000A1', kind: 'file-report', org: 'acme', attempts: GIVE_UP_AFTER_ATTEMPTS - 1, lastError: 'TransientError: GitHub answered 502', diedAt },
    ]);
    expect(log.lines.filter((line) => line.level === 'error').map((line) => line.message)).toEqual(['job dead-lettered: it kept failing; requeue it once the cause is fixed']);

    failing = false;
    expect(await store.requeueDeadJobs(now, 'file-report:DD-0000000000A1')).toEqual(['file-report:DD-0000000000A1']);
    expect(await w.runOnce()).toBe(1);
    expect(await store.getJob('file-report:DD-0000000000A1')).toMatchObject({ state: 'done', attempts: 0 });
    expect(await store.listDeadJobs()).toEqual([]);
  });

  it('never dies young, however often it fails', async () => {
    now = new Date(Date.now());
    await store.enqueue({ key: 'hall-of-fame:acme', kind: 'hall-of-fame', org: 'acme', payload: '{}', runAfter: new Date(0) });
    const w = worker();
    // Failing every 16 minutes for about eight hours: past the attempt count, not a day old.
    for (let attempt = 0; attempt < GIVE_UP_AFTER_ATTEMPTS + 5; attempt += 1) expect(await runAgain(w, 16 * 60_000)).toBe(1);

    expect(await store.getJob('hall-of-fame:acme')).toMatchObject({ state: 'pending', attempts: GIVE_UP_AFTER_ATTEMPTS + 5 });
    expect(await store.listDeadJobs()).toEqual([]);
    expect(await store.requeueDeadJobs(now)).toEqual([]);
  });
});
