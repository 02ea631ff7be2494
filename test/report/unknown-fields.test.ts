import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ReportInput } from '../../src/report/report.js';
import { knownKeysAt, nearestName, unknownKeyIssues, type UnknownKeyIssue } from '../../src/report/unknown-keys.js';

const VALID = {
  title: 'SQL injection in search',
  description: 'The q parameter of /search is concatenated into SQL.',
  affected: 'https://shop.example.org/search',
};

/** The unknown-key issues of parsing `input` with `schema`, one per key. */
function unknownIn(schema: z.ZodType, input: unknown, noun: 'field' | 'key' = 'field'): UnknownKeyIssue[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? unknownKeyIssues(schema, issue, noun) : []));
}

describe('ReportInput is strict at every depth', () => {
  it.each([
    ['at the top', { ...VALID, email: 'ada@example.org' }, ['email']],
    ['in contact', { ...VALID, contact: { emial: 'ada@example.org' } }, ['contact', 'emial']],
    ['in an attachment', { ...VALID, attachments: [{ filename: 'a.txt', contentType: 'text/plain', dataBase64: '', size: 0 }] }, ['attachments', 0, 'size']],
  ])('refuses an unknown field %s instead of dropping it', (_where, input, path) => {
    const result = ReportInput.safeParse(input);

    expect(result.success).toBe(false);
    expect(unknownIn(ReportInput, input).map((issue) => issue.path)).toEqual([path]);
  });

  it('still accepts a report with only known fields, and fills in the defaults (credit is left to the organisation’s default)', () => {
    const result = ReportInput.safeParse(VALID);

    expect(result.success && result.data).toMatchObject({ ...VALID, language: 'en', attachments: [] });
    expect(result.success && result.data.credit).toBeUndefined();
  });

  it('re-parses its own output, as the outbox does with the stored payload', () => {
    const parsed = ReportInput.parse({ ...VALID, contact: { email: 'ada@example.org' }, attachments: [{ filename: 'a.txt', contentType: 'text/plain', dataBase64: 'YQ==' }] });

    const again = ReportInput.safeParse(JSON.parse(JSON.stringify(parsed)));

    expect(again.success).toBe(true);
  });
});

describe('unknownKeyIssues', () => {
  it.each([
    ['a contact field at the top', { ...VALID, email: 'x' }, 'is not a known field; did you mean contact.email?'],
    ['a flat form name at the top', { ...VALID, contact_email: 'x' }, 'is not a known field; did you mean contact.email?'],
    ['a misspelt contact field', { ...VALID, contact: { emial: 'x' } }, 'is not a known field; did you mean contact.email?'],
    ['another casing', { ...VALID, contact: { pgp_key: 'x' } }, 'is not a known field; did you mean contact.pgpKey?'],
    ['a prefix', { ...VALID, lang: 'nl' }, 'is not a known field; did you mean language?'],
    ['a top-level field inside contact', { ...VALID, contact: { credit: 'name' } }, 'is not a known field; did you mean credit?'],
    ['a typo in a long name', { ...VALID, descripton: 'x' }, 'is not a known field; did you mean description?'],
  ])('suggests the field meant for %s', (_name, input, message) => {
    expect(unknownIn(ReportInput, input).map((issue) => issue.message)).toEqual([message]);
  });

  it('lists the known fields of a level when nothing is near', () => {
    const issues = unknownIn(ReportInput, { ...VALID, contact: { fax: '+31 20 123' } });

    expect(issues).toEqual([{ path: ['contact', 'fax'], message: 'is not a known field; known here: name, email, phone, github, pgpKey' }]);
  });

  it('names each unknown field of one object by itself', () => {
    const issues = unknownIn(ReportInput, { ...VALID, foo: 1, bar: 2 });

    expect(issues.map((issue) => issue.path)).toEqual([['foo'], ['bar']]);
  });

  it('lists at most 20 unknown fields of one object and counts the rest', () => {
    const input: Record<string, unknown> = { ...VALID };
    for (let i = 0; i < 1000; i += 1) input[`x${i}`] = i;

    const issues = unknownIn(ReportInput, input);

    expect(issues).toHaveLength(21);
    expect(issues[20]).toEqual({ path: [], message: 'has 980 more unknown fields' });
  });

  it('suggests nothing for a name that would take a search to place', () => {
    const long = `${'a'.repeat(10_000)}email`;

    const issues = unknownIn(ReportInput, { ...VALID, [long]: 1 });

    expect(issues[0]?.message).toMatch(/^is not a known field; known here: title, description,/);
  });

  it('never mistakes a key of Object.prototype for a known one', () => {
    const input = JSON.parse(`{"title":"SQL injection","description":"${'d'.repeat(20)}","affected":"x","__proto__":{"a":1},"constructor":1}`) as unknown;

    const issues = unknownIn(ReportInput, input);

    expect(issues.map((issue) => issue.path)).toEqual([['__proto__'], ['constructor']]);
  });

  it('speaks of keys for the config', () => {
    const schema = z.strictObject({ sla: z.strictObject({ receipt_business_days: z.number().optional() }).optional() });

    const issues = unknownIn(schema, { sla: { reciept_business_days: 1 } }, 'key');

    expect(issues).toEqual([{ path: ['sla', 'reciept_business_days'], message: 'is not a known key; did you mean sla.receipt_business_days?' }]);
  });
});

describe('knownKeysAt', () => {
  it('looks through defaults, optionals, pipes and arrays', () => {
    expect(knownKeysAt(ReportInput, ['contact'])).toEqual(['name', 'email', 'phone', 'github', 'pgpKey']);
    expect(knownKeysAt(ReportInput, ['attachments', 3])).toEqual(['filename', 'contentType', 'dataBase64']);
    expect(knownKeysAt(ReportInput, ['title'])).toBeNull();
    expect(knownKeysAt(ReportInput, ['toString'])).toBeNull();
  });
});

describe('nearestName', () => {
  const names = ['title', 'description', 'language'].map((name) => ({ value: name, names: [name] }));

  it.each([
    ['Title', 'title'],
    ['titel', 'title'],
    ['desc', 'description'],
    ['lang', 'language'],
    ['tilte', 'title'],
    ['x', null],
    ['severity', null],
    ['', null],
    ['___', null],
  ])('%j is nearest to %j', (key, expected) => {
    expect(nearestName(key, names)).toBe(expected);
  });
});
