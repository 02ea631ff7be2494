import { describe, expect, it } from 'vitest';
import { promisedDeadlines } from '../../src/clock/deadlines.js';
import { addBusinessDays, weekendsOnly } from '../../src/clock/business-days.js';
import { defaultConfig, parseConfig } from '../../src/config/parse-config.js';

describe('promisedDeadlines', () => {
  it('uses the defaults of the seed policies: 1 and 5 business days, in UTC', () => {
    const { sla } = defaultConfig();

    const due = promisedDeadlines(new Date('2026-03-06T18:00:00Z'), sla);

    expect(due.receiptDue?.toISOString()).toBe('2026-03-09T23:59:59.999Z');
    expect(due.assessmentDue?.toISOString()).toBe('2026-03-13T23:59:59.999Z');
  });

  it('counts in the configured time zone with the configured days', () => {
    const parsed = parseConfig({ sla: { time_zone: 'Europe/Amsterdam', receipt_business_days: 2, assessment_business_days: 7 } });
    if (!parsed.ok) throw new Error('config should parse');

    const due = promisedDeadlines(new Date('2026-03-26T12:00:00Z'), parsed.config.sla);

    expect(due.receiptDue?.toISOString()).toBe('2026-03-30T21:59:59.999Z');
    expect(due.assessmentDue?.toISOString()).toBe('2026-04-06T21:59:59.999Z');
  });

  it.each(['Europe/Amsterdam', 'Asia/Kathmandu', 'America/St_Johns', 'UTC'])(
    'gives the same deadlines as the direct computation around local midnights in %s',
    (zone) => {
      const parsed = parseConfig({ sla: { time_zone: zone } });
      if (!parsed.ok) throw new Error('config should parse');
      const start = Date.parse('2026-03-27T00:00:00Z');
      const mismatches: string[] = [];

      for (let t = start; t < start + 3 * 86_400_000; t += 7 * 60_000 + 13_000) {
        const at = new Date(t);
        const due = promisedDeadlines(at, parsed.config.sla);
        const direct = addBusinessDays(at, 1, weekendsOnly(zone));
        if (due.receiptDue?.getTime() !== direct.getTime()) mismatches.push(at.toISOString());
      }

      expect(mismatches).toEqual([]);
    },
  );

  it.each([
    ['a report on Friday evening is due at the end of Monday', '2026-03-06T19:00:00Z', 1, '2026-03-09T22:59:59.999Z'],
    ['Christmas Eve + 1 skips Christmas, Boxing Day and the weekend', '2026-12-24T10:00:00Z', 1, '2026-12-28T22:59:59.999Z'],
    ['Christmas Eve + 5 also skips New Year', '2026-12-24T10:00:00Z', 5, '2027-01-04T22:59:59.999Z'],
    ['Good Friday is a business day, so it + 1 skips only the weekend and Easter Monday', '2026-04-03T10:00:00Z', 1, '2026-04-07T21:59:59.999Z'],
    ['Easter Sunday + 1 skips Easter Monday', '2026-04-05T10:00:00Z', 1, '2026-04-07T21:59:59.999Z'],
    ['the day before Ascension Day + 1 skips Ascension Day', '2026-05-13T10:00:00Z', 1, '2026-05-15T21:59:59.999Z'],
    ['the Friday before Whit Monday + 1 skips Whit Monday', '2026-05-22T10:00:00Z', 1, '2026-05-26T21:59:59.999Z'],
    ["the day before King's Day 2027 + 1 skips King's Day", '2027-04-26T10:00:00Z', 1, '2027-04-28T21:59:59.999Z'],
    ['23:30 UTC on 24 December is already Christmas in Amsterdam: + 1 is Monday', '2026-12-24T23:30:00Z', 1, '2026-12-28T22:59:59.999Z'],
    ['23:30 UTC on 24 December is already Christmas in Amsterdam: + 0 is Monday', '2026-12-24T23:30:00Z', 0, '2026-12-28T22:59:59.999Z'],
    ['22:30 UTC on 24 December is still Christmas Eve in Amsterdam: + 0 is that day', '2026-12-24T22:30:00Z', 0, '2026-12-24T22:59:59.999Z'],
  ])('NL, Europe/Amsterdam: %s', (_name, received, days, due) => {
    const parsed = parseConfig({ sla: { time_zone: 'Europe/Amsterdam', country: 'NL', receipt_business_days: days } });
    if (!parsed.ok) throw new Error('config should parse');

    const deadlines = promisedDeadlines(new Date(received), parsed.config.sla);

    expect(deadlines.receiptDue?.toISOString()).toBe(due);
  });

  it('skips only weekends when no country is set: Christmas Eve + 1 is the end of Christmas Day', () => {
    const parsed = parseConfig({ sla: { time_zone: 'Europe/Amsterdam' } });
    if (!parsed.ok) throw new Error('config should parse');

    const deadlines = promisedDeadlines(new Date('2026-12-24T10:00:00Z'), parsed.config.sla);

    expect(deadlines.receiptDue?.toISOString()).toBe('2026-12-25T22:59:59.999Z');
  });

  it('keeps deadlines of different countries and regions apart within one 15-minute slot', () => {
    const received = new Date('2026-01-05T10:00:00Z');
    const configs = [{}, { country: 'DE' }, { country: 'DE', region: 'BY' }].map((place) => {
      const parsed = parseConfig({ sla: { time_zone: 'Europe/Berlin', ...place } });
      if (!parsed.ok) throw new Error('config should parse');
      return parsed.config.sla;
    });

    const dues = configs.map((sla) => promisedDeadlines(received, sla).receiptDue?.toISOString());

    expect(dues).toEqual(['2026-01-06T22:59:59.999Z', '2026-01-06T22:59:59.999Z', '2026-01-07T22:59:59.999Z']);
  });

  it('throws an error naming a country date-holidays does not know (the schema refuses it first)', () => {
    const sla = { ...defaultConfig().sla, country: 'XX' };

    const compute = () => promisedDeadlines(new Date('2026-03-06T18:00:00Z'), sla);

    expect(compute).toThrow(/"XX"/);
  });
});
