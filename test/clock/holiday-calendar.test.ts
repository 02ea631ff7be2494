import { describe, expect, it } from 'vitest';
import { isBusinessDay, type CalendarDate } from '../../src/clock/business-days.js';
import { businessCalendar } from '../../src/clock/holiday-calendar.js';

const NL = { time_zone: 'Europe/Amsterdam', country: 'NL' };

function day(iso: string): CalendarDate {
  const [year, month, date] = iso.split('-').map(Number);
  return { year: year ?? 0, month: month ?? 0, day: date ?? 0 };
}

describe('businessCalendar', () => {
  it.each([
    ['Nieuwjaar 2026', '2026-01-01', true],
    ['Goede Vrijdag 2026 (school only)', '2026-04-03', false],
    ['Tweede paasdag 2026', '2026-04-06', true],
    ['Koningsdag 2026', '2026-04-27', true],
    ['Bevrijdingsdag 2026 (school only)', '2026-05-05', false],
    ['Hemelvaartsdag 2026', '2026-05-14', true],
    ['Tweede pinksterdag 2026', '2026-05-25', true],
    ['Kerstmis 2026', '2026-12-25', true],
    ['Tweede kerstdag 2026', '2026-12-26', true],
    ['Oudejaarsavond 2026 (bank only)', '2026-12-31', false],
    ['a normal Wednesday in 2026', '2026-03-11', false],
    ['Nieuwjaar 2027', '2027-01-01', true],
    ['Goede Vrijdag 2027 (school only)', '2027-03-26', false],
    ['Tweede paasdag 2027', '2027-03-29', true],
    ['Koningsdag 2027', '2027-04-27', true],
    ['Bevrijdingsdag 2027 (school only)', '2027-05-05', false],
    ['Hemelvaartsdag 2027', '2027-05-06', true],
    ['Tweede pinksterdag 2027', '2027-05-17', true],
    ['Kerstmis 2027', '2027-12-25', true],
    ['Tweede kerstdag 2027', '2027-12-26', true],
    ['a normal Tuesday in 2027', '2027-06-08', false],
  ])('NL: %s (%s) is a holiday: %s', (_name, iso, holiday) => {
    const calendar = businessCalendar(NL);

    const result = calendar.isHoliday(day(iso));

    expect(result).toBe(holiday);
  });

  it.each([
    ['Koningsdag moves to Saturday 26 April when the 27th is a Sunday', '2025-04-26', true],
    ['Sunday 27 April 2025 is not itself listed as Koningsdag', '2025-04-27', false],
    ['Bevrijdingsdag in the lustrum year 2025 is still school only', '2025-05-05', false],
    ['Goede Vrijdag 2025 is school only', '2025-04-18', false],
  ])('NL 2025: %s', (_name, iso, holiday) => {
    const calendar = businessCalendar(NL);

    const result = calendar.isHoliday(day(iso));

    expect(result).toBe(holiday);
  });

  it('makes a public holiday on a weekday a non-business day', () => {
    const calendar = businessCalendar(NL);

    const easterMonday = isBusinessDay(day('2026-04-06'), calendar);
    const goodFriday = isBusinessDay(day('2026-04-03'), calendar);

    expect(easterMonday).toBe(false);
    expect(goodFriday).toBe(true);
  });

  it('skips only weekends when no country is set', () => {
    const calendar = businessCalendar({ time_zone: 'Europe/Amsterdam' });

    const christmas = calendar.isHoliday(day('2026-12-25'));

    expect(christmas).toBe(false);
    expect(calendar.timeZone).toBe('Europe/Amsterdam');
  });

  it('adds the holidays of a region to those of its country', () => {
    const germany = businessCalendar({ time_zone: 'Europe/Berlin', country: 'DE' });
    const bavaria = businessCalendar({ time_zone: 'Europe/Berlin', country: 'DE', region: 'BY' });

    const epiphanyInGermany = germany.isHoliday(day('2026-01-06'));
    const epiphanyInBavaria = bavaria.isHoliday(day('2026-01-06'));

    expect(epiphanyInGermany).toBe(false);
    expect(epiphanyInBavaria).toBe(true);
  });

  it('throws an error naming an unknown country', () => {
    const build = () => businessCalendar({ time_zone: 'UTC', country: 'XX' });

    expect(build).toThrow(/"XX"/);
  });

  it('throws an error naming an unknown region instead of silently using the whole country', () => {
    const build = () => businessCalendar({ time_zone: 'Europe/Berlin', country: 'DE', region: 'ZZ' });

    expect(build).toThrow(/"ZZ"/);
  });
});
