import { describe, expect, it } from 'vitest';
import { formatCalendarDay, formatDate, formatDateTime } from '../../src/i18n/format-date.js';
import { serve } from './helpers/serve.js';
import { statusView, tokenFor } from './helpers/fake-intake.js';

describe('dates for people (src/i18n/format-date.ts)', () => {
  const monday = new Date('2026-12-07T08:00:00Z');

  it.each([
    ['en', '7 December 2026', 'Monday, 7 December 2026 at 09:00 CET'],
    ['nl', '7 december 2026', 'maandag 7 december 2026 om 09:00 CET'],
  ] as const)('writes a day and a deadline in %s', (language, day, dateTime) => {
    expect(formatDate(monday, language, 'Europe/Amsterdam')).toBe(day);
    expect(formatDateTime(monday, language, 'Europe/Amsterdam')).toBe(dateTime);
  });

  it('takes the day in the organisation’s time zone, not the server’s', () => {
    const lateEvening = new Date('2026-12-07T23:30:00Z');

    expect(formatDate(lateEvening, 'nl', 'Europe/Amsterdam')).toBe('8 december 2026');
    expect(formatDate(lateEvening, 'nl', 'America/New_York')).toBe('7 december 2026');
  });

  it('writes a fix date (a calendar day) the same in every time zone, and leaves anything else as it is', () => {
    expect(formatCalendarDay('2026-04-01', 'en')).toBe('1 April 2026');
    expect(formatCalendarDay('2026-04-01', 'nl')).toBe('1 april 2026');
    expect(formatCalendarDay('2026-02-31', 'nl')).toBe('2026-02-31');
    expect(formatCalendarDay('1 April', 'en')).toBe('1 April');
  });
});

describe('the Dutch status page', () => {
  it('writes every date for people: received, the story, the deadlines, the fix date; ISO only in datetime attributes', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(
      tokenFor(1),
      statusView({
        language: 'nl',
        state: 'filed',
        triage: { stage: 'accepted', paused: false, fixBy: '2026-04-01' },
        story: {
          acknowledgedAt: new Date('2026-03-03T15:00:00Z'),
          triageStartedAt: new Date('2026-03-03T15:00:00Z'),
          questions: [],
          acceptedAt: new Date('2026-03-05T10:00:00Z'),
          fixPlanned: { date: '2026-04-01', at: new Date('2026-03-05T10:00:00Z') },
          fixedAt: null,
          published: null,
          advisoryPending: false,
          closed: null,
        },
        deadlines: [
          { kind: 'receipt', due: new Date('2026-03-04T22:59:59.999Z'), span: { days: 1, unit: 'business' }, metAt: new Date('2026-03-03T15:00:00Z'), outcome: 'met' },
          { kind: 'assessment', due: new Date('2026-03-10T22:59:59.999Z'), span: { days: 5, unit: 'business' }, metAt: new Date('2026-03-05T10:00:00Z'), outcome: 'met' },
          { kind: 'resolution', due: new Date('2026-06-01T21:59:59.999Z'), span: { days: 90, unit: 'calendar' }, metAt: null, outcome: 'due' },
        ],
      }),
    );

    const page = await (await fetch(`${base}/status/${tokenFor(1)}`)).text();
    const text = page.replace(/<[^>]+>/g, ' ');

    expect(page).toContain('<time datetime="2026-03-03T08:00:00.000Z">dinsdag 3 maart 2026 om 09:00 CET</time>');
    expect(page).toContain('Ontvangst bevestigd – <time datetime="2026-03-03T15:00:00.000Z">3 maart 2026</time>');
    expect(page).toContain('Oplossing gepland voor 1 april 2026');
    expect(page).toContain('Verwachte datum voor een oplossing: 1 april 2026');
    expect(page).toContain('Volgende stap: De oplossing, verwacht uiterlijk 1 april 2026');
    expect(page).toContain('Ontvangstbevestiging uiterlijk woensdag 4 maart 2026 om 23:59 CET (binnen 1 werkdag): <strong class="outcome outcome-met">gehaald op 3 maart 2026</strong>');
    expect(page).toContain('Oplossing uiterlijk maandag 1 juni 2026 om 23:59 CEST (binnen 90 kalenderdagen): <strong class="outcome outcome-due">loopt nog</strong>');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
