import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addBusinessDays, isBusinessDay, localDate, weekendsOnly, type BusinessCalendar } from '../../src/clock/business-days.js';
import { endOfLocalDay } from '../../src/clock/zoned-time.js';

const AMSTERDAM = weekendsOnly('Europe/Amsterdam');

describe('addBusinessDays', () => {
  it.each([
    ['Friday evening + 1 is the end of Monday', '2026-03-06T18:00:00Z', 1, '2026-03-09T22:59:59.999Z'],
    ['Saturday + 1 is the end of Monday', '2026-03-07T10:00:00Z', 1, '2026-03-09T22:59:59.999Z'],
    ['Sunday + 1 is the end of Monday', '2026-03-08T10:00:00Z', 1, '2026-03-09T22:59:59.999Z'],
    ['Monday + 1 is the end of Tuesday', '2026-03-09T08:00:00Z', 1, '2026-03-10T22:59:59.999Z'],
    ['Monday + 5 is the end of next Monday', '2026-03-09T08:00:00Z', 5, '2026-03-16T22:59:59.999Z'],
    ['Wednesday + 0 is the end of Wednesday', '2026-03-11T08:00:00Z', 0, '2026-03-11T22:59:59.999Z'],
    ['Saturday + 0 is the end of Monday', '2026-03-07T10:00:00Z', 0, '2026-03-09T22:59:59.999Z'],
    ['the last millisecond of Monday + 0 is that same millisecond', '2026-03-09T22:59:59.999Z', 0, '2026-03-09T22:59:59.999Z'],
    ['local midnight starts the new day', '2026-03-09T23:00:00Z', 0, '2026-03-10T22:59:59.999Z'],
    ['Thursday 23:30 UTC is already Friday: + 1 is Monday', '2026-03-05T23:30:00Z', 1, '2026-03-09T22:59:59.999Z'],
    ['Friday 23:30 UTC is already Saturday: + 0 is Monday', '2026-03-06T23:30:00Z', 0, '2026-03-09T22:59:59.999Z'],
    ['spring forward (29 March 2026): Friday + 1 ends Monday in summer time', '2026-03-27T12:00:00Z', 1, '2026-03-30T21:59:59.999Z'],
    ['spring forward: Friday + 0 still ends in winter time', '2026-03-27T12:00:00Z', 0, '2026-03-27T22:59:59.999Z'],
    ['spring forward: Thursday + 2 crosses the change', '2026-03-26T12:00:00Z', 2, '2026-03-30T21:59:59.999Z'],
    ['spring forward: a report during the changeover Sunday + 1 is Monday', '2026-03-29T01:30:00Z', 1, '2026-03-30T21:59:59.999Z'],
    ['fall back (25 October 2026): Friday + 1 ends Monday in winter time', '2026-10-23T12:00:00Z', 1, '2026-10-26T22:59:59.999Z'],
    ['fall back: Friday + 0 still ends in summer time', '2026-10-23T12:00:00Z', 0, '2026-10-23T21:59:59.999Z'],
    ['fall back: Friday 23:30 local summer time + 1 is Monday', '2026-10-23T21:30:00Z', 1, '2026-10-26T22:59:59.999Z'],
    ['a year boundary without holidays', '2026-12-31T12:00:00Z', 1, '2027-01-01T22:59:59.999Z'],
  ])('Europe/Amsterdam: %s', (_name, start, days, due) => {
    const received = new Date(start);

    const deadline = addBusinessDays(received, days, AMSTERDAM);

    expect(deadline.toISOString()).toBe(due);
  });

  it.each([
    ['Thursday 23:30 + 1 is the end of Friday', 'UTC', '2026-03-05T23:30:00Z', 1, '2026-03-06T23:59:59.999Z'],
    ['Friday 23:30 + 1 is the end of Monday', 'UTC', '2026-03-06T23:30:00Z', 1, '2026-03-09T23:59:59.999Z'],
    ['Friday 23:30 + 0 is the end of Friday', 'UTC', '2026-03-06T23:30:00Z', 0, '2026-03-06T23:59:59.999Z'],
    ['US spring forward (8 March 2026): Friday + 1 ends Monday in EDT', 'America/New_York', '2026-03-06T20:00:00Z', 1, '2026-03-10T03:59:59.999Z'],
    ['Kiritimati (UTC+14): Friday 10:30 UTC is Saturday there', 'Pacific/Kiritimati', '2026-03-06T10:30:00Z', 0, '2026-03-09T09:59:59.999Z'],
    ['Pago Pago (UTC-11): Saturday 09:00 UTC is still Friday there', 'Pacific/Pago_Pago', '2026-03-07T09:00:00Z', 0, '2026-03-07T10:59:59.999Z'],
  ])('%s (%s)', (_name, timeZone, start, days, due) => {
    const received = new Date(start);

    const deadline = addBusinessDays(received, days, weekendsOnly(timeZone));

    expect(deadline.toISOString()).toBe(due);
  });

  it('skips holidays the calendar names', () => {
    const calendar: BusinessCalendar = {
      timeZone: 'Europe/Amsterdam',
      isHoliday: ({ year, month, day }) => year === 2026 && month === 3 && day === 9,
    };

    const deadline = addBusinessDays(new Date('2026-03-06T18:00:00Z'), 1, calendar);

    expect(deadline.toISOString()).toBe('2026-03-10T22:59:59.999Z');
  });

  it.each([
    ['negative days', -1],
    ['fractional days', 1.5],
    ['not a number', Number.NaN],
  ])('refuses %s', (_name, days) => {
    const start = new Date('2026-03-06T18:00:00Z');

    const act = (): Date => addBusinessDays(start, days, AMSTERDAM);

    expect(act).toThrow(RangeError);
  });

  it('refuses an invalid start date and an invalid time zone', () => {
    const invalid = new Date('not a date');

    const badDate = (): Date => addBusinessDays(invalid, 1, AMSTERDAM);
    const badZone = (): Date => addBusinessDays(new Date('2026-03-06T18:00:00Z'), 1, weekendsOnly('Mars/Olympus_Mons'));

    expect(badDate).toThrow(RangeError);
    expect(badZone).toThrow(RangeError);
  });

  it('gives up on a calendar without business days instead of looping forever', () => {
    const closed: BusinessCalendar = { timeZone: 'UTC', isHoliday: () => true };

    const act = (): Date => addBusinessDays(new Date('2026-03-06T18:00:00Z'), 1, closed);

    expect(act).toThrow(/no business day/);
  });
});

