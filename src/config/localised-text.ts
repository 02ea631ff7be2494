import { z } from 'zod';
import { LANGUAGES, type LanguageCode } from '../i18n/catalogues.js';

/**
 * A text of the organisation's own (an out-of-scope category, a known issue's notice, a
 * policy section), keyed by the languages the app speaks: a new catalogue language is a new
 * key here without a schema change. At least one language is given.
 */
export type LocalisedText = Partial<Record<LanguageCode, string>>;

/** The text in one language, and which language that is after falling back. */
export interface TextIn {
  value: string;
  lang: LanguageCode;
}

/** What a config error says when a text is given in no language. */
export const NO_LANGUAGE_GIVEN = `give the text in at least one of: ${LANGUAGES.join(', ')}`;

/** One optional key per catalogue language, for a strict object that holds other keys too (an out-of-scope category). */
export function languageKeys(text: z.ZodString): Record<LanguageCode, z.ZodOptional<z.ZodString>> {
  // The cast names the keys that Object.fromEntries loses.
  return Object.fromEntries(LANGUAGES.map((language) => [language, text.optional()])) as Record<LanguageCode, z.ZodOptional<z.ZodString>>;
}

/** Whether the text is given in at least one language. */
export function givesSomeLanguage(text: LocalisedText): boolean {
  return LANGUAGES.some((language) => text[language] !== undefined);
}

/** The zod schema of a {@link LocalisedText} whose texts are `text`; strict, like every config object. */
export function localisedText(text: z.ZodString) {
  return z.strictObject(languageKeys(text)).refine(givesSomeLanguage, NO_LANGUAGE_GIVEN);
}

/**
 * The text in `language`, else in the first language of the app's order that has it (the
 * page marks it with its own `lang`). The schema requires one language, so the empty
 * answer is only for a text that never passed it.
 */
export function textIn(text: LocalisedText, language: LanguageCode): TextIn {
  const own = text[language];
  if (own !== undefined) return { value: own, lang: language };
  for (const other of LANGUAGES) {
    const value = text[other];
    if (value !== undefined) return { value, lang: other };
  }
  return { value: '', lang: language };
}
