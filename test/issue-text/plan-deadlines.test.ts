import { describe, expect, it } from 'vitest';
import type { SlaState } from '../../src/clock/sla-state.js';
import { parseConfig } from '../../src/config/parse-config.js';
import type { DisclosureConfig } from '../../src/config/schema.js';
import type { Language } from '../../src/report/report.js';
import { DEADLINES_END, DEADLINES_START } from '../../src/issue-text/marker.js';
import { initialSla, planDeadlines, replaceDeadlines, type DeadlinesView } from '../../src/issue-text/plan-deadlines.js';

/*
 * Received on Monday 11 May 2026, 09:00 in Amsterdam (UTC+2 in May): receipt due at the
 * end of Tuesday 12 May, assessment at the end of Tuesday 19 May.
 */
const RECEIVED = new Date('2026-05-11T07:00:00Z');
const RECEIPT_DUE = new Date('2026-05-12T21:59:59.999Z');
const ASSESSMENT_DUE = new Date('2026-05-19T21:59:59.999Z');
const RESOLUTION_DUE = new Date('2026-06-10T21:59:59.999Z');

function buildConfig(lang: Language): DisclosureConfig {
  const parsed = parseConfig({ tracking: { language: lang }, sla: { time_zone: 'Europe/Amsterdam', country: 'NL' } });
  if (!parsed.ok) throw new Error('test config must parse');
  return parsed.config;
}

function buildView(lang: Language, overrides: Partial<Omit<DeadlinesView, 'sla'>> = {}, sla: Partial<SlaState> = {}): DeadlinesView {
  return {
    sla: { ...initialSla(RECEIVED, RECEIPT_DUE, ASSESSMENT_DUE), ...sla },
    fixBy: null,
    severity: null,
    config: buildConfig(lang),
    ...overrides,
  };
}

/** The table rows of a rendered section. */
function rows(section: string): string[] {
  return section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---'));
}

