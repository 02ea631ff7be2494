import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { weekendsOnly } from '../../src/clock/business-days.js';
import { businessCalendar } from '../../src/clock/holiday-calendar.js';
import { dueNotices, nextCheckAt, pauseClock, resolutionDue, resumeClock, type ResolutionPolicy } from '../../src/clock/sla-clock.js';
import { DEADLINES, type SentNotice, type SlaState } from '../../src/clock/sla-state.js';
import { defaultConfig } from '../../src/config/parse-config.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const AMSTERDAM = weekendsOnly('Europe/Amsterdam');
const NL = businessCalendar({ time_zone: 'Europe/Amsterdam', country: 'NL' });
const POLICY: ResolutionPolicy = { time_zone: 'Europe/Amsterdam', resolution_days: { critical: 30, high: 60, medium: 90, low: 120 } };

/** A report received on Monday 9 March 2026 in Amsterdam: receipt due Tuesday, assessment the next Monday. */
function slaState(overrides: Partial<SlaState> = {}): SlaState {
  return {
    receivedAt: new Date('2026-03-09T09:00:00Z'),
    receiptDue: new Date('2026-03-10T22:59:59.999Z'),
    assessmentDue: new Date('2026-03-16T22:59:59.999Z'),
    resolutionDue: null,
    receiptMetAt: null,
    assessmentMetAt: null,
    resolutionMetAt: null,
    pausedAt: null,
    pausedCalendarDays: 0,
    ...overrides,
  };
}

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

describe('resolutionDue', () => {
  it.each([
    ['critical: 30 calendar days, ending in summer time', 'critical', 0, '2026-04-08T21:59:59.999Z'],
    ['high: 60 calendar days', 'high', 0, '2026-05-08T21:59:59.999Z'],
    ['medium: 90 calendar days, on a Sunday (calendar days ignore weekends)', 'medium', 0, '2026-06-07T21:59:59.999Z'],
    ['low: 120 calendar days', 'low', 0, '2026-07-07T21:59:59.999Z'],
    ['critical after 5 paused calendar days', 'critical', 5, '2026-04-13T21:59:59.999Z'],
  ] as const)('%s', (_name, severity, paused, due) => {
    const receivedAt = new Date('2026-03-09T09:00:00Z');

    const deadline = resolutionDue(receivedAt, severity, POLICY, paused);

    expect(iso(deadline)).toBe(due);
  });

  it('gives no resolution deadline for severity none', () => {
    const receivedAt = new Date('2026-03-09T09:00:00Z');

    const deadline = resolutionDue(receivedAt, 'none', POLICY, 3);

    expect(deadline).toBeNull();
  });

  it('counts from the local day of receipt: 23:30 UTC on Monday is Tuesday in Amsterdam', () => {
    const receivedAt = new Date('2026-03-09T23:30:00Z');

    const deadline = resolutionDue(receivedAt, 'critical', POLICY, 0);

    expect(iso(deadline)).toBe('2026-04-09T21:59:59.999Z');
  });

  it('accepts the parsed SLA config (defaults: high is 60 days, in UTC)', () => {
    const { sla } = defaultConfig();

    const deadline = resolutionDue(new Date('2026-03-09T09:00:00Z'), 'high', sla, 0);

    expect(iso(deadline)).toBe('2026-05-08T23:59:59.999Z');
  });
});

describe('pauseClock', () => {
  it('sets the pause time and leaves the input alone', () => {
    const state = slaState();

    const paused = pauseClock(state, new Date('2026-03-10T08:00:00Z'));

    expect(iso(paused.pausedAt)).toBe('2026-03-10T08:00:00.000Z');
    expect(state.pausedAt).toBeNull();
  });

  it('keeps the original pause time when already paused', () => {
    const state = slaState({ pausedAt: new Date('2026-03-10T08:00:00Z') });

    const paused = pauseClock(state, new Date('2026-03-12T08:00:00Z'));

    expect(paused).toBe(state);
  });
});

