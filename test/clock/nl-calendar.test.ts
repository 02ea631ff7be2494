import { describe, expect, it } from 'vitest';
import { addBusinessDays, isBusinessDay, type CalendarDate } from '../../src/clock/business-days.js';
import { businessCalendar } from '../../src/clock/holiday-calendar.js';
import { endOfLocalDay, localDate, localDateTime } from '../../src/clock/zoned-time.js';

const ZONE = 'Europe/Amsterdam';
const NL = businessCalendar({ time_zone: ZONE, country: 'NL' });

function day(iso: string): CalendarDate {
  const [year, month, date] = iso.split('-').map(Number);
  return { year: year ?? 0, month: month ?? 0, day: date ?? 0 };
}

/** `date` as Amsterdam wall-clock time with its UTC offset, e.g. `2026-11-23T23:59:59.999+01:00`. */
function amsterdam(date: Date): string {
  const wall = localDateTime(date, ZONE);
  const millis = date.getTime() % 1000;
  const wallMs = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, millis);
  const offsetMinutes = Math.round((wallMs - date.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const two = (value: number): string => String(value).padStart(2, '0');
  const offset = `${sign}${two(Math.floor(Math.abs(offsetMinutes) / 60))}:${two(Math.abs(offsetMinutes) % 60)}`;
  return `${wall.year}-${two(wall.month)}-${two(wall.day)}T${two(wall.hour)}:${two(wall.minute)}:${two(wall.second)}.${String(millis).padStart(3, '0')}${offset}`;
}

describe('NL public holidays are not business days', () => {
  it.each([
    ['Nieuwjaarsdag 2026 (Thursday)', '2026-01-01'],
    ['Easter Monday 2026', '2026-04-06'],
    ["King's Day 2026 (Monday)", '2026-04-27'],
    ['Ascension Day 2026', '2026-05-14'],
    ['Whit Monday 2026', '2026-05-25'],
    ['Christmas Day 2026 (Friday)', '2026-12-25'],
    ['Boxing Day 2026 (Saturday)', '2026-12-26'],
    ['Nieuwjaarsdag 2027 (Friday)', '2027-01-01'],
    ['Easter Monday 2027', '2027-03-29'],
    ["King's Day 2027 (Tuesday)", '2027-04-27'],
    ['Ascension Day 2027', '2027-05-06'],
    ['Whit Monday 2027', '2027-05-17'],
    ['Christmas Day 2027 (Saturday)', '2027-12-25'],
    ['Boxing Day 2027 (Sunday)', '2027-12-26'],
  ])('%s, %s', (_name, iso) => {
    const date = day(iso);

    const holiday = NL.isHoliday(date);
    const open = isBusinessDay(date, NL);

    expect(holiday).toBe(true);
    expect(open).toBe(false);
  });
});

describe('NL: the business day before a holiday + 1 skips the holiday', () => {
  it.each([
    ['Nieuwjaarsdag 2026', '2025-12-31T10:00:00Z', '2026-01-02T23:59:59.999+01:00'],
    ['Easter Monday 2026 (Good Friday is a business day)', '2026-04-03T10:00:00Z', '2026-04-07T23:59:59.999+02:00'],
    ["King's Day 2026", '2026-04-24T10:00:00Z', '2026-04-28T23:59:59.999+02:00'],
    ['Ascension Day 2026', '2026-05-13T10:00:00Z', '2026-05-15T23:59:59.999+02:00'],
    ['Whit Monday 2026', '2026-05-22T10:00:00Z', '2026-05-26T23:59:59.999+02:00'],
    ['Christmas 2026', '2026-12-24T10:00:00Z', '2026-12-28T23:59:59.999+01:00'],
    ['Nieuwjaarsdag 2027', '2026-12-31T10:00:00Z', '2027-01-04T23:59:59.999+01:00'],
    ['Easter Monday 2027', '2027-03-26T10:00:00Z', '2027-03-30T23:59:59.999+02:00'],
    ["King's Day 2027", '2027-04-26T10:00:00Z', '2027-04-28T23:59:59.999+02:00'],
    ['Ascension Day 2027 (Liberation Day before it is a business day)', '2027-05-05T10:00:00Z', '2027-05-07T23:59:59.999+02:00'],
    ['Whit Monday 2027', '2027-05-14T10:00:00Z', '2027-05-18T23:59:59.999+02:00'],
    ['Christmas 2027 falls on the weekend: Monday 27 December is a business day', '2027-12-24T10:00:00Z', '2027-12-27T23:59:59.999+01:00'],
  ])('%s', (_name, received, due) => {
    const start = new Date(received);

    const deadline = addBusinessDays(start, 1, NL);

    expect(amsterdam(deadline)).toBe(due);
  });
});

describe('NL: a report on a holiday + 0 is due at the end of the next business day', () => {
  it.each([
    ['Nieuwjaarsdag 2026', '2026-01-01T10:00:00Z', '2026-01-02T23:59:59.999+01:00'],
    ['Easter Monday 2026', '2026-04-06T10:00:00Z', '2026-04-07T23:59:59.999+02:00'],
    ["King's Day 2026", '2026-04-27T10:00:00Z', '2026-04-28T23:59:59.999+02:00'],
    ['Ascension Day 2026', '2026-05-14T10:00:00Z', '2026-05-15T23:59:59.999+02:00'],
    ['Whit Monday 2026', '2026-05-25T10:00:00Z', '2026-05-26T23:59:59.999+02:00'],
    ['Christmas Day 2026', '2026-12-25T10:00:00Z', '2026-12-28T23:59:59.999+01:00'],
    ['Nieuwjaarsdag 2027', '2027-01-01T10:00:00Z', '2027-01-04T23:59:59.999+01:00'],
    ['Easter Monday 2027', '2027-03-29T10:00:00Z', '2027-03-30T23:59:59.999+02:00'],
    ["King's Day 2027", '2027-04-27T10:00:00Z', '2027-04-28T23:59:59.999+02:00'],
    ['Ascension Day 2027', '2027-05-06T10:00:00Z', '2027-05-07T23:59:59.999+02:00'],
    ['Whit Monday 2027', '2027-05-17T10:00:00Z', '2027-05-18T23:59:59.999+02:00'],
  ])('%s', (_name, received, due) => {
    const start = new Date(received);

    const deadline = addBusinessDays(start, 0, NL);

    expect(amsterdam(deadline)).toBe(due);
  });
});

describe('NL deadlines', () => {
  it.each([
    ['Friday 20 November 2026 21:00 + 1 is the end of Monday', '2026-11-20T20:00:00Z', 1, '2026-11-23T23:59:59.999+01:00'],
    ['Thursday 24 December 2026 + 1 skips Christmas, Boxing Day and the weekend', '2026-12-24T10:00:00Z', 1, '2026-12-28T23:59:59.999+01:00'],
    // 25 and 26 December are holidays, 26 and 27 the weekend; 28–31 count 1–4; 1 January is a holiday, 2–3 the weekend; 4 January is the 5th.
    ['Thursday 24 December 2026 + 5 is the end of Monday 4 January 2027', '2026-12-24T10:00:00Z', 5, '2027-01-04T23:59:59.999+01:00'],
    ['Monday 23 November 2026 23:30 UTC is Tuesday in Amsterdam: + 0 is the end of Tuesday', '2026-11-23T23:30:00Z', 0, '2026-11-24T23:59:59.999+01:00'],
    ['Monday 23 November 2026 23:30 UTC is Tuesday in Amsterdam: + 1 is the end of Wednesday', '2026-11-23T23:30:00Z', 1, '2026-11-25T23:59:59.999+01:00'],
    ['Monday 23 November 2026 22:30 UTC is still Monday in Amsterdam: + 1 is the end of Tuesday', '2026-11-23T22:30:00Z', 1, '2026-11-24T23:59:59.999+01:00'],
    ['Friday before the spring change (29 March 2026) + 1 ends Monday in summer time', '2026-03-27T15:00:00Z', 1, '2026-03-30T23:59:59.999+02:00'],
    ['a report during the skipped hour of 29 March 2026 + 0 is Monday', '2026-03-29T01:30:00Z', 0, '2026-03-30T23:59:59.999+02:00'],
    ['Friday before the autumn change (25 October 2026) + 1 ends Monday in winter time', '2026-10-23T15:00:00Z', 1, '2026-10-26T23:59:59.999+01:00'],
    ['a report in the repeated hour of 25 October 2026 + 0 is Monday', '2026-10-25T00:30:00Z', 0, '2026-10-26T23:59:59.999+01:00'],
  ])('%s', (_name, received, days, due) => {
    const start = new Date(received);

    const deadline = addBusinessDays(start, days, NL);

    expect(amsterdam(deadline)).toBe(due);
  });

  it('reads 2026-11-23T23:30:00Z as Tuesday in Amsterdam', () => {
    const instant = new Date('2026-11-23T23:30:00Z');

    const local = localDate(instant, ZONE);

    expect(local).toEqual({ year: 2026, month: 11, day: 24, weekday: 2 });
  });
});

describe('end of day around the DST changes in Amsterdam', () => {
  it.each([
    ['Saturday before the spring change ends in winter time', '2026-03-28', '2026-03-28T22:59:59.999Z', '2026-03-28T23:59:59.999+01:00'],
    ['the spring change day (23 hours) ends in summer time', '2026-03-29', '2026-03-29T21:59:59.999Z', '2026-03-29T23:59:59.999+02:00'],
    ['Saturday before the autumn change ends in summer time', '2026-10-24', '2026-10-24T21:59:59.999Z', '2026-10-24T23:59:59.999+02:00'],
    ['the autumn change day (25 hours) ends in winter time', '2026-10-25', '2026-10-25T22:59:59.999Z', '2026-10-25T23:59:59.999+01:00'],
  ])('%s', (_name, iso, utc, local) => {
    const date = day(iso);

    const end = endOfLocalDay(date, ZONE);

    expect(end.toISOString()).toBe(utc);
    expect(amsterdam(end)).toBe(local);
    expect(localDate(new Date(end.getTime() + 1), ZONE).day).not.toBe(date.day);
  });
});
