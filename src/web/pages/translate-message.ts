import { catalogue, type Catalogue } from '../../i18n/catalogues.js';
import type { Language } from '../../report/report.js';

/** A validation message in the catalogue: fixed text, or text around parameters. */
type Entry = string | ((...args: string[]) => string);
type Key = keyof Catalogue['validation'];

/** Marks a parameter while a function's English output is turned into a pattern. */
const HOLE = '\u0000';

/**
 * The schema writes its validation messages in English (src/report/report.ts and
 * src/web/http/validation-errors.ts). The English catalogue names each one: a fixed
 * message by its text, a message with parameters by a pattern made from its function's
 * output, each parameter left open. Built once, in catalogue order.
 */
const SOURCE: Readonly<Record<Key, Entry>> = catalogue('en').validation;
const ENGLISH: readonly { key: Key; text: string | null; pattern: RegExp | null }[] = Object.entries(SOURCE).map(
  ([key, entry]) => {
    if (typeof entry === 'string') return { key: key as Key, text: entry, pattern: null };
    const sample = entry(...Array.from({ length: entry.length }, () => HOLE));
    const source = sample.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll(HOLE, '(.+)');
    return { key: key as Key, text: null, pattern: new RegExp(`^${source}$`) };
  },
);

/** A validation message in the page's language; a message the catalogue does not know is shown as it is. */
export function translateMessage(message: string, language: Language): string {
  const own: Readonly<Record<Key, Entry>> = catalogue(language).validation;
  const exact = ENGLISH.find((entry) => entry.text === message);
  if (exact !== undefined) return call(own[exact.key], []);
  for (const { key, pattern } of ENGLISH) {
    const match = pattern?.exec(message);
    if (match) return call(own[key], match.slice(1));
  }
  return message;
}

function call(entry: Entry, args: string[]): string {
  return typeof entry === 'string' ? entry : entry(...args);
}