describe('resumeClock', () => {
  const resolution = new Date('2026-04-08T21:59:59.999Z');

  it.each([
    ['pausing and resuming on one day shifts nothing', '2026-03-09T10:00:00Z', '2026-03-09T15:00:00Z', '2026-03-10T22:59:59.999Z', '2026-03-16T22:59:59.999Z', '2026-04-08T21:59:59.999Z', 0],
    ['Monday to Wednesday shifts 2 business and 2 calendar days', '2026-03-09T10:00:00Z', '2026-03-11T10:00:00Z', '2026-03-12T22:59:59.999Z', '2026-03-18T22:59:59.999Z', '2026-04-10T21:59:59.999Z', 2],
    ['Friday to Monday shifts 1 business and 3 calendar days', '2026-03-13T10:00:00Z', '2026-03-16T10:00:00Z', '2026-03-11T22:59:59.999Z', '2026-03-17T22:59:59.999Z', '2026-04-11T21:59:59.999Z', 3],
    ['Saturday to Monday shifts no business days but 2 calendar days', '2026-03-14T10:00:00Z', '2026-03-16T10:00:00Z', '2026-03-10T22:59:59.999Z', '2026-03-16T22:59:59.999Z', '2026-04-10T21:59:59.999Z', 2],
    ['Monday 23:30 to Tuesday 00:30 local covers Monday: 1 day', '2026-03-09T22:30:00Z', '2026-03-09T23:30:00Z', '2026-03-11T22:59:59.999Z', '2026-03-17T22:59:59.999Z', '2026-04-09T21:59:59.999Z', 1],
    ['resuming before the pause time (clock skew) shifts nothing', '2026-03-11T10:00:00Z', '2026-03-09T10:00:00Z', '2026-03-10T22:59:59.999Z', '2026-03-16T22:59:59.999Z', '2026-04-08T21:59:59.999Z', 0],
  ])('Europe/Amsterdam, weekends only: %s', (_name, pausedAt, now, receipt, assessment, resolved, pausedDays) => {
    const state = slaState({ resolutionDue: resolution, pausedAt: new Date(pausedAt) });

    const resumed = resumeClock(state, new Date(now), AMSTERDAM);

    expect(iso(resumed.receiptDue)).toBe(receipt);
    expect(iso(resumed.assessmentDue)).toBe(assessment);
    expect(iso(resumed.resolutionDue)).toBe(resolved);
    expect(resumed.pausedCalendarDays).toBe(pausedDays);
    expect(resumed.pausedAt).toBeNull();
  });

  // Received Tuesday 12 May 2026: receipt due Wednesday 13, assessment (5) Wednesday 20 (Ascension Day, Thursday 14, skipped).
  it.each([
    ['the day before Ascension Day to Monday: Wednesday and Friday count, Ascension Day does not', '2026-05-13T07:00:00Z', '2026-05-18T07:00:00Z', '2026-05-18T21:59:59.999Z', '2026-05-22T21:59:59.999Z', '2026-07-16T21:59:59.999Z', 5],
    ['Ascension Day to Monday: only Friday counts', '2026-05-14T07:00:00Z', '2026-05-18T07:00:00Z', '2026-05-15T21:59:59.999Z', '2026-05-21T21:59:59.999Z', '2026-07-15T21:59:59.999Z', 4],
    ['the Friday before Whit Monday to Tuesday: only Friday counts', '2026-05-22T07:00:00Z', '2026-05-26T07:00:00Z', '2026-05-15T21:59:59.999Z', '2026-05-21T21:59:59.999Z', '2026-07-15T21:59:59.999Z', 4],
  ])('NL: %s', (_name, pausedAt, now, receipt, assessment, resolved, pausedDays) => {
    const state = slaState({
      receivedAt: new Date('2026-05-12T08:00:00Z'),
      receiptDue: new Date('2026-05-13T21:59:59.999Z'),
      assessmentDue: new Date('2026-05-20T21:59:59.999Z'),
      resolutionDue: new Date('2026-07-11T21:59:59.999Z'),
      pausedAt: new Date(pausedAt),
    });

    const resumed = resumeClock(state, new Date(now), NL);

    expect(iso(resumed.receiptDue)).toBe(receipt);
    expect(iso(resumed.assessmentDue)).toBe(assessment);
    expect(iso(resumed.resolutionDue)).toBe(resolved);
    expect(resumed.pausedCalendarDays).toBe(pausedDays);
  });

  it('moves the shifted business-day deadline past a holiday it lands on', () => {
    const state = slaState({
      receiptDue: new Date('2026-05-13T21:59:59.999Z'),
      assessmentDue: new Date('2026-05-13T21:59:59.999Z'),
      pausedAt: new Date('2026-05-11T07:00:00Z'),
    });

    const resumed = resumeClock(state, new Date('2026-05-12T07:00:00Z'), NL);

    expect(iso(resumed.receiptDue)).toBe('2026-05-15T21:59:59.999Z');
  });

  it('shifts a resolution deadline across the change to summer time with the new offset', () => {
    const state = slaState({ resolutionDue: new Date('2026-03-27T22:59:59.999Z'), pausedAt: new Date('2026-03-09T10:00:00Z') });

    const resumed = resumeClock(state, new Date('2026-03-11T10:00:00Z'), AMSTERDAM);

    expect(iso(resumed.resolutionDue)).toBe('2026-03-29T21:59:59.999Z');
  });

  it('never moves met deadlines, but still counts the paused days', () => {
    const state = slaState({
      resolutionDue: resolution,
      receiptMetAt: new Date('2026-03-09T12:00:00Z'),
      assessmentMetAt: new Date('2026-03-09T13:00:00Z'),
      resolutionMetAt: new Date('2026-03-09T14:00:00Z'),
      pausedAt: new Date('2026-03-09T15:00:00Z'),
    });

    const resumed = resumeClock(state, new Date('2026-03-11T10:00:00Z'), AMSTERDAM);

    expect(iso(resumed.receiptDue)).toBe('2026-03-10T22:59:59.999Z');
    expect(iso(resumed.assessmentDue)).toBe('2026-03-16T22:59:59.999Z');
    expect(iso(resumed.resolutionDue)).toBe('2026-04-08T21:59:59.999Z');
    expect(resumed.pausedCalendarDays).toBe(2);
  });

  it('counts paused days without a resolution deadline, so one set later is shifted like one set before', () => {
    const pausedAt = new Date('2026-03-09T10:00:00Z');
    const now = new Date('2026-03-11T10:00:00Z');
    const receivedAt = new Date('2026-03-09T09:00:00Z');
    const before = slaState({ resolutionDue: resolutionDue(receivedAt, 'critical', POLICY, 0), pausedAt });
    const later = slaState({ pausedAt });

    const shifted = resumeClock(before, now, AMSTERDAM);
    const counted = resumeClock(later, now, AMSTERDAM);

    expect(counted.pausedCalendarDays).toBe(2);
    expect(iso(resolutionDue(receivedAt, 'critical', POLICY, counted.pausedCalendarDays))).toBe(iso(shifted.resolutionDue));
  });

  it('adds to the paused days of earlier pauses', () => {
    const state = slaState({ pausedAt: new Date('2026-03-09T10:00:00Z'), pausedCalendarDays: 4 });

    const resumed = resumeClock(state, new Date('2026-03-11T10:00:00Z'), AMSTERDAM);

    expect(resumed.pausedCalendarDays).toBe(6);
  });

  it('returns a running clock as it is', () => {
    const state = slaState();

    const resumed = resumeClock(state, new Date('2026-03-11T10:00:00Z'), AMSTERDAM);

    expect(resumed).toBe(state);
  });
});

