import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEncrypted } from '../../src/store/field-cipher.js';
import { openStore } from '../../src/store/open-store.js';
import { ReportNotFoundError } from '../../src/store/report-not-found-error.js';
import type { NewReport, Store } from '../../src/store/store.js';
import type { FilingFacts, ResearcherMessage, TriageFields } from '../../src/store/triage-records.js';
import { CLOSING_STATUSES, type TriageStatus } from '../../src/triage/triage-status.js';
import { ORG, SAMPLE_REPORT, openDesk } from '../helpers/filed-report.js';
import { ReportInput } from '../../src/report/report.js';
import { describeEachBackend } from '../helpers/stores.js';
import { type EncryptedDatabase, KEY, encryptedBackends, postgresDatabase, postgresRuns } from './encrypted-database.js';
import { T0, aNewReport, later } from './new-report.js';
import { DAY, aFilingFacts, aTriageChange, fieldsOf } from './new-triage.js';

const EMAIL = 'ada@example.org';

/** A queued report's payload as the intake stores it: the whole input, contact details included. */
function payloadWithContact(title = 'Stored XSS in profile name'): string {
  return JSON.stringify({ title, description: 'The profile name is rendered without escaping.', contact: { name: 'Ada', email: EMAIL, github: 'ada-l' }, credit: 'name' });
}

/** Accepts a report and files it with `facts`; returns the report. */
async function fileReport(store: Store, options: { report?: Partial<NewReport>; facts?: Partial<FilingFacts> } = {}): Promise<NewReport> {
  const report = aNewReport({ payload: payloadWithContact(), ...options.report });
  await store.acceptReport(report);
  await store.markFiled(report.id, { number: 42, url: 'https://github.com/acme/security/issues/42' }, later(T0, 60_000), aFilingFacts(options.facts));
  return report;
}

/** Sets fields of a filed report through saveTriage, with `messages` for the researcher. */
async function changeTriage(store: Store, reportId: string, fields: Partial<TriageFields>, messages: ResearcherMessage[] = []): Promise<void> {
  const triage = await store.getTriage(reportId);
  if (triage === null) throw new Error(`no triage for ${reportId}`);
  expect(await store.saveTriage(aTriageChange(triage, { fields: { ...fieldsOf(triage), ...fields }, messages }))).toBe('saved');
}

/** A message on the status page: from staff (`kind` a template) or `from-researcher`. */
function aMessage(reportId: string, kind: string, body: string): ResearcherMessage {
  return { reportId, kind, body, at: later(T0, DAY) };
}

