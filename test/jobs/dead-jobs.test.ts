import { beforeEach, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/app.js';
import type { Logger } from '../../src/log.js';
import type { JobKind, Store } from '../../src/store/store.js';
import { parseJob } from '../../src/jobs/parse-job.js';
import { createFakeGitHub } from '../helpers/fake-issues.js';
import { aNewReport } from '../store/new-report.js';
import { describeEachBackend } from '../helpers/stores.js';

const NOW = new Date('2026-03-02T09:00:00Z');
const SECRET = 'Stored XSS in the admin panel';
const KINDS: readonly JobKind[] = ['file-report', 'triage-comment', 'issue-update', 'create-advisory', 'update-advisory', 'publish-credit', 'hall-of-fame', 'send-mail'];

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
