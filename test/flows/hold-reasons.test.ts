import { describe, expect, it } from 'vitest';
import { holdCategory, holdReasons } from '../../src/flows/filing/hold-reasons.js';
import { HOLD_CATEGORIES } from '../../src/metrics/metrics.js';

describe('hold reasons and their metrics category', () => {
  const made = [
    holdReasons.notInstalled(),
    holdReasons.configInvalid('sla.receipt_business_days: expected number; tracking.repository is archived'),
    holdReasons.trackingRepoMissing('acme/security-reports'),
    holdReasons.trackingRepoPublic('acme/security-reports'),
    holdReasons.trackingRepoArchived('acme/security-reports'),
  ];

  it('reads every stored sentence back to the category it was made with', () => {
    for (const reason of made) expect(holdCategory(reason.text), reason.text).toBe(reason.category);
    expect(new Set(made.map((reason) => reason.category))).toEqual(new Set(HOLD_CATEGORIES.filter((category) => category !== 'other')));
  });

  it('keeps the sentences staff already know', () => {
    expect(made.map((reason) => reason.text)).toEqual([
      'the app is not installed on this organisation',
      'the config is invalid: sla.receipt_business_days: expected number; tracking.repository is archived',
      'the tracking repository acme/security-reports does not exist or the app cannot see it',
      'the tracking repository acme/security-reports is public; reports are only filed in private repositories',
      'the tracking repository acme/security-reports is archived',
    ]);
  });

  it('calls a reason it does not write, or none, other', () => {
    expect(holdCategory(null)).toBe('other');
    expect(holdCategory('the tracking repository acme/x is on fire')).toBe('other');
    expect(holdCategory('held by an operator')).toBe('other');
  });
});