describe('planDeadlines', () => {
  it.each([
    [
      'en',
      '## Deadlines',
      [
        '| Promise to the researcher | Due | Status |',
        '| Confirm receipt | Tuesday 12 May 2026, 23:59 (Europe/Amsterdam) (1 business day) | open |',
        '| Assessment with an expected fix date | Tuesday 19 May 2026, 23:59 (Europe/Amsterdam) (5 business days) | open |',
        '| Expected fix date | not set yet (`/fix-by YYYY-MM-DD`) |  |',
        '| Resolution target | set by severity (`/severity`) |  |',
      ],
    ],
    [
      'nl',
      '## Termijnen',
      [
        '| Toezegging aan de melder | Uiterlijk | Stand |',
        '| Ontvangstbevestiging | dinsdag 12 mei 2026, 23:59 (Europe/Amsterdam) (1 werkdag) | open |',
        '| Beoordeling met verwachte datum voor een oplossing | dinsdag 19 mei 2026, 23:59 (Europe/Amsterdam) (5 werkdagen) | open |',
        '| Verwachte datum oplossing | nog niet vastgesteld (`/fix-by JJJJ-MM-DD`) |  |',
        '| Streefdatum oplossing | volgt uit de ernst (`/severity`) |  |',
      ],
    ],
  ] as const)('shows a new report with every promise open, in local time (%s)', (lang, heading, expected) => {
    const view = buildView(lang);

    const section = planDeadlines(view);

    expect(section).toContain(`${DEADLINES_START}\n${heading}\n`);
    expect(rows(section)).toEqual(expected);
  });

  it.each([
    [
      'en',
      [
        '| Confirm receipt | Tuesday 12 May 2026, 23:59 (Europe/Amsterdam) (1 business day) | met Monday 11 May 2026, 12:00 (Europe/Amsterdam) |',
        '| Assessment with an expected fix date | Tuesday 19 May 2026, 23:59 (Europe/Amsterdam) (5 business days) | met Wednesday 13 May 2026, 16:30 (Europe/Amsterdam) |',
        '| Expected fix date | 2026-06-30 |  |',
        '| Resolution target | Wednesday 10 June 2026, 23:59 (Europe/Amsterdam) (30 calendar days) | open |',
      ],
    ],
    [
      'nl',
      [
        '| Ontvangstbevestiging | dinsdag 12 mei 2026, 23:59 (Europe/Amsterdam) (1 werkdag) | gehaald maandag 11 mei 2026, 12:00 (Europe/Amsterdam) |',
        '| Beoordeling met verwachte datum voor een oplossing | dinsdag 19 mei 2026, 23:59 (Europe/Amsterdam) (5 werkdagen) | gehaald woensdag 13 mei 2026, 16:30 (Europe/Amsterdam) |',
        '| Verwachte datum oplossing | 2026-06-30 |  |',
        '| Streefdatum oplossing | woensdag 10 juni 2026, 23:59 (Europe/Amsterdam) (30 kalenderdagen) | open |',
      ],
    ],
  ] as const)('shows met promises with their time, the fix date and the resolution target of the severity (%s)', (lang, expected) => {
    const view = buildView(
      lang,
      { fixBy: '2026-06-30', severity: 'critical' },
      { receiptMetAt: new Date('2026-05-11T10:00:00Z'), assessmentMetAt: new Date('2026-05-13T14:30:00Z'), resolutionDue: RESOLUTION_DUE },
    );

    const section = planDeadlines(view);

    expect(rows(section).slice(1)).toEqual(expected);
  });

  it.each([
    ['en', '| Resolution target | Wednesday 10 June 2026, 23:59 (Europe/Amsterdam) (30 calendar days) | met Friday 5 June 2026, 11:00 (Europe/Amsterdam) |'],
    ['nl', '| Streefdatum oplossing | woensdag 10 juni 2026, 23:59 (Europe/Amsterdam) (30 kalenderdagen) | gehaald vrijdag 5 juni 2026, 11:00 (Europe/Amsterdam) |'],
  ] as const)('shows a met resolution target (%s)', (lang, expected) => {
    const view = buildView(lang, { severity: 'critical' }, { resolutionDue: RESOLUTION_DUE, resolutionMetAt: new Date('2026-06-05T09:00:00Z') });

    const section = planDeadlines(view);

    expect(rows(section)).toContain(expected);
  });

  it.each([
    ['low', '120 calendar days'],
    ['high', '60 calendar days'],
  ] as const)('names the configured calendar days of severity %s', (severity, days) => {
    const view = buildView('en', { severity }, { resolutionDue: RESOLUTION_DUE });

    const section = planDeadlines(view);

    expect(rows(section).at(-1)).toContain(`(${days})`);
  });

  it.each([
    ['en', '**The clock is paused** since Wednesday 13 May 2026, 12:00 (Europe/Amsterdam): waiting for the researcher (`/info-received` resumes it and shifts open deadlines).'],
    ['nl', '**De klok staat stil** sinds woensdag 13 mei 2026, 12:00 (Europe/Amsterdam): wachten op de melder (`/info-received` zet hem weer aan en verschuift open termijnen).'],
  ] as const)('adds a note under the table while the clock is paused (%s)', (lang, note) => {
    const view = buildView(lang, {}, { pausedAt: new Date('2026-05-13T10:00:00Z') });

    const section = planDeadlines(view);

    expect(section.split('\n')).toContain(note);
    expect(section.indexOf(note)).toBeGreaterThan(section.lastIndexOf('| '));
  });

  it.each(['en', 'nl'] as const)('has no pause note while the clock runs (%s)', (lang) => {
    const view = buildView(lang);

    const section = planDeadlines(view);

    expect(section).not.toContain('**The clock is paused**');
    expect(section).not.toContain('**De klok staat stil**');
  });

  it('is wrapped in exactly one pair of markers, start first and end last', () => {
    const view = buildView('en', {}, { pausedAt: new Date('2026-05-13T10:00:00Z') });

    const section = planDeadlines(view);

    expect(section.startsWith(`${DEADLINES_START}\n`)).toBe(true);
    expect(section.endsWith(`\n${DEADLINES_END}`)).toBe(true);
    expect(section.split(DEADLINES_START)).toHaveLength(2);
    expect(section.split(DEADLINES_END)).toHaveLength(2);
  });
});

describe('replaceDeadlines', () => {
  const before = planDeadlines(buildView('en'));
  const after = planDeadlines(buildView('en', { fixBy: '2026-06-30' }, { receiptMetAt: new Date('2026-05-11T10:00:00Z') }));
  const head = '## Report\n\nSQL injection in /search.\n\n';
  const tail = '\n\n## Attachments\n\n| File | Size |\n| --- | --- |\n| poc.txt | 12 B |\n';

  it('replaces only the marked section and keeps the text around it byte for byte', () => {
    const body = `${head}${before}${tail}`;

    const replaced = replaceDeadlines(body, after);

    expect(replaced).toBe(`${head}${after}${tail}`);
  });

  it('gives the same body when the same section is put in twice', () => {
    const body = `${head}${before}${tail}`;

    const once = replaceDeadlines(body, after);
    const twice = replaceDeadlines(once ?? '', after);

    expect(once).not.toBeNull();
    expect(twice).toBe(once);
  });

  it('gives the body back unchanged when the section did not change', () => {
    const body = `${head}${before}${tail}`;

    const replaced = replaceDeadlines(body, before);

    expect(replaced).toBe(body);
  });

  it.each([
    ['no markers', `${head}## Deadlines\n\nold table${tail}`],
    ['only the start marker', `${head}${DEADLINES_START}\nold table${tail}`],
    ['only the end marker', `${head}old table\n${DEADLINES_END}${tail}`],
    ['the end marker before the start marker', `${head}${DEADLINES_END}\nold table\n${DEADLINES_START}${tail}`],
  ])('returns null for a body with %s', (_name, body) => {
    const replaced = replaceDeadlines(body, after);

    expect(replaced).toBeNull();
  });
});
