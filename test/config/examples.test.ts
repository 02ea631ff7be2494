import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_OUT_OF_SCOPE } from '../../src/config/out-of-scope-defaults.js';
import { parseConfig, type ConfigResult } from '../../src/config/parse-config.js';

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
    ['000-upload-portal.yml', '000_0989c0e1f34793a3.txt', { receipt: 1, assessment: 5, language: 'en' }],
    ['003-email-pgp-reward.yml', '003_da5c1423df9404cc.txt', { receipt: 1, assessment: 7, language: 'nl' }],
    ['004-ncsc-guideline.yml', '004_0b7d015cb382496a.txt', { receipt: 1, assessment: 5, language: 'nl' }],
  ])('%s parses and promises what its seed promises', (file, seed, promise) => {
    const source = readFileSync(new URL(file, EXAMPLES), 'utf8');

    const result = parseExample(file);

    expect(source.split('\n')[0]).toContain(`shared/seeds/${seed}`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.sla).toMatchObject({
      time_zone: 'Europe/Amsterdam',
      country: 'NL',
      receipt_business_days: promise.receipt,
      assessment_business_days: promise.assessment,
    });
    expect(result.config.tracking.language).toBe(promise.language);
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
