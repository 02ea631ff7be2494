import { describe, expect, it } from 'vitest';
import { promisedDeadlines } from '../../src/clock/deadlines.js';
import { businessCalendar } from '../../src/clock/holiday-calendar.js';
import { resolutionDue, resumeClock } from '../../src/clock/sla-clock.js';
import type { SlaState } from '../../src/clock/sla-state.js';
import { parseConfig } from '../../src/config/parse-config.js';
import type { DisclosureConfig } from '../../src/config/schema.js';

/*
 * Calendar-day deadlines (`sla.*_calendar_days`) count every day, weekends and holidays
 * included, and end, like business days do, at the end of the local day in `sla.time_zone`
 * (23:59:59.999 local, whatever the UTC offset is that day).
 */

function sla(raw: Record<string, unknown>): DisclosureConfig['sla'] {
  const result = parseConfig({ sla: raw });
  if (!result.ok) throw new Error(`config should parse: ${JSON.stringify(result.problems)}`);
  return result.config.sla;
}

describe('calendar-day deadlines', () => {
  it.each([
    // Europe/Amsterdam: CET (+1) until 29 March 2026 02:00, then CEST (+2) until 25 October.
    ['a week over the spring DST change ends at 23:59 CEST', 'Europe/Amsterdam', '2026-03-25T10:00:00Z', 7, '2026-04-01T21:59:59.999Z'],
    ['a week over the autumn DST change ends at 23:59 CET', 'Europe/Amsterdam', '2026-10-21T10:00:00Z', 7, '2026-10-28T22:59:59.999Z'],
    ['the day of the spring change itself', 'Europe/Amsterdam', '2026-03-28T12:00:00Z', 1, '2026-03-29T21:59:59.999Z'],
    ['the day of the autumn change itself (25 hours long)', 'Europe/Amsterdam', '2026-10-24T12:00:00Z', 1, '2026-10-25T22:59:59.999Z'],
    ['a report at 23:30 UTC is already the next day in Amsterdam', 'Europe/Amsterdam', '2026-03-05T23:30:00Z', 0, '2026-03-06T22:59:59.999Z'],
    ['0 days is the end of the day of receipt, even on a Sunday', 'Europe/Amsterdam', '2026-03-08T10:00:00Z', 0, '2026-03-08T22:59:59.999Z'],
    ['New York over its spring change (8 March 2026)', 'America/New_York', '2026-03-06T15:00:00Z', 3, '2026-03-10T03:59:59.999Z'],
    ['Lord Howe over its autumn change (5 April 2026), when its clocks move half an hour', 'Australia/Lord_Howe', '2026-04-01T00:00:00Z', 7, '2026-04-08T13:29:59.999Z'],
    ['UTC', 'UTC', '2026-12-31T23:00:00Z', 1, '2027-01-01T23:59:59.999Z'],
  ])('%s', (_name, zone, received, days, due) => {
    const policy = sla({ time_zone: zone, assessment_calendar_days: days });

    const deadlines = promisedDeadlines(new Date(received), policy);

    expect(deadlines.assessmentDue?.toISOString()).toBe(due);
  });

  it.each([
    // NL public holidays: Christmas (25, 26 Dec), New Year, Easter Monday, King's Day; weekends.
    ['Christmas Eve + 1 is Christmas Day', '2026-12-24T10:00:00Z', 1, '2026-12-25T22:59:59.999Z', '2026-12-28T22:59:59.999Z'],
    ['Christmas Eve + 7 is New Year’s Eve', '2026-12-24T10:00:00Z', 7, '2026-12-31T22:59:59.999Z', '2027-01-06T22:59:59.999Z'],
    ['Friday + 1 is Saturday', '2026-03-06T10:00:00Z', 1, '2026-03-07T22:59:59.999Z', '2026-03-09T22:59:59.999Z'],
    ['Good Friday + 3 is Easter Monday', '2026-04-03T10:00:00Z', 3, '2026-04-06T21:59:59.999Z', '2026-04-09T21:59:59.999Z'],
    ["the day before King's Day 2027 + 1 is King's Day", '2027-04-26T10:00:00Z', 1, '2027-04-27T21:59:59.999Z', '2027-04-28T21:59:59.999Z'],
  ])('NL: %s, where business days would skip the holidays', (_name, received, days, calendarDue, businessDue) => {
    const calendar = sla({ time_zone: 'Europe/Amsterdam', country: 'NL', receipt_calendar_days: days });
    const business = sla({ time_zone: 'Europe/Amsterdam', country: 'NL', receipt_business_days: days });

    const byCalendar = promisedDeadlines(new Date(received), calendar);
    const byBusiness = promisedDeadlines(new Date(received), business);

    expect(byCalendar.receiptDue?.toISOString()).toBe(calendarDue);
    expect(byBusiness.receiptDue?.toISOString()).toBe(businessDue);
  });

  it('counts each deadline its own way: receipt in business days, assessment in calendar days', () => {
    const policy = sla({ time_zone: 'Europe/Amsterdam', country: 'NL', receipt_business_days: 1, assessment_calendar_days: 7 });

    const deadlines = promisedDeadlines(new Date('2026-03-06T10:00:00Z'), policy);

    expect(deadlines).toEqual({ receiptDue: new Date('2026-03-09T22:59:59.999Z'), assessmentDue: new Date('2026-03-13T22:59:59.999Z') });
  });

  it.each([
    [['assessment', 'resolution'], { receiptDue: null, assessmentDue: new Date('2026-03-13T22:59:59.999Z') }],
    [['receipt'], { receiptDue: new Date('2026-03-09T22:59:59.999Z'), assessmentDue: null }],
    [[], { receiptDue: null, assessmentDue: null }],
  ])('computes no deadline that sla.promises %j leaves out', (promises, expected) => {
    const policy = sla({ time_zone: 'Europe/Amsterdam', country: 'NL', assessment_calendar_days: 7, promises });

    expect(promisedDeadlines(new Date('2026-03-06T10:00:00Z'), policy)).toEqual(expected);
  });

  it('sets no resolution target when resolution is not promised', () => {
    const promised = sla({ time_zone: 'Europe/Amsterdam' });
    const unpromised = sla({ time_zone: 'Europe/Amsterdam', promises: ['receipt', 'assessment'] });

    expect(resolutionDue(new Date('2026-03-06T10:00:00Z'), 'critical', promised, 0)?.toISOString()).toBe('2026-04-05T21:59:59.999Z');
    expect(resolutionDue(new Date('2026-03-06T10:00:00Z'), 'critical', unpromised, 0)).toBeNull();
  });

  it.each([
    // Paused Friday 6 March, resumed Tuesday 10 March (Amsterdam): 4 calendar days, 2 business days (Fri, Mon).
    ['calendar days move by the calendar days paused', { assessment_calendar_days: 7 }, '2026-03-13T22:59:59.999Z', '2026-03-17T22:59:59.999Z'],
    ['business days move by the business days paused', { assessment_business_days: 5 }, '2026-03-13T22:59:59.999Z', '2026-03-17T22:59:59.999Z'],
    ['calendar days over a weekend move by all of it', { assessment_calendar_days: 3 }, '2026-03-09T22:59:59.999Z', '2026-03-13T22:59:59.999Z'],
  ])('a pause: %s', (_name, raw, before, after) => {
    const policy = sla({ time_zone: 'Europe/Amsterdam', country: 'NL', ...raw });
    const state: SlaState = {
      receivedAt: new Date('2026-03-06T10:00:00Z'),
      receiptDue: null,
      assessmentDue: new Date(before),
      resolutionDue: null,
      receiptMetAt: null,
      assessmentMetAt: null,
      resolutionMetAt: null,
      pausedAt: new Date('2026-03-06T12:00:00Z'),
      pausedCalendarDays: 0,
    };

    const resumed = resumeClock(state, new Date('2026-03-10T09:00:00Z'), businessCalendar(policy));

    expect(resumed.assessmentDue?.toISOString()).toBe(after);
    expect(resumed.receiptDue).toBeNull();
    expect(resumed.pausedCalendarDays).toBe(4);
  });
});