describe('dueNotices', () => {
  // Only the receipt deadline is open: due Tuesday 10 March 2026 23:59:59.999 local, passes at 23:00 UTC.
  const receiptOnly = slaState({ assessmentMetAt: new Date('2026-03-09T12:00:00Z') });
  const reminder: SentNotice = { deadline: 'receipt', stage: 'reminder' };
  const overdue: SentNotice = { deadline: 'receipt', stage: 'overdue' };

  it.each([
    ['nothing before the reminder window', '2026-03-09T22:59:59.999Z', DAY, [], []],
    ['a reminder when the window opens, 24 hours before the deadline passes', '2026-03-09T23:00:00Z', DAY, [], ['reminder']],
    ['a reminder on the last millisecond of the due day', '2026-03-10T22:59:59.999Z', DAY, [], ['reminder']],
    ['no second reminder', '2026-03-10T12:00:00Z', DAY, [reminder], []],
    ['an overdue notice once the due day has passed', '2026-03-10T23:00:00Z', DAY, [reminder], ['overdue']],
    ['only the overdue notice, no late reminder, for a deadline already past', '2026-03-11T10:00:00Z', DAY, [], ['overdue']],
    ['no second overdue notice', '2026-03-12T10:00:00Z', DAY, [reminder, overdue], []],
    ['no reminder once an overdue notice was sent (the deadline moved later)', '2026-03-10T12:00:00Z', DAY, [overdue], []],
    ['no reminders with a lead of 0', '2026-03-10T22:59:59.999Z', 0, [], []],
    ['an overdue notice with a lead of 0', '2026-03-10T23:00:00Z', 0, [], ['overdue']],
  ] as const)('%s', (_name, now, lead, sent, stages) => {
    const state = receiptOnly;

    const notices = dueNotices(state, new Date(now), lead, sent);

    expect(notices).toEqual(stages.map((stage) => ({ deadline: 'receipt', stage, due: state.receiptDue })));
  });

  it('lists overdue deadlines in the order receipt, assessment, resolution', () => {
    const state = slaState({ resolutionDue: new Date('2026-03-20T22:59:59.999Z') });

    const notices = dueNotices(state, new Date('2026-04-01T10:00:00Z'), DAY, []);

    expect(notices.map((notice) => notice.deadline)).toEqual(['receipt', 'assessment', 'resolution']);
    expect(notices.every((notice) => notice.stage === 'overdue')).toBe(true);
  });

  it('gives nothing while paused, even for a deadline long past', () => {
    const state = slaState({ pausedAt: new Date('2026-03-09T10:00:00Z') });

    const notices = dueNotices(state, new Date('2026-04-01T10:00:00Z'), DAY, []);

    expect(notices).toEqual([]);
  });

  it('gives nothing for met deadlines or a missing resolution deadline', () => {
    const state = slaState({ receiptMetAt: new Date('2026-03-11T10:00:00Z'), assessmentMetAt: new Date('2026-03-20T10:00:00Z') });

    const notices = dueNotices(state, new Date('2026-04-01T10:00:00Z'), DAY, []);

    expect(notices).toEqual([]);
  });
});

