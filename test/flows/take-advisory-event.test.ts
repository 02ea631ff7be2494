import { beforeEach, expect, it } from 'vitest';
import { advisoryEventPayload } from '../helpers/advisory-payloads.js';
import { type Desk, ORG, TRACKING_REPO, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

const GHSA = 'GHSA-2345-6789-cfgh';

describeEachBackend('repository_advisory webhooks', (backend) => {
  let desk: Desk;

  function trackingIssues() {
    return desk.github.filedIssues.get(`${ORG}/${TRACKING_REPO}`) ?? [];
  }

  beforeEach(async () => {
    desk = await openDesk(await backend.open());
  });

  it('files a privately reported vulnerability as a tracking issue from GitHub, with the reporter as researcher', async () => {
    const outcome = await desk.core.advisoryEvent(advisoryEventPayload('reported', { ghsaId: GHSA, reporter: 'reporter-jane', summary: 'SQL injection in the search box' }));
    await desk.core.worker.runOnce();

    expect(outcome).toBe('accepted');
    const report = await desk.store.findReportByGhsa(GHSA);
    expect(report?.channel).toBe('github');
    expect(report?.status).toBe('filed');
    expect(await desk.store.countReports(ORG)).toBe(1);
    const issues = trackingIssues();
    expect(issues).toHaveLength(1);
    expect(issues[0]?.title).toContain('SQL injection in the search box');
    expect(issues[0]?.labels).toContain('channel:github');
    const triage = await desk.store.findTriageByGhsa(GHSA);
    expect(triage?.reportId).toBe(report?.id);
    expect(triage?.researcher?.github).toBe('reporter-jane');
    expect(triage?.researcher?.credit).toBe('name');
    expect(triage?.ghsaId).toBe(GHSA);
    expect(triage?.advisoryRepo).toBe('acme/widget');
    expect(triage?.advisoryUrl).toBe(`https://github.com/acme/widget/security/advisories/${GHSA}`);
  });

  it('files exactly one issue when the reported webhook is redelivered', async () => {
    const payload = advisoryEventPayload('reported', { ghsaId: GHSA });
    await desk.core.advisoryEvent(payload);
    await desk.core.worker.runOnce();

    const outcome = await desk.core.advisoryEvent(structuredClone(payload));
    await desk.core.worker.runOnce();

    expect(outcome).toBe('duplicate');
    expect(await desk.store.countReports(ORG)).toBe(1);
    expect(trackingIssues()).toHaveLength(1);
  });

  it('accepts one report when two deliveries of the same report race', async () => {
    const payload = advisoryEventPayload('reported', { ghsaId: GHSA });
    // Both deliveries look the advisory up before either has stored its report.
    const find = desk.store.findReportByGhsa.bind(desk.store);
    let lookups = 0;
    let bothLooked: () => void = () => undefined;
    const barrier = new Promise<void>((resolve) => (bothLooked = resolve));
    desk.store.findReportByGhsa = async (ghsaId) => {
      const found = await find(ghsaId);
      lookups += 1;
      if (lookups === 2) bothLooked();
      if (lookups <= 2) await barrier;
      return found;
    };

    const outcomes = await Promise.all([desk.core.advisoryEvent(payload), desk.core.advisoryEvent(structuredClone(payload))]);
    await desk.core.worker.runOnce();

    expect([...outcomes].sort()).toEqual(['accepted', 'duplicate']);
    expect(lookups).toBe(3);
    expect(await desk.store.countReports(ORG)).toBe(1);
    expect(trackingIssues()).toHaveLength(1);
  });

  it.each([
    { name: 'an empty object', payload: {} },
    { name: 'an unknown action', payload: { ...advisoryEventPayload('reported'), action: 'withdrawn' } },
    { name: 'no advisory', payload: { ...advisoryEventPayload('reported'), repository_advisory: undefined } },
    { name: 'a ghsa id that is not a string', payload: { ...advisoryEventPayload('reported'), repository_advisory: { ...advisoryEventPayload('reported').repository_advisory, ghsa_id: 42 } } },
  ])('ignores a payload with $name and queues nothing', async ({ payload }) => {
    const outcome = await desk.core.advisoryEvent(payload);
    await desk.core.worker.runOnce();

    expect(outcome).toBe('ignored');
    expect(await desk.store.countReports()).toBe(0);
    expect(trackingIssues()).toHaveLength(0);
  });

  it('queues the credit record when an advisory is published', async () => {
    const outcome = await desk.core.advisoryEvent(advisoryEventPayload('published', { ghsaId: GHSA }));

    expect(outcome).toBe('queued');
    const job = await desk.store.getJob(`publish:${GHSA}`);
    expect(job?.kind).toBe('publish-credit');
    expect(job?.org).toBe(ORG);
    expect(job?.state).toBe('pending');
    expect(await desk.store.countReports()).toBe(0);
  });
});
