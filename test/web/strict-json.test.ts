import { describe, expect, it } from 'vitest';
import { parseStrictJson } from '../../src/web/http/strict-json.js';

describe('parseStrictJson', () => {
  it.each([
    ['{"title":"a","title":"b"}', ['title']],
    ['{"contact":{"email":"a","email":"b"}}', ['contact.email']],
    ['{"attachments":[{"filename":"a"},{"filename":"b","filename":"c"}]}', ['attachments.1.filename']],
    ['{"\\u0074itle":"a","title":"b"}', ['title']],
    ['{"a":{"x":1},"b":{"x":1},"a":2}', ['a']],
  ])('names every key sent twice in one object: %s', (text, paths) => {
    expect(parseStrictJson(text)).toEqual({ ok: false, reason: 'duplicate-keys', paths });
  });

  it.each([
    '{"title":"a","contact":{"title":"b"}}',
    '[{"a":1},{"a":2}]',
    '{"s":"a \\" , { } [ ] \\\\","t":"\\"title\\""}',
    '"just a string"',
    '{"deep":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
  ])('accepts equal keys in different objects and keys inside strings: %s', (text) => {
    expect(parseStrictJson(text)).toMatchObject({ ok: true });
  });

  it('says a text is not JSON', () => {
    expect(parseStrictJson('{"a":')).toEqual({ ok: false, reason: 'syntax' });
  });

  it('names at most twenty duplicates', () => {
    const text = `{${Array.from({ length: 1000 }, () => '"k":1').join(',')}}`;

    const result = parseStrictJson(text);

    expect(result.ok === false && result.reason === 'duplicate-keys' ? result.paths.length : 0).toBe(20);
  });
});
