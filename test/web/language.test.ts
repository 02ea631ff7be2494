import { describe, expect, it } from 'vitest';
import { chooseLanguage, parseAcceptLanguage } from '../../src/web/pages/language.js';
import { STRING_KEYS, loadStrings } from '../../src/web/pages/strings.js';
import { translateMessage } from '../../src/web/pages/translate-message.js';

describe('chooseLanguage', () => {
  it.each([
    ['nl', undefined, ['en', 'nl'], 'nl'],
    ['NL', undefined, ['en', 'nl'], 'nl'],
    ['de', 'nl', ['en', 'nl'], 'nl'],
    [null, 'nl-NL,nl;q=0.9,en;q=0.8', ['en', 'nl'], 'nl'],
    [null, 'en;q=0.2, nl;q=0.8', ['en', 'nl'], 'nl'],
    [null, 'nl;q=0, en', ['nl', 'en'], 'en'],
    [null, 'fr, de', ['nl', 'en'], 'nl'],
    [null, '*', ['nl', 'en'], 'nl'],
    ['en', undefined, ['nl'], 'nl'],
    [null, undefined, [], 'en'],
  ] as const)('picks ?lang=%s, Accept-Language %s, offered %j → %s', (query, header, offered, expected) => {
    const language = chooseLanguage(query, header, offered);

    expect(language).toBe(expected);
  });

  it('orders ranges by q-value and keeps header order on ties', () => {
    const tags = parseAcceptLanguage('de;q=0.5, fr, nl-BE;q=0.5, en;q=0.9');

    expect(tags).toEqual(['fr', 'en', 'de', 'nl']);
  });
});

describe('UI strings', () => {
  it('defines every key in English and Dutch', () => {
    const strings = loadStrings();

    expect(Object.keys(strings.en).sort()).toEqual([...STRING_KEYS].sort());
    expect(Object.keys(strings.nl).sort()).toEqual([...STRING_KEYS].sort());
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const { en, nl } = loadStrings();

    const mismatched = STRING_KEYS.filter((key) => placeholders(en[key]).join() !== placeholders(nl[key]).join());

    expect(mismatched).toEqual([]);
  });

  it('keeps markup out of the strings, since strings are escaped as text', () => {
    const texts = Object.values(loadStrings()).flatMap((strings) => Object.values(strings));

    const withMarkup = texts.filter((text) => /<[a-z/]/i.test(text));

    expect(withMarkup).toEqual([]);
  });
});

describe('translateMessage', () => {
  it.each([
    ['at least 5 characters', 'minimaal 5 tekens'],
    ['at most 200 characters', 'maximaal 200 tekens'],
    ['must be an e-mail address', 'moet een geldig e-mailadres zijn'],
    ['is required', 'is verplicht'],
    ['must be one of name, pseudonym, anonymous', 'moet een van deze waarden zijn: name, pseudonym, anonymous'],
    ['a message nobody translated', 'a message nobody translated'],
  ])('gives "%s" in Dutch as "%s"', (english, dutch) => {
    const message = translateMessage(english, 'nl');

    expect(message).toBe(dutch);
  });

  it('leaves English alone', () => {
    const message = translateMessage('at least 5 characters', 'en');

    expect(message).toBe('at least 5 characters');
  });
});
