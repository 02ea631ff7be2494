import type { z } from 'zod';
import type { RewardsConfig } from '../config/schema.js';
import { catalogue } from '../i18n/catalogues.js';
import type { Language } from '../report/report.js';
import type { Severity } from '../report/severity.js';

/** A suggested reward range, in the configured currency. */
export interface RewardSuggestion {
  min: number;
  max: number;
  currency: string;
}

/**
 * The configured reward range for a severity (seed 003), or null when rewards are not
 * configured, the severity is unknown or 'none', or no range is set for it. A suggestion
 * only: staff decide the amount.
 */
export function suggestReward(severity: Severity | null, rewards: z.infer<typeof RewardsConfig> | undefined): RewardSuggestion | null {
  if (rewards === undefined || severity === null || severity === 'none') return null;
  const range = rewards.by_severity[severity];
  return range === undefined ? null : { min: range.min, max: range.max, currency: rewards.currency };
}

/**
 * `EUR 1,500` (en) or `EUR 1.500` (nl); cents only when there are any (`EUR 1,500.50`).
 * Our own separators, so the text does not depend on the ICU build.
 */
export function formatMoney(amount: number, currency: string, lang: Language): string {
  const { thousands, decimal } = catalogue(lang).money;
  const cents = Math.round(Math.abs(amount) * 100);
  const whole = Math.floor(cents / 100);
  const fraction = cents % 100;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  const sign = amount < 0 && cents > 0 ? '-' : '';
  const tail = fraction === 0 ? '' : `${decimal}${String(fraction).padStart(2, '0')}`;
  return `${currency} ${sign}${grouped}${tail}`;
}
