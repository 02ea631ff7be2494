import { describe, expect, it, vi } from 'vitest';

/*
 * Deadlines come from caches: the zone offsets per hour (zone-offsets.ts), the public
 * holidays per year (holiday-calendar.ts) and the promised deadlines per 15-minute slot
 * (deadlines.ts). Answers from a module that has computed them all before must equal those
 * of a fresh copy of the modules, whose caches are empty, across daylight saving time
 * changes and the turn of a year with its holidays.
 */

/** The clock's functions, from the modules as they are loaded now. */
async function clockModules() {
  const zoned = await import('../../src/clock/zoned-time.js');
  const business = await import('../../src/clock/business-days.js');
  const holidays = await import('../../src/clock/holiday-calendar.js');
  const deadlines = await import('../../src/clock/deadlines.js');
  const sla = await import('../../src/clock/sla-clock.js');
  return {
    localDateTime: zoned.localDateTime,
    endOfLocalDay: zoned.endOfLocalDay,
    addBusinessDays: business.addBusinessDays,
    businessCalendar: holidays.businessCalendar,
    promisedDeadlines: deadlines.promisedDeadlines,
    resolutionDue: sla.resolutionDue,
  };
}

type Clock = Awaited<ReturnType<typeof clockModules>>;

const warm = await clockModules();

/** A second copy of the clock modules, every cache in it empty. */
async function freshClock(): Promise<Clock> {
  vi.resetModules();
  return clockModules();
}

const HOUR = 3_600_000;

/** Every `stepMinutes` from `from` to `until`, as Dates. */
function instants(from: string, until: string, stepMinutes: number): Date[] {
  const list: Date[] = [];
  for (let at = Date.parse(from); at <= Date.parse(until); at += stepMinutes * 60_000) list.push(new Date(at));
  return list;
}

// The Dutch DST change of 25 October 2026 and Christmas to New Year 2026/27 (Christmas
// Day, Boxing Day and New Year's Day are public holidays in NL), and the US change of 1 November.
const PERIODS: Array<[string, string, string]> = [
  ['the October 2026 DST change', '2026-10-22T00:00:00Z', '2026-10-27T00:00:00Z'],
  ['Christmas to New Year 2026/27', '2026-12-22T00:00:00Z', '2027-01-05T00:00:00Z'],
  ['the March 2027 DST change', '2027-03-25T00:00:00Z', '2027-03-30T00:00:00Z'],
];

const POLICIES = [
  { time_zone: 'Europe/Amsterdam', country: 'NL', receipt_business_days: 1, assessment_business_days: 5 },
  { time_zone: 'America/New_York', country: 'US', receipt_business_days: 2, assessment_business_days: 10 },
  { time_zone: 'Australia/Lord_Howe', receipt_business_days: 1, assessment_business_days: 3 },
];

/** Everything the desk derives from a received instant: promised deadlines, business days, resolution targets, local days. */
function deadlinesOf(clock: Clock, at: Date): Array<string | undefined> {
  return POLICIES.flatMap((policy) => {
    const calendar = clock.businessCalendar(policy);
    const promised = clock.promisedDeadlines(at, policy);
    const resolution = clock.resolutionDue(at, 'high', { time_zone: policy.time_zone, resolution_days: { low: 180, medium: 90, high: 30, critical: 7 } }, 3);
    const local = clock.localDateTime(at, policy.time_zone);
    return [
      promised.receiptDue?.toISOString(),
      promised.assessmentDue?.toISOString(),
      clock.addBusinessDays(at, 0, calendar).toISOString(),
      clock.addBusinessDays(at, 4, calendar).toISOString(),
      resolution?.toISOString() ?? 'none',
      clock.endOfLocalDay(local, policy.time_zone).toISOString(),
      JSON.stringify(local),
    ];
  });
}

describe('deadlines from warm caches', () => {
  it.each(PERIODS)('equal those of empty caches around %s, every 7 minutes', async (_name, from, until) => {
    const times = instants(from, until, 7);
    // Warm: compute once to fill the caches, then read again from them.
    times.forEach((at) => deadlinesOf(warm, at));

    const fromWarm = times.map((at) => deadlinesOf(warm, at));

    // Fresh caches, filled in another order (latest first) so no answer depends on what came before.
    const fresh = await freshClock();
    const fromFresh = [...times].reverse().map((at) => deadlinesOf(fresh, at)).reverse();
    expect(fresh.localDateTime).not.toBe(warm.localDateTime);
    expect(fromWarm).toEqual(fromFresh);
  });

  it('skip the Dutch holidays at the turn of the year, from warm caches as from empty ones', async () => {
    const nl = POLICIES[0];
    if (nl === undefined) throw new Error('no NL policy');
    const christmasEve = new Date('2026-12-24T10:00:00Z');
    const newYearsEve = new Date('2026-12-31T10:00:00Z');

    const fresh = await freshClock();
    const answers = [warm, fresh, warm].map((clock) => [
      clock.promisedDeadlines(christmasEve, nl).receiptDue?.toISOString(),
      clock.promisedDeadlines(newYearsEve, nl).receiptDue?.toISOString(),
      clock.promisedDeadlines(newYearsEve, nl).assessmentDue?.toISOString(),
    ]);

    // Thursday 24 December + 1: Christmas (Friday), the weekend, then Monday 28 December, in CET.
    // Thursday 31 December + 1: New Year's Day (Friday), the weekend: Monday 4 January; + 5: Friday 8 January.
    const expected = ['2026-12-28T22:59:59.999Z', '2027-01-04T22:59:59.999Z', '2027-01-08T22:59:59.999Z'];
    expect(answers).toEqual([expected, expected, expected]);
  });

  it('end the local day before the clocks go back, then after, from warm caches as from empty ones', async () => {
    const days = [
      { year: 2026, month: 10, day: 24 },
      { year: 2026, month: 10, day: 25 },
      { year: 2026, month: 10, day: 26 },
    ];

    const fresh = await freshClock();
    const fromFresh = days.map((day) => fresh.endOfLocalDay(day, 'Europe/Amsterdam').toISOString());
    const fromWarm = days.map((day) => warm.endOfLocalDay(day, 'Europe/Amsterdam').toISOString());

    // Saturday ends in summer time (UTC+2), Sunday and Monday in winter time (UTC+1).
    expect(fromWarm).toEqual(['2026-10-24T21:59:59.999Z', '2026-10-25T22:59:59.999Z', '2026-10-26T22:59:59.999Z']);
    expect(fromFresh).toEqual(fromWarm);
    expect(new Date(fromWarm[1] ?? 0).getTime() + 1 - (new Date(fromWarm[0] ?? 0).getTime() + 1)).toBe(25 * HOUR);
  });
});
