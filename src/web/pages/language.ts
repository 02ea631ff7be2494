import { inEveryLanguage } from '../../i18n/catalogues.js';
import { Language } from '../../report/report.js';

/** Each language's name in itself, for the language switch. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = inEveryLanguage((texts) => texts.languageName);

/**
 * The page language: an explicit `?lang=` wins, then the browser's `Accept-Language`
 * (by q-value), then the organisation's first language. Only languages the organisation
 * offers are chosen.
 */
export function chooseLanguage(query: string | null, acceptLanguage: string | undefined, offered: readonly Language[]): Language {
  const fallback = offered[0] ?? 'en';
  const explicit = asLanguage(query);
  if (explicit && offered.includes(explicit)) return explicit;
  for (const tag of parseAcceptLanguage(acceptLanguage)) {
    if (tag === '*') return fallback;
    const language = asLanguage(tag);
    if (language && offered.includes(language)) return language;
  }
  return fallback;
}

/** `?lang=` when it names a language we have strings for, else null. */
export function asLanguage(value: string | null | undefined): Language | null {
  const parsed = Language.safeParse(value?.toLowerCase());
  return parsed.success ? parsed.data : null;
}

/**
 * Primary language subtags from an `Accept-Language` header, best first. Ties keep header
 * order; `q=0` means "not this one" and is dropped.
 */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  const ranges = header.split(',').flatMap((part, index) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
    const quality = q === undefined ? 1 : Number(q);
    const primary = tag.trim().split('-')[0]?.toLowerCase() ?? '';
    return primary === '' || !(quality > 0) ? [] : [{ primary, quality, index }];
  });
  ranges.sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranges.map((range) => range.primary);
}
