import { catalogue, inEveryLanguage, type Catalogue } from '../../i18n/catalogues.js';
import type { Language } from '../../report/report.js';

/** The web pages' strings in one language (src/i18n, `web`): plain text with `{name}` placeholders. */
export type Strings = Catalogue['web'];
export type StringKey = keyof Strings;

/**
 * Every UI string key, in catalogue order. The catalogue's type makes every language
 * define exactly these, so a missing translation fails the typecheck instead of showing a
 * key to a reporter.
 */
export const STRING_KEYS = Object.keys(catalogue('en').web) as StringKey[];

/** Looks up a string and fills `{name}` placeholders. The result is text: the caller escapes it. */
export type Translate = (key: StringKey, params?: Record<string, string | number>) => string;

/** The strings of every language. */
export function loadStrings(): Readonly<Record<Language, Strings>> {
  return inEveryLanguage((texts) => texts.web);
}

/** A translator for one language. */
export function translator(language: Language): Translate {
  const strings = catalogue(language).web;
  return (key, params = {}) =>
    strings[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks the singular or plural key, e.g. `status.within.one` / `.other`. */
export function plural(t: Translate, base: 'status.within' | 'wait.minutes', n: number): string {
  return t(n === 1 ? `${base}.one` : `${base}.other`, { n });
}
