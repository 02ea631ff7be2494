import { beforeEach, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { newSendMailJob, sendMailJob } from '../../src/flows/researcher/send-mail-job.js';
import { ReportInput } from '../../src/report/report.js';
import type { Mailer, OutgoingMail } from '../../src/ports/mailer.js';
import type { Store } from '../../src/store/store.js';
import { ORG, SAMPLE_REPORT, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';
import { T0, aNewReport, later } from './new-report.js';
import { DAY, aFilingFacts } from './new-triage.js';

const EMAIL = 'ada@example.org';
const CONTACT = { name: 'Ada Lovelace', email: EMAIL, phone: '+31 6 12345678', github: 'ada-l' };

/** What an erased researcher is after filing: no contact details, and no credit by name. */
const ERASED = { pgpKey: null, name: null, github: null, email: null, phone: null, credit: 'anonymous' };

/** A Mailer that records what it would send. */
function recordingMailer(): Mailer & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return {
    sent,
    send(message) {
      sent.push(message);
      return Promise.resolve({ messageId: '' });
    },
  };
}

/** `store`, but `before` runs first whenever markFiled is called: the filing job has read the report by then. */
function beforeMarkFiled(store: Store, before: () => Promise<unknown>): Store {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'markFiled') {
        return async (...args: Parameters<Store['markFiled']>) => {
          await before();
          return target.markFiled(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describeEachBackend('erasing contact details while the report is being filed', (backend) => {
  let store: Store;

  beforeEach(async () => {
    store = await backend.open();
  });

  it('stores no contact details when the report is marked filed after an erase, whatever facts the filing job brings', async () => {
    const report = aNewReport({ payload: JSON.stringify({ title: 'Stored XSS', contact: { email: EMAIL }, credit: 'name' }) });
    await store.acceptReport(report);

    await store.eraseContact(report.id, later(T0, 1000));
    await store.markFiled(report.id, { number: 7, url: 'https://github.com/acme/security/issues/7' }, later(T0, 2000), aFilingFacts());

    const triage = await store.getTriage(report.id);
    expect(triage?.status).toBe('new');
    expect(triage?.researcher).toEqual(ERASED);
    expect(JSON.stringify(triage)).not.toContain(EMAIL);
  });

  it('keeps the rest of what filing learned', async () => {
    const report = aNewReport();
    await store.acceptReport(report);
    await store.eraseContact(report.id, later(T0, 1000));

    await store.markFiled(report.id, { number: 7, url: 'https://github.com/acme/security/issues/7' }, later(T0, 2000), aFilingFacts({ retentionDays: 30 }));

    const triage = await store.getTriage(report.id);
    expect(triage).toMatchObject({ repo: 'security', assetKeys: ['domain:acme.example', 'repo:acme/web'], severity: 'high', timeZone: 'Europe/Amsterdam' });
  });

  it('still stores the researcher of a report nobody erased', async () => {
    const report = aNewReport();
    await store.acceptReport(report);

    await store.markFiled(report.id, { number: 7, url: 'https://github.com/acme/security/issues/7' }, later(T0, 2000), aFilingFacts());

    expect((await store.getTriage(report.id))?.researcher?.email).toBe(EMAIL);
  });

  it('keeps a filed report’s contact details erased when the erase is repeated', async () => {
    const report = aNewReport();
    await store.acceptReport(report);
    await store.markFiled(report.id, { number: 7, url: 'https://github.com/acme/security/issues/7' }, later(T0, 2000), aFilingFacts());

    await store.eraseContact(report.id, later(T0, DAY));
    await store.markFiled(report.id, { number: 7, url: 'https://github.com/acme/security/issues/7' }, later(T0, 2 * DAY), aFilingFacts());

    expect((await store.getTriage(report.id))?.researcher).toBeNull();
  });

  it('erased between the filing job’s read and markFiled: no researcher stored, no mail sent, nothing in the data download', async () => {
    let erase: () => Promise<unknown> = () => Promise.resolve();
    const desk = await openDesk(beforeMarkFiled(store, () => erase()));
    const input = ReportInput.parse({ ...SAMPLE_REPORT, contact: CONTACT, credit: 'name' });
    const accepted = await desk.intake.accept(ORG, 'api', input);
    erase = async () => {
      erase = () => Promise.resolve();
      expect(await desk.statusDesk.erase(accepted.statusToken)).toBe('erased');
    };

    await desk.core.worker.runOnce();
    const mailer = recordingMailer();
    const send = sendMailJob({ store, mailer, pgp: null, settings: { from: 'security@acme.example', replyTo: null, messageIdHost: 'acme.example' }, log: silentLogger });
    const acknowledgement = newSendMailJob(ORG, { reportId: accepted.id, messageIndex: 0, kind: 'acknowledgement', body: 'We received your report.', language: 'en', statusUrl: null }, desk.now());
    const outcome = await send(acknowledgement);

    expect((await store.getReport(accepted.id))?.status).toBe('filed');
    expect((await store.getTriage(accepted.id))?.researcher).toEqual(ERASED);
    expect(outcome).toEqual({ kind: 'done' });
    expect(mailer.sent).toEqual([]);
    const exported = JSON.stringify(await desk.statusDesk.exportData(accepted.statusToken));
    for (const detail of [EMAIL, 'Ada Lovelace', 'ada-l', '+31 6 12345678']) expect(exported).not.toContain(detail);
    expect((await store.listEvents(accepted.id)).map((e) => e.type)).toContain('contact-erased');
  });
});
