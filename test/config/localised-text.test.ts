import { describe, expect, it } from 'vitest';
import { localisedText, NO_LANGUAGE_GIVEN, textIn } from '../../src/config/localised-text.js';
import { DisclosureConfig } from '../../src/config/schema.js';
import { LANGUAGES } from '../../src/i18n/catalogues.js';
import { researcherMessage } from '../../src/researcher/message-text.js';
import { z } from 'zod';

describe('texts of the organisation’s own, in the app’s languages', () => {
  it('accepts a text in any one catalogue language and refuses one in none, naming the languages', () => {
    const schema = localisedText(z.string().min(1));

    for (const language of LANGUAGES) expect(schema.safeParse({ [language]: 'text' }).success).toBe(true);
    const none = schema.safeParse({});
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.message).toBe(NO_LANGUAGE_GIVEN);
    expect(NO_LANGUAGE_GIVEN).toBe(`give the text in at least one of: ${LANGUAGES.join(', ')}`);
  });

  it('refuses a language the app does not speak, as an unknown key', () => {
    const result = localisedText(z.string()).safeParse({ en: 'text', de: 'Text' });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it.each([
    [{ en: 'English', nl: 'Nederlands' }, 'nl', { value: 'Nederlands', lang: 'nl' }],
    [{ en: 'English' }, 'nl', { value: 'English', lang: 'en' }],
    [{ nl: 'Nederlands' }, 'en', { value: 'Nederlands', lang: 'nl' }],
  ] as const)('picks %j in %s as %j: the page language, else one that is given', (text, language, expected) => {
    expect(textIn(text, language)).toEqual(expected);
  });

  it('takes an out-of-scope category and a known-issue notice given in Dutch only', () => {
    const config = DisclosureConfig.parse({
      scope: { out_of_scope: [{ id: 'fysiek', nl: 'Fysieke aanvallen' }] },
      known_issues: [{ id: 'oud', title: 'Old TLS', keywords: ['tls 1.0'], notice: { nl: 'Wij vervangen dit in mei.' } }],
    });

    const outOfScope = researcherMessage({ kind: 'out-of-scope', params: { category: 'fysiek' } }, 'en', config);
    const known = researcherMessage({ kind: 'known', params: { id: 'oud' } }, 'en', config);

    expect(outOfScope).toContain('Fysieke aanvallen');
    expect(known).toContain('Wij vervangen dit in mei.');
  });
});
