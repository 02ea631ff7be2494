import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_OUT_OF_SCOPE } from '../../src/config/out-of-scope-defaults.js';
import { parseConfig, type ConfigResult } from '../../src/config/parse-config.js';
import { deadlineTerm, isPromised, promisedDeadlines } from '../../src/clock/deadlines.js';

const EXAMPLES = new URL('../../docs/examples/', import.meta.url);

function parseExample(file: string): ConfigResult {
  return parseConfig(parse(readFileSync(new URL(file, EXAMPLES), 'utf8')), file);
}

describe('docs/examples', () => {
  it('has one example per seed policy', () => {
    const files = readdirSync(EXAMPLES).filter((file) => file.endsWith('.yml')).sort();

    expect(files.map((file) => file.slice(0, 4))).toEqual(['000-', '003-', '004-']);
  });

  it.each([
    ['000-upload-portal.yml', '000_0989c0e1f34793a3.txt', { receipt: { days: 1, unit: 'business' }, assessment: { days: 5, unit: 'business' }, resolution: true, language: 'en' }],
    // Seed 003: "binnen 7 dagen" (nl), the stricter of its two texts, and no receipt promise.
    ['003-email-pgp-reward.yml', '003_da5c1423df9404cc.txt', { receipt: null, assessment: { days: 7, unit: 'calendar' }, resolution: true, language: 'nl' }],
    ['004-ncsc-guideline.yml', '004_0b7d015cb382496a.txt', { receipt: { days: 1, unit: 'business' }, assessment: { days: 5, unit: 'business' }, resolution: true, language: 'nl' }],
  ])('%s parses and promises what its seed promises', (file, seed, promise) => {
    const source = readFileSync(new URL(file, EXAMPLES), 'utf8');

    const result = parseExample(file);

    expect(source.split('\n')[0]).toContain(`shared/seeds/${seed}`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.sla).toMatchObject({ time_zone: 'Europe/Amsterdam', country: 'NL' });
    expect(deadlineTerm(result.config.sla, 'receipt')).toEqual(promise.receipt);
    expect(deadlineTerm(result.config.sla, 'assessment')).toEqual(promise.assessment);
    expect(isPromised(result.config.sla, 'resolution')).toBe(promise.resolution);
    expect(result.config.tracking.language).toBe(promise.language);
  });

  it('003 computes no receipt deadline and an assessment 7 calendar days after receipt, over a weekend', () => {
    const result = parseExample('003-email-pgp-reward.yml');
    if (!result.ok) throw new Error('003 should parse');

    // Friday 6 March 2026, 10:00 in Amsterdam: 7 days later is Friday 13 March, weekend included.
    const due = promisedDeadlines(new Date('2026-03-06T09:00:00Z'), result.config.sla);

    expect(due.receiptDue).toBeNull();
    expect(due.assessmentDue?.toISOString()).toBe('2026-03-13T22:59:59.999Z');
  });

  it.each([
    // Every seed says "we keep you informed"; none names an interval, so each example picks 14 days.
    ['000-upload-portal.yml', { keepInformed: 14, credit: 'anonymous', promises: ['receipt', 'assessment', 'resolution'], offered: null, disclosureReminder: 7 }],
    ['003-email-pgp-reward.yml', { keepInformed: 14, credit: 'name', promises: ['assessment', 'resolution'], offered: 'each_new_report', disclosureReminder: 7 }],
    ['004-ncsc-guideline.yml', { keepInformed: 14, credit: 'anonymous', promises: ['receipt', 'assessment', 'resolution'], offered: null, disclosureReminder: 7 }],
  ] as const)('%s sets the keep-informed interval, the promises, the credit default and the reward promise explicitly', (file, expected) => {
    const source = parse(readFileSync(new URL(file, EXAMPLES), 'utf8')) as { sla: Record<string, unknown>; credit: Record<string, unknown> };

    const result = parseExample(file);

    if (!result.ok) throw new Error(`${file} should parse`);
    // Written in the file, not left to a default, so the example says what the seed promises.
    expect(source.sla.keep_informed_days).toBe(expected.keepInformed);
    expect(source.sla.promises).toEqual(expected.promises);
    expect(source.credit.default).toBe(expected.credit);
    expect(result.config.sla.keep_informed_days).toBe(expected.keepInformed);
    expect(result.config.credit.default).toBe(expected.credit);
    expect(result.config.rewards?.offered ?? null).toBe(expected.offered);
    expect(result.config.disclosure.reminder_days_before).toBe(expected.disclosureReminder);
  });

  it('004 writes out its resolution targets, its contact address and its hall of fame', () => {
    const result = parseExample('004-ncsc-guideline.yml');
    if (!result.ok) throw new Error('004 should parse');

    expect(result.config.sla.resolution_days).toEqual({ critical: 30, high: 60, medium: 90, low: 120 });
    expect(result.config.contact.email).toBe('responsible-disclosure@hetcak.nl');
    expect(result.config.hall_of_fame).toMatchObject({ repository: '.github', path: 'HALL_OF_FAME.md' });
  });

  it("000 gives the seed's phone number for portal problems as contact.phone", () => {
    const result = parseExample('000-upload-portal.yml');
    if (!result.ok) throw new Error('000 should parse');

    expect(result.config.contact.phone?.replace(/ /g, '')).toBe('+31588458000');
  });

  it("leaves seed 000's out-of-scope list to the default", () => {
    const result = parseExample('000-upload-portal.yml');

    expect(result.ok && result.config.scope.out_of_scope.map((category) => category.id)).toEqual(DEFAULT_OUT_OF_SCOPE.map((category) => category.id));
  });

  it.each([
    ['003-email-pgp-reward.yml', ['physical', 'social-engineering', 'dos', 'spam', 'third-party']],
    ['004-ncsc-guideline.yml', ['dos', 'social-engineering', 'brute-force']],
  ])('%s lists its own out-of-scope categories', (file, ids) => {
    const result = parseExample(file);

    expect(result.ok && result.config.scope.out_of_scope.map((category) => category.id)).toEqual(ids);
  });
});

