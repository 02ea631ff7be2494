import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEncrypted } from '../../src/store/field-cipher.js';
import { ReportNotFoundError } from '../../src/store/report-not-found-error.js';
import type { NewAttachment, NewReport, Store } from '../../src/store/store.js';
import type { TriageFields } from '../../src/store/triage-records.js';
import { describeEachBackend } from '../helpers/stores.js';
import { type EncryptedDatabase, encryptedBackends, postgresDatabase, postgresRuns } from './encrypted-database.js';
import { T0, aNewReport, later } from './new-report.js';
import { DAY, aFilingFacts, aTriageChange, fieldsOf } from './new-triage.js';

/** Bytes no encoding of the store should show: a PNG signature and a secret in clear. */
const SECRET = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('session=admin-cookie-value-1234')]);

function files(...contents: Buffer[]): NewAttachment[] {
  return contents.map((data, index) => ({ position: index + 1, fileName: `file-${index + 1}.png`, contentType: 'image/png', data }));
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A queued report whose text has one attachment, as the intake stores it. */
function queued(): NewReport {
  return aNewReport({
    payload: JSON.stringify({ title: 'x', description: 'y', contact: { email: 'ada@example.org' }, credit: 'name', attachments: [{ filename: 'a.png', contentType: 'image/png', dataBase64: SECRET.toString('base64') }] }),
  });
}

async function filed(store: Store, report: NewReport = queued()): Promise<string> {
  await store.acceptReport(report);
  await store.markFiled(report.id, { number: 42, url: 'https://github.com/acme/security/issues/42' }, later(T0, 60_000), aFilingFacts({ retentionDays: 30 }));
  return report.id;
}

async function close(store: Store, reportId: string, fields: Partial<TriageFields>): Promise<void> {
  const triage = await store.getTriage(reportId);
  if (triage === null) throw new Error(`no triage for ${reportId}`);
  expect(await store.saveTriage(aTriageChange(triage, { fields: { ...fieldsOf(triage), ...fields } }))).toBe('saved');
}

describeEachBackend('attachments in the store', (backend) => {
  let store: Store;

  beforeEach(async () => {
    store = await backend.open();
  });

  it('keeps each file once, by position, and reads it back with its digest', async () => {
    const report = queued();
    await store.acceptReport(report);

    expect(await store.saveAttachments(report.id, files(SECRET, Buffer.from('two')), T0)).toBe('saved');
    // A retry of filing brings the same files again: nothing changes.
    expect(await store.saveAttachments(report.id, files(Buffer.from('other'), Buffer.from('two')), later(T0, 1000))).toBe('saved');

    expect(await store.listAttachments(report.id)).toEqual([
      { position: 1, fileName: 'file-1.png', contentType: 'image/png', size: SECRET.length, sha256: sha256(SECRET), storedAt: T0 },
      { position: 2, fileName: 'file-2.png', contentType: 'image/png', size: 3, sha256: sha256(Buffer.from('two')), storedAt: T0 },
    ]);
    expect((await store.getAttachment(report.id, 1))?.data.equals(SECRET)).toBe(true);
    expect(await store.getAttachment(report.id, 3)).toBeNull();
    expect(await store.getAttachment('DD-NONE', 1)).toBeNull();
  });

  it('refuses files for a report it does not have', async () => {
    await expect(store.saveAttachments('DD-NONE', files(SECRET), T0)).rejects.toBeInstanceOf(ReportNotFoundError);
  });

  it('deletes them at the end of the retention period with the contact details, and records when and how many', async () => {
    const id = await filed(store);
    await store.saveAttachments(id, files(SECRET, Buffer.from('two')), T0);
    const open = await filed(store);
    await store.saveAttachments(open, files(SECRET), T0);
    await close(store, id, { status: 'rejected', closedAt: later(T0, DAY) });

    expect(await store.purgeContacts(later(T0, 30 * DAY))).toEqual([]);
    const purged = await store.purgeContacts(later(T0, 31 * DAY + 1));

    expect(purged).toEqual([id]);
    expect(await store.listAttachments(id)).toEqual([]);
    expect(await store.getAttachment(id, 1)).toBeNull();
    const event = (await store.listEvents(id)).find((e) => e.type === 'attachments-purged');
    expect(event?.data).toEqual({ attachments: 2, retentionDays: 30 });
    expect(event?.at).toEqual(later(T0, 31 * DAY + 1));
    // An open report keeps its files, however old.
    expect(await store.listAttachments(open)).toHaveLength(1);
    expect(await store.purgeContacts(later(T0, 400 * DAY))).toEqual([]);
  });

  it('purges the files of a report whose contact details went before', async () => {
    const report = aNewReport({ payload: JSON.stringify({ title: 'x', description: 'y', contact: {}, credit: 'anonymous' }) });
    const id = await filed(store, report);
    await store.saveAttachments(id, files(SECRET), T0);
    await close(store, id, { status: 'resolved', closedAt: later(T0, DAY) });

    expect(await store.purgeContacts(later(T0, 32 * DAY))).toEqual([id]);
    expect(await store.listAttachments(id)).toEqual([]);
  });

  it('deletes them when the researcher erases their details, and records how many', async () => {
    const id = await filed(store);
    await store.saveAttachments(id, files(SECRET), T0);

    await store.eraseContact(id, later(T0, DAY));

    expect(await store.listAttachments(id)).toEqual([]);
    const event = (await store.listEvents(id)).find((e) => e.type === 'attachments-erased');
    expect(event?.data).toEqual({ attachments: 1 });
  });

  it('takes the files out of a report not filed yet, and never stores them after the erasure', async () => {
    const report = queued();
    await store.acceptReport(report);

    await store.eraseContact(report.id, later(T0, DAY));
    const afterwards = await store.saveAttachments(report.id, files(SECRET), later(T0, DAY + 1));

    expect(afterwards).toBe('erased');
    expect(await store.listAttachments(report.id)).toEqual([]);
    const payload = JSON.parse((await store.getReport(report.id))?.payload ?? '{}') as { attachments?: unknown[] };
    expect(payload.attachments).toEqual([]);
    expect((await store.listEvents(report.id)).find((e) => e.type === 'attachments-erased')?.data).toEqual({ attachments: 1 });
  });

  it('counts the files of a report being filed once, stored or still in its text', async () => {
    const report = queued();
    await store.acceptReport(report);
    await store.saveAttachments(report.id, files(SECRET), T0);

    await store.eraseContact(report.id, later(T0, DAY));

    expect((await store.listEvents(report.id)).find((e) => e.type === 'attachments-erased')?.data).toEqual({ attachments: 1 });
    expect(await store.listAttachments(report.id)).toEqual([]);
  });
});

for (const backend of encryptedBackends) {
  (backend.available ? describe : describe.skip)(`attachments at rest [${backend.name}]`, () => {
    let database: EncryptedDatabase;

    beforeEach(async () => {
      database = await backend.create();
    });

    afterEach(async () => {
      await database.cleanup();
    });

    it('keeps the bytes encrypted: the raw row holds neither them nor their base64', async () => {
      const store = await database.open();
      const report = queued();
      await store.acceptReport(report);

      await store.saveAttachments(report.id, files(SECRET), T0);

      const [row] = await database.query<{ data: string; sha256: string }>('select data, sha256 from report_attachments where report_id = ?', [report.id]);
      expect(row).toBeDefined();
      expect(isEncrypted(row?.data ?? '')).toBe(true);
      expect(row?.data).not.toContain(SECRET.toString('base64'));
      expect(row?.data).not.toContain('admin-cookie-value');
      expect(Buffer.from(row?.data ?? '', 'utf8').includes(SECRET)).toBe(false);
      expect((await store.getAttachment(report.id, 1))?.data.equals(SECRET)).toBe(true);
    });
  });
}

(postgresRuns ? describe : describe.skip)('attachments stored in clear before a key was set [postgres]', () => {
  let database: EncryptedDatabase;

  beforeEach(async () => {
    database = await postgresDatabase();
  });

  afterEach(async () => {
    await database.cleanup();
  });

  it('encrypts them at the next start with a key', async () => {
    const plain = await database.open({});
    const report = queued();
    await plain.acceptReport(report);
    await plain.saveAttachments(report.id, files(SECRET), T0);
    const [before] = await database.query<{ data: string }>('select data from report_attachments where report_id = ?', [report.id]);
    expect(before?.data).toBe(SECRET.toString('base64'));
    await plain.close();

    const keyed = await database.open();

    const [after] = await database.query<{ data: string }>('select data from report_attachments where report_id = ?', [report.id]);
    expect(isEncrypted(after?.data ?? '')).toBe(true);
    expect((await keyed.getAttachment(report.id, 1))?.data.equals(SECRET)).toBe(true);
  });
});
