import { expect, it } from 'vitest';
import { ReportInput } from '../../src/report/report.js';
import { openDesk, ORG, SAMPLE_REPORT } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

/** Seed 003 credits by name unless the researcher declines; seed 004 only on request. */
describeEachBackend('the organisation’s credit default', (backend) => {
  it('credits a researcher who did not choose as the organisation’s policy says (opt-out: by name)', async () => {
    const desk = await openDesk(await backend.open(), { config: { credit: { default: 'name' } } });

    const report = await desk.file({ contact: { name: 'Ada Lovelace' } });

    expect((await desk.store.getTriage(report.id))?.researcher?.credit).toBe('name');
    expect(desk.issue(report.issueNumber).body).toContain('credit by name');
  });

  it('keeps a researcher’s own choice over an opt-out default', async () => {
    const desk = await openDesk(await backend.open(), { config: { credit: { default: 'name' } } });

    const report = await desk.file({ contact: { name: 'Ada Lovelace' }, credit: 'anonymous' });

    expect((await desk.store.getTriage(report.id))?.researcher?.credit).toBe('anonymous');
  });

  it('credits nobody who did not ask, without a credit section (opt-in)', async () => {
    const desk = await openDesk(await backend.open());

    const report = await desk.file({ contact: { name: 'Ada Lovelace' } });

    expect((await desk.store.getTriage(report.id))?.researcher?.credit).toBe('anonymous');
    expect(desk.issue(report.issueNumber).body).toContain('no credit (anonymous)');
  });

  it('signs the credit that applies into the receipt, so the researcher can see it', async () => {
    const desk = await openDesk(await backend.open(), { config: { credit: { default: 'name' } } });

    const { id } = await desk.intake.accept(ORG, 'api', ReportInput.parse(SAMPLE_REPORT));

    expect(await desk.store.getReceipt(id)).toContain('"credit":"name"');
  });
});
