import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEncrypted } from '../../src/store/field-cipher.js';
import type { JobKind, NewJob, Store } from '../../src/store/store.js';
import type { ResearcherMessage } from '../../src/store/triage-records.js';
import { type EncryptedDatabase, encryptedBackends, postgresDatabase, postgresRuns } from './encrypted-database.js';
import { T0, aNewReport, later } from './new-report.js';
import { DAY, aFilingFacts, aTriageChange } from './new-triage.js';

/** Text only the researcher and staff should read: a reply, a staff message, a mail body. */
const SECRET = 'The session cookie of admin@acme.example leaks through /debug';

const JOB_KINDS: readonly JobKind[] = ['file-report', 'triage-comment', 'issue-update', 'create-advisory', 'update-advisory', 'publish-credit', 'hall-of-fame', 'send-mail'];

function aJob(kind: JobKind, overrides: Partial<NewJob> = {}): NewJob {
  return { key: `job:${kind}`, kind, org: 'acme', payload: JSON.stringify({ kind, text: SECRET }), runAfter: T0, ...overrides };
}

/** A filed report; returns its id. */
async function filed(store: Store): Promise<string> {
  const report = aNewReport();
  await store.acceptReport(report);
  await store.markFiled(report.id, { number: 42, url: 'https://github.com/acme/security/issues/42' }, later(T0, 60_000), aFilingFacts());
  return report.id;
}

/** Saves `messages` (and `jobs`) with a triage change of the report. */
async function say(store: Store, reportId: string, messages: ResearcherMessage[], jobs: NewJob[] = []): Promise<void> {
  const triage = await store.getTriage(reportId);
  if (triage === null) throw new Error(`no triage for ${reportId}`);
  expect(await store.saveTriage(aTriageChange(triage, { messages, jobs }))).toBe('saved');
}

function aMessage(reportId: string, kind: string, body: string): ResearcherMessage {
  return { reportId, kind, body, at: later(T0, DAY) };
}

async function rawBodies(database: EncryptedDatabase, reportId: string): Promise<string[]> {
  const rows = await database.query<{ body: string }>('select body from researcher_messages where report_id = ? order by id', [reportId]);
  return rows.map((r) => r.body);
}

async function rawPayload(database: EncryptedDatabase, key: string): Promise<string | undefined> {
  const [row] = await database.query<{ payload: string }>('select payload from outbox where key = ?', [key]);
  return row?.payload;
}