describe('nextCheckAt', () => {
  it.each([
    ['the reminder time of the first deadline', slaState(), DAY, [], '2026-03-09T23:00:00.000Z'],
    ['the moment the deadline passes once its reminder was sent', slaState(), DAY, [{ deadline: 'receipt', stage: 'reminder' }], '2026-03-10T23:00:00.000Z'],
    ['the moment the deadline passes with a lead of 0', slaState(), 0, [], '2026-03-10T23:00:00.000Z'],
    ['the next deadline once the first one is done with', slaState(), DAY, [{ deadline: 'receipt', stage: 'overdue' }], '2026-03-15T23:00:00.000Z'],
    ['a reminder time before receipt when the lead is longer than the deadline', slaState(), 3 * DAY, [], '2026-03-07T23:00:00.000Z'],
    ['null when every deadline is met', slaState({ receiptMetAt: new Date(0), assessmentMetAt: new Date(0) }), DAY, [], null],
    ['null while paused', slaState({ pausedAt: new Date('2026-03-09T10:00:00Z') }), DAY, [], null],
    [
      'null when every overdue notice was sent',
      slaState(),
      DAY,
      [
        { deadline: 'receipt', stage: 'overdue' },
        { deadline: 'assessment', stage: 'overdue' },
      ],
      null,
    ],
  ] as const)('is %s', (_name, state, lead, sent, expected) => {
    const next = nextCheckAt(state, lead, sent);

    expect(iso(next)).toBe(expected);
  });

  it('agrees with dueNotices: nothing is due before it, something is due from it on', () => {
    const start = Date.parse('2026-03-08T00:00:00Z');
    const end = Date.parse('2026-04-12T00:00:00Z');
    const all: SentNotice[] = DEADLINES.flatMap((deadline) => [
      { deadline, stage: 'reminder' as const },
      { deadline, stage: 'overdue' as const },
    ]);
    const failures: string[] = [];

    for (const lead of [0, HOUR, DAY, 3 * DAY, 30 * DAY]) {
      for (let sentMask = 0; sentMask < 1 << all.length; sentMask += 1) {
        for (let metMask = 0; metMask < 8; metMask += 1) {
          for (const withResolution of [false, true]) {
            const sent = all.filter((_notice, index) => (sentMask & (1 << index)) !== 0);
            const met = (bit: number): Date | null => ((metMask & bit) !== 0 ? new Date('2026-03-09T12:00:00Z') : null);
            const state = slaState({
              resolutionDue: withResolution ? new Date('2026-04-08T21:59:59.999Z') : null,
              receiptMetAt: met(1),
              assessmentMetAt: met(2),
              resolutionMetAt: met(4),
            });
            const next = nextCheckAt(state, lead, sent)?.getTime() ?? Number.POSITIVE_INFINITY;
            const samples = [next - 1, next];
            for (let t = start; t < end; t += 5 * HOUR + 17 * 60_000) samples.push(t);
            for (const t of samples.filter(Number.isFinite)) {
              const due = dueNotices(state, new Date(t), lead, sent).length > 0;
              if (due !== t >= next) failures.push(`lead ${lead}, sent ${sentMask}, met ${metMask}, resolution ${withResolution}, at ${new Date(t).toISOString()}`);
            }
          }
        }
      }
    }

    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('is null while paused, and dueNotices agrees', () => {
    const state = slaState({ pausedAt: new Date('2026-03-09T10:00:00Z') });

    const next = nextCheckAt(state, DAY, []);
    const notices = dueNotices(state, new Date('2027-01-01T00:00:00Z'), DAY, []);

    expect(next).toBeNull();
    expect(notices).toEqual([]);
  });
});

describe('purity (rule "time is passed in")', () => {
  it.each(['sla-clock.ts', 'calendar-days.ts', 'sla-metrics.ts', 'sla-events.ts', 'nearest-rank.ts', 'format-sla-metrics.ts'])(
    'src/clock/%s never reads the current time',
    (file) => {
      const source = readFileSync(new URL(`../../src/clock/${file}`, import.meta.url), 'utf8');

      const reads = source.match(/new Date\(\s*\)|Date\.now\(/g);

      expect(reads).toBeNull();
    },
  );
});