for (const backend of encryptedBackends) {
  (backend.available ? describe : describe.skip)(`personal data at rest [${backend.name}]`, () => {
    let database: EncryptedDatabase;
    let store: Store;

    beforeEach(async () => {
      database = await backend.create();
      store = await database.open();
    });

    afterEach(async () => {
      await database.cleanup();
    });

    it('keeps a queued report’s text encrypted and reads it back decrypted', async () => {
      const report = aNewReport({ payload: payloadWithContact() });

      await store.acceptReport(report);

      const raw = await database.raw(report.id);
      expect(raw.payload?.startsWith('enc:v1:')).toBe(true);
      expect(raw.payload).not.toContain(EMAIL);
      expect(raw.payload).not.toContain('Stored XSS');
      expect((await store.getReport(report.id))?.payload).toBe(report.payload);
      expect((await store.findReportByTokenHash(report.statusTokenHash))?.payload).toBe(report.payload);
    });

    it('keeps the receipt encrypted and reads it back decrypted', async () => {
      const receipt = `Receipt of a vulnerability report\n{"contact":{"email":"${EMAIL}"},"title":"Stored XSS"}`;
      const report = aNewReport({ payload: payloadWithContact(), receipt });

      await store.acceptReport(report);

      const raw = await database.raw(report.id);
      expect(raw.receipt?.startsWith('enc:v1:')).toBe(true);
      expect(raw.receipt).not.toContain(EMAIL);
      expect(await store.getReceipt(report.id)).toBe(receipt);
    });

    it('encrypts the same text differently each time (a fresh IV per value)', async () => {
      const first = aNewReport({ payload: payloadWithContact('same') });
      const second = aNewReport({ payload: payloadWithContact('same') });

      await store.acceptReport(first);
      await store.acceptReport(second);

      expect((await database.raw(first.id)).payload).not.toBe((await database.raw(second.id)).payload);
    });

    it('keeps the researcher’s contact details encrypted once filed, and the report text not at all', async () => {
      const report = await fileReport(store);

      const raw = await database.raw(report.id);
      expect(raw.payload).toBeNull();
      expect(raw.researcher?.startsWith('enc:v1:')).toBe(true);
      expect(raw.researcher).not.toContain(EMAIL);
      expect(raw.researcher).not.toContain('ada-l');
      expect((await store.getTriage(report.id))?.researcher).toEqual({ name: 'Ada', github: 'ada-l', email: EMAIL, phone: null, credit: 'pseudonym' });
      expect((await store.findTriageByIssue('acme', 'security', 42))?.researcher?.email).toBe(EMAIL);
    });

    it('reads values stored before encryption was configured as they are', async () => {
      const queued = aNewReport({ payload: payloadWithContact() });
      await store.acceptReport(queued);
      const filed = await fileReport(store);
      const plainResearcher = { name: 'Grace', github: null, email: 'grace@example.org', phone: null, credit: 'name' };

      await database.setRaw(queued.id, 'payload', '{"title":"written in clear"}');
      await database.setRaw(filed.id, 'researcher', JSON.stringify(plainResearcher));

      expect((await store.getReport(queued.id))?.payload).toBe('{"title":"written in clear"}');
      expect((await store.getTriage(filed.id))?.researcher).toEqual(plainResearcher);
    });

    it('reads its values after a restart with the same key', async () => {
      const report = await fileReport(store);
      const queued = aNewReport({ payload: payloadWithContact() });
      await store.acceptReport(queued);
      await store.close();

      const reopened = await database.open();

      expect((await reopened.getTriage(report.id))?.researcher?.email).toBe(EMAIL);
      expect((await reopened.getReport(queued.id))?.payload).toBe(queued.payload);
    });

    it('refuses to read with another key rather than return garbage', async () => {
      const queued = aNewReport({ payload: payloadWithContact() });
      await store.acceptReport(queued);

      const other = await database.open({ encryptionKey: 'another passphrase of at least thirty-two characters' });

      await expect(other.getReport(queued.id)).rejects.toThrow();
    });

    it('re-encrypts a queued report whose contact details are erased', async () => {
      const report = aNewReport({ payload: payloadWithContact() });
      await store.acceptReport(report);

      await store.eraseContact(report.id, later(T0, DAY));

      const raw = await database.raw(report.id);
      expect(raw.payload !== null && isEncrypted(raw.payload)).toBe(true);
      expect(raw.payload).not.toContain('anonymous');
      expect(JSON.parse((await store.getReport(report.id))?.payload ?? 'null')).toEqual({
        title: 'Stored XSS in profile name',
        description: 'The profile name is rendered without escaping.',
        contact: {},
        credit: 'anonymous',
      });
    });
  });
}

