import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/parse-config.js';
import type { DeadlineKind, StatusView } from '../../src/flows/intake/intake-ports.js';
import type { Language, ReportInputRaw } from '../../src/report/report.js';
import { ReportInput } from '../../src/report/report.js';
import { renderPolicyPage } from '../../src/web/pages/policy-page.js';
import { type Desk, ORG, SAMPLE_REPORT, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

/*
 * Each example config of docs/examples/ (one per seed policy in shared/seeds/) run end to
 * end through the desk, as docs/seed-promises.md claims: the report is accepted and filed,
 * the tracking issue and the status page show exactly the promised deadlines with the
 * right dates, the SLA sweep reminds and marks overdue only those, "we keep you informed"
 * reminds staff after the configured silence, the credit default applies, seed 004's
 * agreed publication date is recorded and shown, and seed 003's reward text promises a
 * reward for each new report.
 *
 * The clock starts on Friday 24 April 2026, 10:00 in Amsterdam. Monday 27 April is King's
 * Day, a Dutch public holiday: one business day on is Tuesday 28 April, five is Monday
 * 4 May; seven calendar days on is Friday 1 May. Deadlines end at 23:59 in Amsterdam (CEST).
 */

const EXAMPLES = new URL('../../docs/examples/', import.meta.url);
const FRIDAY_BEFORE_KINGS_DAY = new Date('2026-04-24T08:00:00Z');
const TUESDAY_END = '2026-04-28T21:59:59.999Z';
const NEXT_MONDAY_END = '2026-05-04T21:59:59.999Z';
const FRIDAY_1_MAY_END = '2026-05-01T21:59:59.999Z';
/** `/severity high`: 60 calendar days after receipt, Tuesday 23 June. */
const RESOLUTION_HIGH_END = '2026-06-23T21:59:59.999Z';

interface Seed {
  file: string;
  /** The tracking issue's language (`tracking.language`). */
  language: Language;
  /** The promised deadlines at filing, each with its due instant, span and Deadlines row. */
  deadlines: Array<{ kind: DeadlineKind; due: string; span: { days: number; unit: 'business' | 'calendar' }; row: string }>;
  /** Deadline rows that must not appear. */
  absentRows: string[];
  credit: 'anonymous' | 'name';
}

const SEEDS: Seed[] = [
  {
    file: '000-upload-portal.yml',
    language: 'en',
    deadlines: [
      { kind: 'receipt', due: TUESDAY_END, span: { days: 1, unit: 'business' }, row: '| Confirm receipt | Tuesday 28 April 2026, 23:59 (Europe/Amsterdam) (1 business day) | open |' },
      { kind: 'assessment', due: NEXT_MONDAY_END, span: { days: 5, unit: 'business' }, row: '| Assessment with an expected fix date | Monday 4 May 2026, 23:59 (Europe/Amsterdam) (5 business days) | open |' },
    ],
    absentRows: [],
    credit: 'anonymous',
  },
  {
    file: '003-email-pgp-reward.yml',
    language: 'nl',
    deadlines: [
      { kind: 'assessment', due: FRIDAY_1_MAY_END, span: { days: 7, unit: 'calendar' }, row: '| Beoordeling met verwachte datum voor een oplossing | vrijdag 1 mei 2026, 23:59 (Europe/Amsterdam) (7 kalenderdagen) | open |' },
    ],
    absentRows: ['Ontvangstbevestiging'],
    credit: 'name',
  },
  {
    file: '004-ncsc-guideline.yml',
    language: 'nl',
    deadlines: [
      { kind: 'receipt', due: TUESDAY_END, span: { days: 1, unit: 'business' }, row: '| Ontvangstbevestiging | dinsdag 28 april 2026, 23:59 (Europe/Amsterdam) (1 werkdag) | open |' },
      { kind: 'assessment', due: NEXT_MONDAY_END, span: { days: 5, unit: 'business' }, row: '| Beoordeling met verwachte datum voor een oplossing | maandag 4 mei 2026, 23:59 (Europe/Amsterdam) (5 werkdagen) | open |' },
    ],
    absentRows: [],
    credit: 'anonymous',
  },
];

function exampleConfig(file: string): unknown {
  return parse(readFileSync(new URL(file, EXAMPLES), 'utf8'));
}

const byFile = (file: string): Seed => {
  const seed = SEEDS.find((candidate) => candidate.file === file);
  if (seed === undefined) throw new Error(`no seed ${file}`);
  return seed;
};

describeEachBackend('the seed policies, each run as its example config', (backend) => {
  interface Received {
    desk: Desk;
    id: string;
    token: string;
    issueNumber: number;
  }

  /** Opens a desk on the seed's example config and files a report (no e-mail: receipt is confirmed only by staff). */
  async function received(seed: Seed, input: Partial<ReportInputRaw> = {}): Promise<Received> {
    const desk = await openDesk(await backend.open(), { config: exampleConfig(seed.file), now: FRIDAY_BEFORE_KINGS_DAY });
    const accepted = await desk.intake.accept(ORG, 'api', ReportInput.parse({ ...SAMPLE_REPORT, language: seed.language, ...input }));
    await desk.core.worker.runOnce();
    const issueNumber = (await desk.store.getReport(accepted.id))?.issueNumber;
    if (issueNumber == null) throw new Error(`${seed.file}: the report was not filed`);
    return { desk, id: accepted.id, token: accepted.statusToken, issueNumber };
  }

  async function statusOf(report: Received): Promise<StatusView> {
    const view = await report.desk.statusDesk.status(report.token);
    if (view === null) throw new Error('no status for the token');
    return view;
  }

  async function run(report: Received, command: string): Promise<void> {
    await report.desk.comment(report.issueNumber, command);
    await report.desk.core.worker.runOnce();
  }

  /** Runs the SLA sweep at `at` and lets the worker post what it queued. */
  async function sweepAt(report: Received, at: string): Promise<void> {
    report.desk.setNow(at);
    await report.desk.core.sweep.runOnce();
    await report.desk.core.worker.runOnce();
  }

  /** The SLA notices posted on the issue (reminders and overdue notices), by their hidden job marker. */
  function slaNotices(report: Received): string[] {
    return report.desk.commentsOn(report.issueNumber).filter((body) => body.startsWith(`<!-- disclosure-desk:job=sla:${report.id}:`));
  }

  /** What an SLA notice is about, from its marker: e.g. `receipt-overdueassessment-overdue`. */
  function noticeKey(report: Received, body: string): string | undefined {
    return body.split(' -->')[0]?.split(`${report.id}:`)[1];
  }

  function keepInformedNotices(report: Received): string[] {
    return report.desk.commentsOn(report.issueNumber).filter((body) => body.includes(`:${report.id}:keep-informed:`));
  }

  it.each(SEEDS.map((seed) => [seed.file, seed] as const))('%s: files the report and shows exactly the promised deadlines, with their dates, on the issue and the status page', async (_file, seed) => {
    const report = await received(seed);

    const stored = await report.desk.store.getReport(report.id);
    const body = report.desk.issue(report.issueNumber).body;
    const view = await statusOf(report);

    expect(stored?.status).toBe('filed');
    expect(stored?.receiptDue?.toISOString() ?? null).toBe(seed.deadlines.find((deadline) => deadline.kind === 'receipt')?.due ?? null);
    expect(stored?.assessmentDue?.toISOString() ?? null).toBe(seed.deadlines.find((deadline) => deadline.kind === 'assessment')?.due ?? null);
    for (const deadline of seed.deadlines) expect(body).toContain(deadline.row);
    for (const row of seed.absentRows) expect(body).not.toContain(row);
    // Exactly these: no other dated promise in the Deadlines table.
    expect(body.split('\n').filter((line) => line.endsWith('| open |'))).toEqual(seed.deadlines.map((deadline) => deadline.row));
    expect(view.state).toBe('filed');
    expect(view.timeZone).toBe('Europe/Amsterdam');
    expect(view.deadlines.map((deadline) => [deadline.kind, deadline.due.toISOString(), deadline.span, deadline.outcome])).toEqual(
      seed.deadlines.map((deadline) => [deadline.kind, deadline.due, deadline.span, 'due']),
    );
  });

  it.each(SEEDS.map((seed) => [seed.file, seed] as const))('%s: a severity adds the promised resolution target in calendar days, on the status page too', async (_file, seed) => {
    const report = await received(seed);

    await run(report, '/severity high');
    const view = await statusOf(report);

    expect(view.deadlines.at(-1)).toMatchObject({ kind: 'resolution', span: { days: 60, unit: 'calendar' } });
    expect(view.deadlines.at(-1)?.due.toISOString()).toBe(RESOLUTION_HIGH_END);
    expect(view.deadlines.map((deadline) => deadline.kind)).toEqual([...seed.deadlines.map((deadline) => deadline.kind), 'resolution']);
  });

  it.each([
    ['000-upload-portal.yml', ['receipt-reminder'], ['receipt-overdue', 'assessment-overdue']],
    ['003-email-pgp-reward.yml', [], ['assessment-overdue']],
    ['004-ncsc-guideline.yml', ['receipt-reminder'], ['receipt-overdue', 'assessment-overdue']],
  ])('%s: the SLA sweep reminds and marks overdue only the promised deadlines, skipping King\'s Day', async (file, onTuesday, aWeekLater) => {
    const report = await received(byFile(file));

    // Tuesday 28 April, 08:00 in Amsterdam: without King's Day the receipt would be overdue.
    await sweepAt(report, '2026-04-28T06:00:00Z');
    const tuesday = slaNotices(report);
    const tuesdayLabels = report.desk.issue(report.issueNumber).labels;
    await sweepAt(report, '2026-05-05T06:00:00Z');
    const later = slaNotices(report).slice(tuesday.length);

    expect(tuesday.map((body) => noticeKey(report, body))).toEqual(onTuesday.length === 0 ? [] : [onTuesday.join('')]);
    expect(tuesdayLabels).not.toContain('sla:overdue');
    expect(later.map((body) => noticeKey(report, body))).toEqual([aWeekLater.join('')]);
    expect(report.desk.issue(report.issueNumber).labels).toContain('sla:overdue');
    if (file.startsWith('003')) expect(later.join('\n')).not.toContain('Ontvangstbevestiging');
  });

  it.each(SEEDS.map((seed) => [seed.file, seed] as const))('%s: keeps the researcher informed: staff are reminded once after 14 days of silence', async (_file, seed) => {
    const report = await received(seed);

    await sweepAt(report, '2026-05-08T07:00:00Z');
    const before = keepInformedNotices(report);
    await sweepAt(report, '2026-05-08T09:00:00Z');
    await sweepAt(report, '2026-05-09T09:00:00Z');

    expect(before).toEqual([]);
    const notices = keepInformedNotices(report);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(seed.language === 'nl' ? '(14 dagen)' : '(14 days)');
    expect(notices[0]).toContain(seed.language === 'nl' ? 'vrijdag 24 april 2026, 10:00 (Europe/Amsterdam)' : 'Friday 24 April 2026, 10:00 (Europe/Amsterdam)');
  });

  it.each([
    ['000-upload-portal.yml', 'anonymous', false],
    ['003-email-pgp-reward.yml', 'name', true],
    ['004-ncsc-guideline.yml', 'anonymous', false],
  ] as const)('%s: a researcher who does not choose is credited as %s, through to the hall of fame', async (file, credit, listed) => {
    const report = await received(byFile(file), { contact: { name: 'Ada Lovelace' } });

    const organisation = await report.desk.pages.organisation(ORG);
    await run(report, '/severity high\n/accept\n/reward 500 EUR');
    await run(report, '/resolved');
    await report.desk.runLater();
    const hallOfFame = report.desk.github.repoFileState.get(`${ORG}/.github/HALL_OF_FAME.md`)?.text ?? '';

    expect(organisation?.creditDefault).toBe(credit);
    expect((await report.desk.store.getTriage(report.id))?.researcher?.credit).toBe(credit);
    // The credit record on the issue, once, with the reward; public only when named.
    const records = report.desk.commentsOn(report.issueNumber).filter((body) => body.includes('disclosure-desk:credit-record='));
    expect(records).toHaveLength(1);
    expect(records[0]).toContain('EUR 500');
    if (listed) {
      expect((await report.desk.store.listCreditRecords(ORG)).map((record) => [record.researchers, record.reward])).toEqual([
        [[{ display: 'Ada Lovelace', kind: 'name' }], { amount: 500, currency: 'EUR' }],
      ]);
      expect(hallOfFame).toContain('| Ada Lovelace |');
    } else {
      expect(await report.desk.store.listCreditRecords(ORG)).toEqual([]);
      expect(records[0]).not.toContain('Ada Lovelace');
      expect(hallOfFame).not.toContain('Ada Lovelace');
    }
  });

  it('003: the researcher’s own choice wins over the opt-out default', async () => {
    const report = await received(byFile('003-email-pgp-reward.yml'), { contact: { name: 'Ada Lovelace' }, credit: 'anonymous' });

    expect((await report.desk.store.getTriage(report.id))?.researcher?.credit).toBe('anonymous');
  });

  it('004: /disclose-on records the agreed date, shows it on the issue and the status page, tells the researcher and reminds staff a week before and on the day', async () => {
    const report = await received(byFile('004-ncsc-guideline.yml'));
    report.desk.setNow('2026-05-12T10:00:00Z');

    await run(report, '/disclose-on 2026-06-01');
    const recorded = (await report.desk.store.getTriage(report.id))?.disclosure;
    const view = await statusOf(report);
    const agreed = report.desk.commentsOn(report.issueNumber).length;
    await sweepAt(report, '2026-05-24T21:00:00Z');
    const dayBefore = report.desk.commentsOn(report.issueNumber).slice(agreed);
    await sweepAt(report, '2026-05-25T08:00:00Z');
    await sweepAt(report, '2026-06-01T08:00:00Z');
    const notices = report.desk.commentsOn(report.issueNumber).slice(agreed).filter((body) => body.includes('2026-06-01'));

    // A week before 1 June, in Amsterdam: from Monday 25 May, 00:00 (CEST).
    expect(recorded).toEqual({ date: '2026-06-01', reminderDays: 7, checkAt: new Date('2026-05-24T22:00:00Z') });
    expect(report.desk.issue(report.issueNumber).body).toContain('| Publicatie afgesproken met de melder | 2026-06-01 |');
    expect(view.story.disclosureAgreed).toEqual({ date: '2026-06-01', at: new Date('2026-05-12T10:00:00Z') });
    expect((await report.desk.store.listMessages(report.id)).at(-1)).toMatchObject({ kind: 'disclosure-date', body: expect.stringContaining('1 juni 2026') });
    expect(dayBefore.filter((body) => body.includes('2026-06-01'))).toEqual([]);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toContain('Herinnering: publicatie is met de melder afgesproken op **2026-06-01**, over 7 dagen.');
  });

  it.each(['nl', 'en'] as const)('003: the policy page (%s) promises a reward for each new report, never a discretionary one', async (language) => {
    const report = await received(byFile('003-email-pgp-reward.yml'));

    const found = await report.desk.pages.publicConfig(ORG);
    if (found === null) throw new Error('the organisation is installed');
    const page = renderPolicyPage({ language, organisation: found.organisation, config: found.config, keyFingerprint: null, now: report.desk.now(), languageLinks: [] }).value;

    expect(found.policy).toBe('own');
    expect(found.config.rewards?.offered).toBe('each_new_report');
    expect(page).toContain(
      language === 'nl' ? 'Als dank bieden wij een beloning voor elke melding van een beveiligingsprobleem dat wij nog niet kenden.' : 'we offer a reward for each report of a security problem we did not know about yet.',
    );
    expect(page).not.toContain(language === 'nl' ? 'Wij kunnen u bedanken met een beloning' : 'We may thank you with a reward');
  });
});

it.each(SEEDS.map((seed) => seed.file))('%s parses as a valid config', (file) => {
  expect(parseConfig(exampleConfig(file), file).ok).toBe(true);
});