for (const backend of encryptedBackends) {
  (backend.available ? describe : describe.skip)(`conversation and job payloads at rest [${backend.name}]`, () => {
    let database: EncryptedDatabase;
    let store: Store;

    beforeEach(async () => {
      database = await backend.create();
      store = await database.open();
    });

    afterEach(async () => {
      await database.cleanup();
    });

    it('keeps message bodies encrypted and reads them back as written', async () => {
      const id = await filed(store);

      await say(store, id, [aMessage(id, 'needs-info', 'Which browser did you use?'), aMessage(id, 'from-researcher', SECRET)]);

      const raw = await rawBodies(database, id);
      expect(raw).toHaveLength(2);
      for (const body of raw) expect(isEncrypted(body)).toBe(true);
      expect(raw.join()).not.toContain('session cookie');
      expect(raw.join()).not.toContain('browser');
      expect((await store.listMessages(id)).map((m) => [m.kind, m.body])).toEqual([
        ['needs-info', 'Which browser did you use?'],
        ['from-researcher', SECRET],
      ]);
    });

    it.each(JOB_KINDS)('keeps a %s job’s payload encrypted and hands it back decrypted', async (kind) => {
      const job = aJob(kind);

      await store.enqueue(job);

      const raw = await rawPayload(database, job.key);
      expect(raw !== undefined && isEncrypted(raw)).toBe(true);
      expect(raw).not.toContain('session cookie');
      expect((await store.getJob(job.key))?.payload).toBe(job.payload);
      expect((await store.claimJob(later(T0, 1000), 30_000))?.payload).toBe(job.payload);
    });

    it('encrypts the payloads of jobs committed with a report and with a triage change', async () => {
      const report = aNewReport({ jobs: [aJob('send-mail', { key: 'ack' })] });
      await store.acceptReport(report);
      await store.markFiled(report.id, { number: 42, url: 'https://github.com/acme/security/issues/42' }, later(T0, 60_000), aFilingFacts());

      await say(store, report.id, [], [aJob('issue-update', { key: 'comment:1' }), aJob('send-mail', { key: 'mail:1' })]);

      for (const key of [`file-report:${report.id}`, 'ack', 'comment:1', 'mail:1']) {
        const raw = await rawPayload(database, key);
        expect(raw !== undefined && isEncrypted(raw), key).toBe(true);
      }
      expect((await store.getJob(`file-report:${report.id}`))?.payload).toBe(JSON.stringify({ reportId: report.id }));
      expect((await store.getJob('comment:1'))?.payload).toBe(aJob('issue-update').payload);
    });

    it.each(JOB_KINDS)('empties a finished %s job’s payload', async (kind) => {
      await store.enqueue(aJob(kind));
      const claimed = await store.claimJob(later(T0, 1000), 30_000);

      await store.completeJob(claimed?.id ?? -1, later(T0, 2000));

      expect(await rawPayload(database, `job:${kind}`)).toBe('{}');
      expect(await store.getJob(`job:${kind}`)).toMatchObject({ state: 'done', payload: '{}' });
    });

    it('reads messages and payloads written in clear before encryption as they are', async () => {
      const id = await filed(store);
      await say(store, id, [aMessage(id, 'needs-info', 'placeholder')]);
      // Due before the report's own filing job, so it is the one claimed.
      await store.enqueue(aJob('issue-update', { runAfter: later(T0, -1000) }));

      await database.query('update researcher_messages set body = ? where report_id = ?', ['Written in clear.', id]);
      await database.query('update outbox set payload = ? where key = ?', ['{"comment":"in clear"}', 'job:issue-update']);

      expect((await store.listMessages(id)).map((m) => m.body)).toEqual(['Written in clear.']);
      expect((await store.getJob('job:issue-update'))?.payload).toBe('{"comment":"in clear"}');
      expect((await store.claimJob(later(T0, 1000), 30_000))?.payload).toBe('{"comment":"in clear"}');
    });

    it('encrypts messages and pending payloads written in clear when it opens again', async () => {
      const id = await filed(store);
      await say(store, id, [aMessage(id, 'needs-info', 'placeholder')]);
      await store.enqueue(aJob('issue-update'));
      await database.query('update researcher_messages set body = ? where report_id = ?', ['Written in clear.', id]);
      await database.query('update outbox set payload = ? where key = ?', ['{"comment":"in clear"}', 'job:issue-update']);
      await store.close();

      const reopened = await database.open();

      const [body] = await rawBodies(database, id);
      const payload = await rawPayload(database, 'job:issue-update');
      expect(body !== undefined && isEncrypted(body)).toBe(true);
      expect(payload !== undefined && isEncrypted(payload)).toBe(true);
      expect((await reopened.listMessages(id)).map((m) => m.body)).toEqual(['Written in clear.']);
      expect((await reopened.getJob('job:issue-update'))?.payload).toBe('{"comment":"in clear"}');
    });

    it('deletes the conversation when the retention period is over, ciphertext and all', async () => {
      const id = await filed(store);
      await say(store, id, [aMessage(id, 'from-researcher', SECRET)]);
      const triage = await store.getTriage(id);
      if (triage === null) throw new Error('not filed');
      await store.saveTriage(aTriageChange(triage, { fields: { ...aTriageChange(triage).fields, status: 'resolved', closedAt: later(T0, 2 * DAY) } }));

      await store.purgeContacts(later(T0, 400 * DAY));

      expect(await rawBodies(database, id)).toEqual([]);
    });
  });
}

(postgresRuns ? describe : describe.skip)('PostgreSQL without DATA_ENCRYPTION_KEY: conversation and payloads', () => {
  let database: EncryptedDatabase;
  afterEach(async () => {
    await database.cleanup();
  });

  it('stores them as they are, as documented for contact details', async () => {
    database = await postgresDatabase();
    const store = await database.open({});
    const id = await filed(store);

    await say(store, id, [aMessage(id, 'from-researcher', SECRET)]);
    await store.enqueue(aJob('issue-update'));

    expect(await rawBodies(database, id)).toEqual([SECRET]);
    expect(await rawPayload(database, 'job:issue-update')).toBe(aJob('issue-update').payload);
    expect((await store.listMessages(id)).map((m) => m.body)).toEqual([SECRET]);
    expect((await store.getJob('job:issue-update'))?.payload).toBe(aJob('issue-update').payload);
  });
});
