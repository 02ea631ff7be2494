import { beforeEach, expect, it } from 'vitest';
import type { StatusView } from '../../src/flows/intake/intake-ports.js';
import { ReportInput, type ReportInputRaw } from '../../src/report/report.js';
import { advisoryEventPayload } from '../helpers/advisory-payloads.js';
import { type Desk, ORG, SAMPLE_REPORT, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';
import { serve } from '../web/helpers/serve.js';

/*
 * The status desk reads the story from what the store keeps: the report, its triage record
 * and its events. The desk's clock starts on Monday 2 March 2026, 09:00 UTC (weekends only,
 * UTC): receipt is due at the end of Tuesday 3 March, the assessment at the end of Monday 9 March.
 */

const RECEIPT_DUE = new Date('2026-03-03T23:59:59.999Z');
const ASSESSMENT_DUE = new Date('2026-03-09T23:59:59.999Z');

describeEachBackend('the status desk', (backend) => {
  let desk: Desk;

  beforeEach(async () => {
    desk = await openDesk(await backend.open());
  });

  /** Accepts a report (not filed yet): its id and status token. */
  async function received(input: Partial<ReportInputRaw> = {}): Promise<{ id: string; token: string }> {
    const accepted = await desk.intake.accept(ORG, 'api', ReportInput.parse({ ...SAMPLE_REPORT, contact: { email: 'ada@example.org', github: 'ada-l' }, credit: 'name', ...input }));
    return { id: accepted.id, token: accepted.statusToken };
  }

  /** Accepts and files a report: its id, token and tracking issue. */
  async function filed(input: Partial<ReportInputRaw> = {}): Promise<{ id: string; token: string; issueNumber: number }> {
    const report = await received(input);
    await desk.core.worker.runOnce();
    const issueNumber = (await desk.store.getReport(report.id))?.issueNumber;
    if (issueNumber == null) throw new Error('the report was not filed');
    return { ...report, issueNumber };
  }

  async function status(token: string): Promise<StatusView> {
    const view = await desk.statusDesk.status(token);
    if (view === null) throw new Error('no status for the token');
    return view;
  }

  async function staff(issueNumber: number, commands: string): Promise<void> {
    await desk.comment(issueNumber, commands);
    await desk.core.worker.runOnce();
  }

  const outcomes = (view: StatusView) => Object.fromEntries(view.deadlines.map((d) => [d.kind, d.outcome]));

  it('a fresh report: received, nothing else yet, the promised deadlines due, the contact details it holds by kind', async () => {
    const { token } = await received();

    const view = await status(token);

    expect(view.state).toBe('queued');
    expect(view.triage).toBeNull();
    expect(view.story).toEqual({ acknowledgedAt: null, triageStartedAt: null, questions: [], acceptedAt: null, fixPlanned: null, fixedAt: null, published: null, advisoryPending: false, closed: null });
    expect(view.deadlines).toEqual([
      { kind: 'receipt', due: RECEIPT_DUE, span: { days: 1, unit: 'business' }, metAt: null, outcome: 'due' },
      { kind: 'assessment', due: ASSESSMENT_DUE, span: { days: 5, unit: 'business' }, metAt: null, outcome: 'due' },
    ]);
    expect(view.contact).toEqual({ held: ['email', 'github'], namedCredit: true });
    expect(view.contactRemoved).toBeNull();
  });

  it('misses the receipt deadline once it passes unmet, and shows it met late when staff then take the report up', async () => {
    const report = await filed();
    desk.setNow('2026-03-04T10:00:00Z');

    const passed = await status(report.token);
    await staff(report.issueNumber, '/severity high');
    const late = await status(report.token);

    expect(outcomes(passed)).toEqual({ receipt: 'missed', assessment: 'due' });
    expect(passed.deadlines[0]?.metAt).toBeNull();
    expect(late.deadlines[0]).toMatchObject({ kind: 'receipt', outcome: 'missed', metAt: new Date('2026-03-04T10:00:00Z') });
    expect(late.story.acknowledgedAt).toEqual(new Date('2026-03-04T10:00:00Z'));
  });

  it('acknowledged and in triage: receipt met, the assessment started, the resolution target set by the severity', async () => {
    const report = await filed();
    desk.setNow('2026-03-02T11:00:00Z');

    await staff(report.issueNumber, '/severity high');
    const view = await status(report.token);

    expect(view.state).toBe('filed');
    expect(view.triage).toEqual({ stage: 'triaged', paused: false, fixBy: null });
    expect(view.story).toMatchObject({ acknowledgedAt: new Date('2026-03-02T11:00:00Z'), triageStartedAt: new Date('2026-03-02T11:00:00Z'), acceptedAt: null, closed: null });
    expect(view.deadlines).toEqual([
      { kind: 'receipt', due: RECEIPT_DUE, span: { days: 1, unit: 'business' }, metAt: new Date('2026-03-02T11:00:00Z'), outcome: 'met' },
      { kind: 'assessment', due: ASSESSMENT_DUE, span: { days: 5, unit: 'business' }, metAt: null, outcome: 'due' },
      { kind: 'resolution', due: new Date('2026-05-01T23:59:59.999Z'), span: { days: 60, unit: 'calendar' }, metAt: null, outcome: 'due' },
    ]);
  });

  it('needs your input: the question is open and the deadlines on hold, until the researcher answers on the status page', async () => {
    const report = await filed();
    desk.setNow('2026-03-02T11:00:00Z');
    await staff(report.issueNumber, '/needs-info Which browser did you use?');

    const waiting = await status(report.token);
    desk.setNow('2026-03-04T08:00:00Z');
    expect(await desk.statusDesk.reply(report.token, 'Firefox 135.')).toBe('posted');
    await desk.core.worker.runOnce();
    const answered = await status(report.token);

    expect(waiting.triage?.paused).toBe(true);
    expect(waiting.story.questions).toEqual([{ at: new Date('2026-03-02T11:00:00Z'), answeredAt: null }]);
    expect(outcomes(waiting)).toEqual({ receipt: 'met', assessment: 'paused' });
    expect(waiting.messages.map((m) => m.body)).toEqual([expect.stringContaining('Which browser did you use?')]);
    expect(answered.story.questions).toEqual([{ at: new Date('2026-03-02T11:00:00Z'), answeredAt: new Date('2026-03-04T08:00:00Z') }]);
    expect(outcomes(answered)).toEqual({ receipt: 'met', assessment: 'due' });
    // Paused Monday to Wednesday: the assessment moved by two business days.
    expect(answered.deadlines[1]?.due).toEqual(new Date('2026-03-11T23:59:59.999Z'));
  });

  it('accepted with a fix date: accepted, the fix planned with its day, the assessment met', async () => {
    const report = await filed();
    desk.setNow('2026-03-03T14:00:00Z');

    await staff(report.issueNumber, '/severity medium\n/accept\n/fix-by 2026-04-01');
    const view = await status(report.token);

    expect(view.triage).toEqual({ stage: 'accepted', paused: false, fixBy: '2026-04-01' });
    expect(view.story).toMatchObject({ acceptedAt: new Date('2026-03-03T14:00:00Z'), fixPlanned: { date: '2026-04-01', at: new Date('2026-03-03T14:00:00Z') }, fixedAt: null, closed: null });
    expect(outcomes(view)).toEqual({ receipt: 'met', assessment: 'met', resolution: 'due' });
  });

  it('resolved: fixed and closed as fixed, the resolution target met', async () => {
    const report = await filed();
    await staff(report.issueNumber, '/severity low\n/accept\n/fix-by 2026-04-01');
    desk.setNow('2026-03-20T15:00:00Z');

    await staff(report.issueNumber, '/resolved');
    const view = await status(report.token);

    expect(view.triage?.stage).toBe('resolved');
    expect(view.story).toMatchObject({ fixedAt: new Date('2026-03-20T15:00:00Z'), closed: { at: new Date('2026-03-20T15:00:00Z'), reason: 'fixed' }, advisoryPending: false, published: null });
    expect(outcomes(view)).toEqual({ receipt: 'met', assessment: 'met', resolution: 'met' });
  });

  it('published: the draft advisory is pending until the published webhook, then the advisory, its link and the CVE id', async () => {
    desk.github.repos.set(`${ORG}/widget`, { private: false, archived: false });
    const report = await filed();
    await staff(report.issueNumber, '/severity high\n/accept acme/widget');
    const advisory = desk.github.advisoryState.get(`${ORG}/widget`)?.find((candidate) => candidate.description.includes(report.id));
    if (advisory === undefined) throw new Error('no draft advisory');
    const pending = await status(report.token);
    desk.setNow('2026-03-24T12:00:00Z');

    expect(await desk.core.advisoryEvent(advisoryEventPayload('published', { ghsaId: advisory.ghsaId, publishedAt: '2026-03-24T12:00:00Z', cveId: 'CVE-2026-12345' }))).toBe('queued');
    await desk.core.worker.runOnce();
    const view = await status(report.token);

    expect(pending.story.advisoryPending).toBe(true);
    expect(view.triage?.stage).toBe('published');
    expect(view.story.published).toEqual({
      at: new Date('2026-03-24T12:00:00Z'),
      ghsaId: advisory.ghsaId,
      advisoryUrl: `https://github.com/acme/widget/security/advisories/${advisory.ghsaId}`,
      cveId: 'CVE-2026-12345',
    });
    expect(view.story).toMatchObject({ fixedAt: new Date('2026-03-24T12:00:00Z'), advisoryPending: false, closed: { reason: 'published' } });
  });

  it.each([
    ['duplicate', '/duplicate #999'],
    ['out-of-scope', '/scope out dos'],
    ['rejected', '/reject Not a vulnerability: the page is public by design.'],
  ])('closed as %s, with the resolution target no longer applying', async (reason, command) => {
    const report = await filed();
    await staff(report.issueNumber, '/severity high');
    desk.setNow('2026-03-05T10:00:00Z');

    await staff(report.issueNumber, command);
    const view = await status(report.token);

    expect(view.triage?.stage).toBe('closed');
    expect(view.story.closed).toEqual({ at: new Date('2026-03-05T10:00:00Z'), reason });
    expect(outcomes(view)).toEqual({ receipt: 'met', assessment: 'met', resolution: 'void' });
  });

  it('remembers an erasure: the contact details held go, and the status says when on every later read', async () => {
    const { token } = await filed();
    desk.setNow('2026-03-06T10:00:00Z');

    expect(await desk.statusDesk.erase(token)).toBe('erased');
    desk.setNow('2026-04-01T10:00:00Z');
    const view = await status(token);

    expect(view.contact).toEqual({ held: [], namedCredit: false });
    expect(view.contactRemoved).toEqual({ at: new Date('2026-03-06T10:00:00Z'), by: 'erased' });
  });

  it('says when retention removed the contact details', async () => {
    const report = await filed();
    await staff(report.issueNumber, '/reject Not a vulnerability.');
    const purgeAt = new Date(desk.now().getTime() + 91 * 86_400_000);

    await desk.store.purgeContacts(purgeAt);
    const view = await status(report.token);

    expect(view.contactRemoved).toEqual({ at: purgeAt, by: 'retention' });
    expect(view.contact.held).toEqual([]);
  });

  it('erases through the confirmation page against the real store, and the page says so afterwards', async () => {
    const { token } = await filed();
    desk.setNow('2026-03-06T10:00:00Z');
    const { base } = await serve({ statusDesk: desk.statusDesk, pages: desk.pages, now: desk.now });

    const confirmationPage = await (await fetch(`${base}/status/${token}/erase?lang=nl`)).text();
    const refused = await fetch(`${base}/status/${token}/erase?lang=nl`, { method: 'POST', body: new URLSearchParams(), redirect: 'manual' });
    const stillHeld = await status(token);
    const confirmation = /name="confirmation" value="([^"]+)"/.exec(confirmationPage)?.[1] ?? '';
    const erased = await fetch(`${base}/status/${token}/erase?lang=nl`, { method: 'POST', body: new URLSearchParams({ confirmation }), redirect: 'manual' });
    desk.setNow('2026-04-01T10:00:00Z');
    const later = await (await fetch(`${base}/status/${token}`)).text();

    expect(confirmationPage).toContain('<li>Uw e-mailadres: we kunnen u niet meer mailen</li>\n<li>Uw GitHub-gebruikersnaam');
    expect(refused.status).toBe(400);
    expect(stillHeld.contact.held).toEqual(['email', 'github']);
    expect(erased.status).toBe(303);
    expect(later).toContain('<div class="notice contact-removed">\n<p><strong>Your contact details were deleted on 6 March 2026, at your request.</strong></p>');
    expect((await desk.store.getTriage((await status(token)).id))?.researcher?.email ?? null).toBeNull();
  });
});