describe('endOfLocalDay where clocks change at midnight', () => {
  it.each([
    ['Chile springs forward: Sunday starts at 01:00', { year: 2026, month: 9, day: 5 }, '2026-09-06T03:59:59.999Z'],
    ['Chile falls back: Saturday 23:00–24:00 happens twice; the day ends after the second', { year: 2026, month: 4, day: 4 }, '2026-04-05T03:59:59.999Z'],
    ['an ordinary Chilean day', { year: 2026, month: 9, day: 7 }, '2026-09-08T02:59:59.999Z'],
  ])('America/Santiago: %s', (_name, date, end) => {
    const zone = 'America/Santiago';

    const last = endOfLocalDay(date, zone);

    expect(last.toISOString()).toBe(end);
    expect(localDate(last, zone)).toMatchObject(date);
    expect(localDate(new Date(last.getTime() + 1), zone).day).not.toBe(date.day);
  });
});

describe('localDate', () => {
  it.each([
    ['Europe/Amsterdam', '2026-03-06T23:30:00Z', { year: 2026, month: 3, day: 7, weekday: 6 }],
    ['UTC', '2026-03-06T23:30:00Z', { year: 2026, month: 3, day: 6, weekday: 5 }],
    ['Pacific/Kiritimati', '2026-03-06T10:30:00Z', { year: 2026, month: 3, day: 7, weekday: 6 }],
    ['Pacific/Pago_Pago', '2026-03-07T09:00:00Z', { year: 2026, month: 3, day: 6, weekday: 5 }],
    ['Europe/Amsterdam', '2026-03-08T12:00:00Z', { year: 2026, month: 3, day: 8, weekday: 7 }],
    ['Europe/Amsterdam', '2026-03-09T12:00:00Z', { year: 2026, month: 3, day: 9, weekday: 1 }],
  ])('in %s, %s is %o', (timeZone, instant, expected) => {
    const date = new Date(instant);

    const local = localDate(date, timeZone);

    expect(local).toEqual(expected);
  });
});

describe('isBusinessDay', () => {
  it.each([
    [{ year: 2026, month: 3, day: 6 }, true],
    [{ year: 2026, month: 3, day: 7 }, false],
    [{ year: 2026, month: 3, day: 8 }, false],
    [{ year: 2026, month: 3, day: 9 }, true],
  ])('%o is a business day: %s', (date, expected) => {
    const calendar = weekendsOnly('UTC');

    const open = isBusinessDay(date, calendar);

    expect(open).toBe(expected);
  });
});

describe('purity (rule "time is passed in")', () => {
  it.each(['business-days.ts', 'zoned-time.ts', 'deadlines.ts'])('src/clock/%s never reads the current time', (file) => {
    const source = readFileSync(new URL(`../../src/clock/${file}`, import.meta.url), 'utf8');

    const reads = source.match(/new Date\(\s*\)|Date\.now\(/g);

    expect(reads).toBeNull();
  });
});
