import { describe, expect, it } from 'vitest';
import { promisedDeadlines } from '../../src/clock/deadlines.js';
import { addBusinessDays, weekendsOnly } from '../../src/clock/business-days.js';
import { defaultConfig, parseConfig } from '../../src/config/parse-config.js';

describe('promisedDeadlines', () => {
  it('uses the defaults of the seed policies: 1 and 5 business days, in UTC', () => {
    const { sla } = defaultConfig();

    const due = promisedDeadlines(new Date('2026-03-06T18:00:00Z'), sla);

    expect(due.receiptDue.toISOString()).toBe('2026-03-09T23:59:59.999Z');
    expect(due.assessmentDue.toISOString()).toBe('2026-03-13T23:59:59.999Z');
  });

  it('counts in the configured time zone with the configured days', () => {
    const parsed = parseConfig({ sla: { time_zone: 'Europe/Amsterdam', receipt_business_days: 2, assessment_business_days: 7 } });
    if (!parsed.ok) throw new Error('config should parse');

    const due = promisedDeadlines(new Date('2026-03-26T12:00:00Z'), parsed.config.sla);

    expect(due.receiptDue.toISOString()).toBe('2026-03-30T21:59:59.999Z');
    expect(due.assessmentDue.toISOString()).toBe('2026-04-06T21:59:59.999Z');
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
        if (due.receiptDue.getTime() !== direct.getTime()) mismatches.push(at.toISOString());
      }

      expect(mismatches).toEqual([]);
    },
  );
});
