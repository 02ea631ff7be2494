import { describe, expect, it } from 'vitest';
import { RewardsConfig } from '../../src/config/schema.js';
import { formatMoney, suggestReward } from '../../src/triage/rewards.js';

const rewards = RewardsConfig.parse({
  currency: 'EUR',
  by_severity: { low: { min: 50, max: 250 }, high: { min: 1000, max: 2500 }, critical: { min: 2500, max: 10_000 } },
});

describe('suggestReward', () => {
  it.each([
    ['low', { min: 50, max: 250, currency: 'EUR' }],
    ['high', { min: 1000, max: 2500, currency: 'EUR' }],
    ['critical', { min: 2500, max: 10_000, currency: 'EUR' }],
    ['medium', null],
    ['none', null],
    [null, null],
  ] as const)('suggests the configured range for severity %s', (severity, expected) => {
    const suggestion = suggestReward(severity, rewards);

    expect(suggestion).toEqual(expected);
  });

  it('suggests nothing when rewards are not configured', () => {
    const suggestion = suggestReward('critical', undefined);

    expect(suggestion).toBeNull();
  });
});

describe('formatMoney', () => {
  it.each([
    [1500, 'EUR', 'en', 'EUR 1,500'],
    [1500, 'EUR', 'nl', 'EUR 1.500'],
    [250, 'USD', 'en', 'USD 250'],
    [0, 'EUR', 'en', 'EUR 0'],
    [1_234_567.5, 'EUR', 'en', 'EUR 1,234,567.50'],
    [1_234_567.5, 'EUR', 'nl', 'EUR 1.234.567,50'],
    [99.999, 'EUR', 'en', 'EUR 100'],
    [0.05, 'EUR', 'nl', 'EUR 0,05'],
  ] as const)('formats %d %s in %s as %s', (amount, currency, lang, expected) => {
    const text = formatMoney(amount, currency, lang);

    expect(text).toBe(expected);
  });
});