describe('invalid configs', () => {
  it.each([
    ['a time zone that does not exist', { sla: { time_zone: 'Europe/Atlantis' } }, 'sla.time_zone', 'must be an IANA time zone such as Europe/Amsterdam'],
    ['fractional business days', { sla: { receipt_business_days: 1.5 } }, 'sla.receipt_business_days', 'must be a whole number'],
    ['negative business days', { sla: { assessment_business_days: -1 } }, 'sla.assessment_business_days', 'must be 0 or more'],
    ['a lower-case country', { sla: { country: 'nl' } }, 'sla.country', 'must be a two-letter country code'],
    ['no languages', { languages: [] }, 'languages', 'list at least one language'],
    ['a repository path instead of a name', { tracking: { repository: 'acme/security' } }, 'tracking.repository', 'must be a repository name in this organisation'],
    ['an out-of-scope id with capitals', { scope: { out_of_scope: [{ id: 'DoS', en: 'DoS' }] } }, 'scope.out_of_scope.0.id', 'must be lower-case letters, digits and dashes'],
  ])('reports the key and the reason for %s', (_name, raw, key, reason) => {
    const result = parseConfig(raw);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({ key, reason });
  });

  it('names an unknown top-level key by itself and suggests the key meant', () => {
    const raw = parse('sla:\n  time_zone: UTC\nslaa:\n  receipt_business_days: 1\n');

    const result = parseConfig(raw);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([{ key: 'slaa', reason: 'is not a known key; did you mean sla?' }]);
  });
});

describe('holiday calendars in the config', () => {
  it.each([
    [{ sla: { country: 'XX' } }, 'sla.country', 'unknown holiday country "XX"'],
    [{ sla: { country: 'DE', region: 'ZZ' } }, 'sla.region', 'unknown holiday region "ZZ"'],
    [{ sla: { region: 'BY' } }, 'sla.region', 'needs a country'],
  ])('refuses %j as a config error naming the key, so reports are held instead of lost', (raw, key, reason) => {
    const result = parseConfig(raw);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([{ key, reason: expect.stringContaining(reason) }]);
  });

  it('accepts a country and region date-holidays knows', () => {
    expect(parseConfig({ sla: { country: 'DE', region: 'BY' } }).ok).toBe(true);
  });
});
