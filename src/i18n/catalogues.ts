import type { Catalogue } from './catalogue.js';
import { en } from './en/index.js';
import { nl } from './nl/index.js';

export type { Catalogue } from './catalogue.js';

/**
 * The languages the app speaks, in the order they are offered by default. A new language
 * is a catalogue folder beside `en/` plus its code here and in CATALOGUES.
 */
export const LANGUAGES = ['en', 'nl'] as const;
export type LanguageCode = (typeof LANGUAGES)[number];

const CATALOGUES: Readonly<Record<LanguageCode, Catalogue>> = { en, nl };

/** Every text of the app in one language. */
export function catalogue(language: LanguageCode): Catalogue {
  return CATALOGUES[language];
}

/** One part of every catalogue, by language, for code that looks a text up in all of them. */
export function inEveryLanguage<T>(pick: (texts: Catalogue) => T): Readonly<Record<LanguageCode, T>> {
  return Object.fromEntries(LANGUAGES.map((language) => [language, pick(CATALOGUES[language])])) as Record<LanguageCode, T>;
}