describe('the SQLite store’s own key', () => {
  const dirs: string[] = [];
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'dd-key-'));
    dirs.push(dir);
    return dir;
  }

  it('is generated in data-encryption.key, readable by its owner only, and kept across restarts', async () => {
    const dataDir = await tempDir();

    stores.push(await openStore({ dataDir }));
    const key = await readFile(join(dataDir, 'data-encryption.key'), 'utf8');
    stores.push(await openStore({ dataDir }));

    expect(key.trim()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect((await stat(join(dataDir, 'data-encryption.key'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dataDir, 'data-encryption.key'), 'utf8')).toBe(key);
  });

  it('is not generated when DATA_ENCRYPTION_KEY is given', async () => {
    const dataDir = await tempDir();

    stores.push(await openStore({ dataDir, encryptionKey: KEY }));

    await expect(stat(join(dataDir, 'data-encryption.key'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

(postgresRuns ? describe : describe.skip)('PostgreSQL without DATA_ENCRYPTION_KEY', () => {
  let database: EncryptedDatabase;
  afterEach(async () => {
    await database.cleanup();
  });

  it('stores contact details as they are, as documented', async () => {
    database = await postgresDatabase();
    const store = await database.open({});

    const report = await fileReport(store);

    const raw = await database.raw(report.id);
    expect(raw.researcher).toContain(EMAIL);
    expect((await store.getTriage(report.id))?.researcher?.email).toBe(EMAIL);
  });
});

describeEachBackend('purging contact details after the retention period', (backend) => {
  let store: Store;
  const CLOSED = later(T0, 2 * DAY);

  beforeEach(async () => {
    store = await backend.open();
  });

  /** A filed report with contact details, in `status`, closed at `closedAt`. */
  async function reportIn(status: TriageStatus, closedAt: Date | null, retentionDays?: number): Promise<string> {
    const report = await fileReport(store, { facts: retentionDays === undefined ? {} : { retentionDays } });
    await changeTriage(store, report.id, { status, closedAt });
    return report.id;
  }

  // Every final state: a web service's report is resolved without any advisory, so
  // waiting for one would keep its contact details forever.
  it.each<[string, TriageStatus]>([
    ['rejected', 'rejected'],
    ['duplicate', 'duplicate'],
    ['known', 'known'],
    ['published', 'published'],
    ['resolved (with or without an advisory)', 'resolved'],
  ])('%s, closed longer ago than its retention days: purged', async (_case, status) => {
    const id = await reportIn(status, CLOSED, 30);

    const ids = await store.purgeContacts(later(CLOSED, 31 * DAY));

    expect(ids).toEqual([id]);
    expect((await store.getTriage(id))?.researcher).toBeNull();
  });

  it.each([...CLOSING_STATUSES])('purges a report closed as %s: every closing status is a final state', async (status) => {
    const id = await reportIn(status, CLOSED, 30);

    const ids = await store.purgeContacts(later(CLOSED, 31 * DAY));

    expect(ids).toEqual([id]);
  });

  it('purges a report closed where it stood (its tracking issue was deleted)', async () => {
    const id = await reportIn('accepted', CLOSED, 30);

    const ids = await store.purgeContacts(later(CLOSED, 31 * DAY));

    expect(ids).toEqual([id]);
    expect((await store.getTriage(id))?.researcher).toBeNull();
  });

  it('keeps a resolved report’s contact details until its retention period has passed', async () => {
    const id = await reportIn('resolved', CLOSED, 30);

    const early = await store.purgeContacts(later(CLOSED, 29 * DAY));

    expect(early).toEqual([]);
    expect((await store.getTriage(id))?.researcher?.email).toBe(EMAIL);
  });

  it('deletes the conversation with the contact details, and records how many messages went', async () => {
    const id = await reportIn('rejected', CLOSED, 30);
    await changeTriage(store, id, {}, [aMessage(id, 'rejected', 'Works as intended.'), aMessage(id, 'from-researcher', 'But it leaks the session cookie.')]);
    const kept = await reportIn('rejected', CLOSED, 365);
    await changeTriage(store, kept, {}, [aMessage(kept, 'rejected', 'Out of scope.')]);
    const now = later(CLOSED, 31 * DAY);

    const ids = await store.purgeContacts(now);

    expect(ids).toEqual([id]);
    expect(await store.listMessages(id)).toEqual([]);
    expect((await store.listMessages(kept)).map((m) => m.body)).toEqual(['Out of scope.']);
    const events = (await store.listEvents(id)).filter((e) => e.type === 'messages-purged');
    expect(events).toEqual([{ reportId: id, type: 'messages-purged', at: now, data: { messages: 2, retentionDays: 30 } }]);
  });

  it('deletes the conversation of a report whose contact details were erased before', async () => {
    const id = await reportIn('resolved', CLOSED, 30);
    await changeTriage(store, id, {}, [aMessage(id, 'resolved', 'Fixed in 2.1.0.')]);
    await store.eraseContact(id, later(CLOSED, DAY));

    const ids = await store.purgeContacts(later(CLOSED, 31 * DAY));

    expect(ids).toEqual([id]);
    expect(await store.listMessages(id)).toEqual([]);
    const types = (await store.listEvents(id)).map((e) => e.type);
    expect(types).toContain('messages-purged');
    expect(types).not.toContain('contact-purged');
  });

  it('keeps the contact details of open reports, however old', async () => {
    const triaged = await reportIn('triaged', null, 30);
    const accepted = await reportIn('accepted', null, 30);
    const fresh = await reportIn('new', null, 30);

    const ids = await store.purgeContacts(later(T0, 400 * DAY));

    expect(ids).toEqual([]);
    for (const id of [triaged, accepted, fresh]) expect((await store.getTriage(id))?.researcher?.email).toBe(EMAIL);
  });

  it('keeps them until the retention period has passed', async () => {
    const id = await reportIn('rejected', CLOSED, 30);

    const early = await store.purgeContacts(later(CLOSED, 30 * DAY - 60_000));
    const due = await store.purgeContacts(later(CLOSED, 30 * DAY + 60_000));

    expect(early).toEqual([]);
    expect(due).toEqual([id]);
  });

  it('uses 90 days for a report filed without a retention setting', async () => {
    const id = await reportIn('rejected', CLOSED);

    const at60 = await store.purgeContacts(later(CLOSED, 60 * DAY));
    const at91 = await store.purgeContacts(later(CLOSED, 91 * DAY));

    expect(at60).toEqual([]);
    expect(at91).toEqual([id]);
  });

  it('deletes only the contact details, records contact-purged, and returns every id purged', async () => {
    const first = await reportIn('rejected', CLOSED, 30);
    const second = await reportIn('duplicate', CLOSED, 10);
    const kept = await reportIn('rejected', CLOSED, 365);
    const before = await store.getTriage(first);
    const now = later(CLOSED, 40 * DAY);

    const ids = await store.purgeContacts(now);

    expect([...ids].sort()).toEqual([first, second].sort());
    const after = await store.getTriage(first);
    expect(after).toEqual({ ...before, researcher: null });
    expect((await store.getTriage(kept))?.researcher?.email).toBe(EMAIL);
    const events = (await store.listEvents(first)).filter((e) => e.type === 'contact-purged');
    expect(events).toEqual([{ reportId: first, type: 'contact-purged', at: now }]);
  });

  it('is idempotent: a second run purges nothing and records nothing', async () => {
    const id = await reportIn('known', CLOSED, 30);
    await store.purgeContacts(later(CLOSED, 31 * DAY));

    const again = await store.purgeContacts(later(CLOSED, 32 * DAY));

    expect(again).toEqual([]);
    expect((await store.listEvents(id)).filter((e) => e.type === 'contact-purged')).toHaveLength(1);
  });

  it('deletes the receipt with the contact details, also of a report sent without any', async () => {
    const report = aNewReport({ payload: JSON.stringify({ title: 'anonymous' }), receipt: 'Receipt of a vulnerability report' });
    await store.acceptReport(report);
    await store.markFiled(report.id, { number: 43, url: 'https://github.com/acme/security/issues/43' }, later(T0, 60_000), aFilingFacts({ researcher: null, retentionDays: 30 }));
    await changeTriage(store, report.id, { status: 'rejected', closedAt: CLOSED });
    expect(await store.getReceipt(report.id)).not.toBeNull();

    expect(await store.purgeContacts(later(CLOSED, 29 * DAY))).toEqual([]);
    expect(await store.getReceipt(report.id)).not.toBeNull();
    expect(await store.purgeContacts(later(CLOSED, 31 * DAY))).toEqual([report.id]);

    expect(await store.getReceipt(report.id)).toBeNull();
    expect(await store.purgeContacts(later(CLOSED, 32 * DAY))).toEqual([]);
  });

  it('leaves a report reopened after closing alone', async () => {
    const id = await reportIn('rejected', CLOSED, 30);
    await changeTriage(store, id, { status: 'triaged', closedAt: null });

    const ids = await store.purgeContacts(later(CLOSED, 31 * DAY));

    expect(ids).toEqual([]);
  });
});

describeEachBackend('erasing contact details on request', (backend) => {
  let store: Store;

  beforeEach(async () => {
    store = await backend.open();
  });

  it('deletes a filed report’s contact details now and records contact-erased', async () => {
    const report = await fileReport(store);
    const before = await store.getTriage(report.id);
    const now = later(T0, 3 * DAY);

    await store.eraseContact(report.id, now);

    expect(await store.getTriage(report.id)).toEqual({ ...before, researcher: null });
    expect((await store.listEvents(report.id)).filter((e) => e.type === 'contact-erased')).toEqual([{ reportId: report.id, type: 'contact-erased', at: now }]);
  });

  it('deletes the receipt now: it holds the contact details as received', async () => {
    const report = await fileReport(store, { report: { receipt: `Receipt\n{"contact":{"email":"${EMAIL}"}}` } });

    await store.eraseContact(report.id, later(T0, 3 * DAY));

    expect(await store.getReceipt(report.id)).toBeNull();
  });

  it('leaves the conversation readable: the researcher erased their contact details, not their report', async () => {
    const report = await fileReport(store);
    await changeTriage(store, report.id, {}, [aMessage(report.id, 'needs-info', 'Which browser?'), aMessage(report.id, 'from-researcher', 'Firefox 128.')]);

    await store.eraseContact(report.id, later(T0, 3 * DAY));

    expect((await store.listMessages(report.id)).map((m) => m.body)).toEqual(['Which browser?', 'Firefox 128.']);
  });

  it('strips the contact from a queued report and makes its credit anonymous, keeping the report', async () => {
    const report = aNewReport({ payload: payloadWithContact() });
    await store.acceptReport(report);

    await store.eraseContact(report.id, later(T0, DAY));

    const stored = await store.getReport(report.id);
    expect(stored?.status).toBe('queued');
    expect(JSON.parse(stored?.payload ?? 'null')).toEqual({
      title: 'Stored XSS in profile name',
      description: 'The profile name is rendered without escaping.',
      contact: {},
      credit: 'anonymous',
    });
    expect(stored?.payload).not.toContain(EMAIL);
  });

  it('can be repeated', async () => {
    const report = await fileReport(store);

    await store.eraseContact(report.id, later(T0, DAY));
    await store.eraseContact(report.id, later(T0, 2 * DAY));

    expect((await store.getTriage(report.id))?.researcher).toBeNull();
  });

  it('throws for an unknown report', async () => {
    await expect(store.eraseContact('DD-UNKNOWN00000', T0)).rejects.toBeInstanceOf(ReportNotFoundError);
  });

  it('files a queued report erased before filing, without contact details and anonymously', async () => {
    const desk = await openDesk(store);
    const input = ReportInput.parse({ ...SAMPLE_REPORT, contact: { name: 'Ada', email: EMAIL, github: 'ada-l' }, credit: 'name' });
    const accepted = await desk.intake.accept(ORG, 'api', input);

    expect(await desk.statusDesk.erase(accepted.statusToken)).toBe('erased');
    await desk.core.worker.runOnce();

    const filed = await store.getReport(accepted.id);
    expect(filed?.status).toBe('filed');
    const triage = await store.getTriage(accepted.id);
    expect(triage?.researcher).toEqual({ pgpKey: null, name: null, github: null, email: null, phone: null, credit: 'anonymous' });
    expect(desk.issue(filed?.issueNumber ?? 0).body).not.toContain('ada-l');
    const exported = await desk.statusDesk.exportData(accepted.statusToken);
    expect(JSON.stringify(exported)).not.toContain(EMAIL);
  });

  it('purges through the SLA sweep once a closed report’s retention period is over', async () => {
    const desk = await openDesk(store, { config: { privacy: { retention_days: 10 } } });
    const report = await desk.file({ contact: { email: EMAIL } });
    await desk.comment(report.issueNumber, '/reject Works as intended.');
    await desk.core.worker.runOnce();

    desk.setNow(later(desk.now(), 5 * DAY));
    const early = await desk.core.sweep.runOnce();
    desk.setNow(later(desk.now(), 6 * DAY));
    const due = await desk.core.sweep.runOnce();

    expect(early.purged).toBe(0);
    expect(due.purged).toBe(1);
    expect((await store.getTriage(report.id))?.researcher).toBeNull();
  });
});
