import { expect, it } from 'vitest';
import type { NewReport, Store } from '../../src/store/store.js';
import type { CreditRecord } from '../../src/store/triage-records.js';
import { describeEachBackend } from '../helpers/stores.js';
import { T0, aNewReport, later } from './new-report.js';
import { DAY, aFilingFacts } from './new-triage.js';

const GHSA = 'GHSA-2345-6789-cfgh';
const ADVISORY = { ghsaId: GHSA, url: `https://github.com/acme/widget/security/advisories/${GHSA}`, repo: 'acme/widget' };

function aCreditRecord(overrides: Partial<CreditRecord> = {}): CreditRecord {
  const ghsaId = overrides.ghsaId ?? GHSA;
  return {
    ghsaId,
    org: 'acme',
    reportId: null,
    advisoryUrl: `https://github.com/acme/widget/security/advisories/${ghsaId}`,
    cveId: 'CVE-2026-12345',
    summary: 'Stored XSS in the profile page',
    publishedAt: later(T0, 20 * DAY),
    researchers: [
      { display: 'Ada Lovelace', kind: 'name' },
      { display: 'Nightjar', kind: 'pseudonym' },
      { display: 'bob-finds', kind: 'login' },
    ],
    reward: { amount: 1500.5, currency: 'EUR' },
    ...overrides,
  };
}

/** Accepts a report and files it as issue 42 of acme/security. */
async function fileReport(store: Store, report: Partial<NewReport> = {}): Promise<NewReport> {
  const accepted = aNewReport(report);
  await store.acceptReport(accepted);
  await store.markFiled(accepted.id, { number: 42, url: 'https://github.com/acme/security/issues/42' }, later(T0, 60_000), aFilingFacts());
  return accepted;
}

describeEachBackend('credit records and advisory links in the store', (backend) => {
  it('keeps a credit record as saved', async () => {
    const store = await backend.open();
    const record = aCreditRecord({ reportId: 'DD-0123456789AB' });

    const saved = await store.saveCreditRecord(record);

    expect(saved).toBe(true);
    expect(await store.listCreditRecords('acme')).toEqual([record]);
  });

  it('saves the credit of an advisory once: a second save resolves false and changes nothing', async () => {
    const store = await backend.open();
    const first = aCreditRecord();
    await store.saveCreditRecord(first);

    const second = await store.saveCreditRecord(aCreditRecord({ summary: 'Changed', researchers: [], reward: null, cveId: null }));

    expect(second).toBe(false);
    expect(await store.listCreditRecords('acme')).toEqual([first]);
  });

  it('lists an org’s credit records newest first, and only that org’s', async () => {
    const store = await backend.open();
    const oldest = aCreditRecord({ ghsaId: 'GHSA-2222-2222-2222', publishedAt: later(T0, DAY), reward: null, researchers: [] });
    const newest = aCreditRecord({ ghsaId: 'GHSA-3333-3333-3333', publishedAt: later(T0, 30 * DAY) });
    const middle = aCreditRecord({ ghsaId: 'GHSA-4444-4444-4444', publishedAt: later(T0, 10 * DAY) });
    const elsewhere = aCreditRecord({ ghsaId: 'GHSA-5555-5555-5555', org: 'globex', publishedAt: later(T0, 40 * DAY) });
    for (const record of [oldest, newest, elsewhere, middle]) await store.saveCreditRecord(record);

    const records = await store.listCreditRecords('acme');

    expect(records.map((record) => record.ghsaId)).toEqual([newest.ghsaId, middle.ghsaId, oldest.ghsaId]);
    expect(records[2]).toEqual(oldest);
    expect(await store.listCreditRecords('globex')).toEqual([elsewhere]);
    expect(await store.listCreditRecords('initech')).toEqual([]);
  });

  it('finds a report and its triage by the GHSA id of the advisory opened for it', async () => {
    const store = await backend.open();
    const report = await fileReport(store);
    await fileReport(store);

    await store.recordAdvisory(report.id, ADVISORY);

    const triage = await store.findTriageByGhsa(GHSA);
    expect(triage?.reportId).toBe(report.id);
    expect(triage?.ghsaId).toBe(GHSA);
    expect(triage?.advisoryUrl).toBe(ADVISORY.url);
    expect(triage?.advisoryRepo).toBe('acme/widget');
    expect((await store.findReportByGhsa(GHSA))?.id).toBe(report.id);
    expect(await store.findTriageByGhsa('GHSA-9999-9999-9999')).toBeNull();
    expect(await store.findReportByGhsa('GHSA-9999-9999-9999')).toBeNull();
  });

  it('finds a report accepted from an advisory before it is filed, and its triage once filed', async () => {
    const store = await backend.open();
    const report = aNewReport({ channel: 'github', advisory: ADVISORY });
    await store.acceptReport(report);

    expect((await store.findReportByGhsa(GHSA))?.id).toBe(report.id);
    expect((await store.findReportByGhsa(GHSA))?.status).toBe('queued');
    expect(await store.findTriageByGhsa(GHSA)).toBeNull();

    await store.markFiled(report.id, { number: 7, url: 'https://github.com/acme/security/issues/7' }, later(T0, 60_000), aFilingFacts());

    const triage = await store.findTriageByGhsa(GHSA);
    expect(triage?.reportId).toBe(report.id);
    expect(triage?.ghsaId).toBe(GHSA);
    expect(triage?.advisoryRepo).toBe('acme/widget');
    expect(triage?.advisoryUrl).toBe(ADVISORY.url);
  });

  it('refuses a second report for the same advisory', async () => {
    const store = await backend.open();
    const first = aNewReport({ channel: 'github', advisory: ADVISORY });
    await store.acceptReport(first);

    const second = store.acceptReport(aNewReport({ channel: 'github', advisory: ADVISORY }));

    await expect(second).rejects.toThrow();
    expect(await store.countReports('acme')).toBe(1);
    expect((await store.findReportByGhsa(GHSA))?.id).toBe(first.id);
  });

  it('accepts many reports without an advisory', async () => {
    const store = await backend.open();

    await store.acceptReport(aNewReport());
    await store.acceptReport(aNewReport());

    expect(await store.countReports('acme')).toBe(2);
  });
});
