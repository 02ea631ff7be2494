import { catalogue, type Catalogue } from '../../i18n/catalogues.js';
import type { Language } from '../../report/report.js';

/** The staff pages' strings in one language (src/i18n, `staff.page`): plain text with `{name}` placeholders. */
export type StaffStrings = Catalogue['staff']['page'];
export type StaffKey = keyof StaffStrings;

/** Looks up a staff page string and fills its `{name}` placeholders. The result is text: the caller escapes it. */
export type StaffTranslate = (key: StaffKey, params?: Record<string, string | number>) => string;

export function staffTranslator(language: Language): StaffTranslate {
  const strings = catalogue(language).staff.page;
  return (key, params = {}) => strings[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
