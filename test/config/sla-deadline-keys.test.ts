import { describe, expect, it } from 'vitest';
import { deadlineTerm, isPromised } from '../../src/clock/deadlines.js';
import { DisclosureConfig } from '../../src/config/schema.js';
import { defaultConfig, parseConfig } from '../../src/config/parse-config.js';

/*
 * `sla.receipt_*_days` / `sla.assessment_*_days`: each deadline in business days (the
 * public contract, unchanged) or in calendar days, never both; `sla.promises` lists the
 * deadlines promised.
 */

describe('the sla deadline keys', () => {
  it('keeps the defaults: receipt in 1 business day, assessment in 5, all three deadlines promised', () => {
    const { sla } = defaultConfig();

    expect(sla).toMatchObject({ receipt_business_days: 1, assessment_business_days: 5, promises: ['receipt', 'assessment', 'resolution'] });
    expect(sla.receipt_calendar_days).toBeUndefined();
    expect(sla.assessment_calendar_days).toBeUndefined();
    expect(deadlineTerm(sla, 'receipt')).toEqual({ days: 1, unit: 'business' });
    expect(deadlineTerm(sla, 'assessment')).toEqual({ days: 5, unit: 'business' });
  });

  it('keeps business days set as before', () => {
    const result = parseConfig({ sla: { receipt_business_days: 2, assessment_business_days: 10 } });

    expect(result.ok && result.config.sla).toMatchObject({ receipt_business_days: 2, assessment_business_days: 10 });
  });

  it.each([
    ['receipt', { receipt_calendar_days: 3 }, { days: 3, unit: 'calendar' }],
    ['assessment', { assessment_calendar_days: 7 }, { days: 7, unit: 'calendar' }],
    ['receipt', { receipt_calendar_days: 0 }, { days: 0, unit: 'calendar' }],
  ] as const)('counts the %s deadline in calendar days when so configured (%j), without a business-day default beside it', (kind, sla, term) => {
    const result = parseConfig({ sla });
    if (!result.ok) throw new Error('config should parse');

    expect(deadlineTerm(result.config.sla, kind)).toEqual(term);
    expect(result.config.sla[`${kind}_business_days`]).toBeUndefined();
  });

  it.each(['receipt', 'assessment'] as const)('refuses both kinds of days for the %s deadline, naming both keys', (kind) => {
    const result = parseConfig({ sla: { [`${kind}_business_days`]: 5, [`${kind}_calendar_days`]: 7 } });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { key: `sla.${kind}_calendar_days`, reason: `set either sla.${kind}_business_days or sla.${kind}_calendar_days, not both` },
    ]);
  });

  it.each([
    ['fractional calendar days', { assessment_calendar_days: 6.5 }, 'sla.assessment_calendar_days', 'must be a whole number'],
    ['negative calendar days', { receipt_calendar_days: -1 }, 'sla.receipt_calendar_days', 'must be 0 or more'],
    ['too many calendar days', { receipt_calendar_days: 91 }, 'sla.receipt_calendar_days', 'must be 90 or less'],
    ['a deadline listed twice', { promises: ['receipt', 'receipt'] }, 'sla.promises', 'list each deadline once'],
    ['an unknown deadline', { promises: ['answer'] }, 'sla.promises.0', expect.stringContaining('receipt')],
  ])('refuses %s, naming the key', (_name, sla, key, reason) => {
    const result = parseConfig({ sla });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({ key, reason });
  });

  it('suggests the key meant for a misspelt calendar-day key', () => {
    const result = parseConfig({ sla: { assessment_calender_days: 7 } });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([{ key: 'sla.assessment_calender_days', reason: 'is not a known key; did you mean sla.assessment_calendar_days?' }]);
  });

  it.each([
    [['assessment', 'resolution'], { receipt: false, assessment: true, resolution: true }],
    [['receipt'], { receipt: true, assessment: false, resolution: false }],
    [[], { receipt: false, assessment: false, resolution: false }],
  ])('promises only the deadlines listed in %j', (promises, promised) => {
    const result = parseConfig({ sla: { promises } });
    if (!result.ok) throw new Error('config should parse');

    const { sla } = result.config;

    expect({ receipt: isPromised(sla, 'receipt'), assessment: isPromised(sla, 'assessment'), resolution: isPromised(sla, 'resolution') }).toEqual(promised);
    expect(deadlineTerm(sla, 'receipt') === null).toBe(!promised.receipt);
    expect(deadlineTerm(sla, 'assessment') === null).toBe(!promised.assessment);
  });

  it.each([{}, { sla: { assessment_calendar_days: 7, promises: ['assessment'] } }, { sla: { receipt_business_days: 0, receipt_calendar_days: undefined } }])(
    'parses its own output to itself (the last valid config is kept as JSON and read back): %j',
    (raw) => {
      const first = DisclosureConfig.parse(raw);

      const again = DisclosureConfig.safeParse(JSON.parse(JSON.stringify(first)));

      expect(again.success && again.data.sla).toEqual(first.sla);
    },
  );
});
