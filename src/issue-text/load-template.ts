import { readFileSync } from 'node:fs';
import { Language } from '../report/report.js';
import { REPO_ROOT } from '../repo-root.js';

/** Templates live in the repository's `templates/<lang>/`, beside `src/` and `dist/`. */
const TEMPLATES = new URL('templates/', REPO_ROOT);
const NAME = /^[a-z0-9][a-z0-9-]*\.(?:md|txt|html)$/;
const cache = new Map<string, string>();

/** The text of `templates/<lang>/<name>`, read once and cached. */
export function loadTemplate(lang: Language, name: string): string {
  // Both parts become a path: refuse anything that could leave the templates directory.
  if (!Language.options.includes(lang)) throw new RangeError(`unknown template language: ${lang}`);
  if (!NAME.test(name)) throw new RangeError(`invalid template name: ${name}`);
  const key = `${lang}/${name}`;
  let text = cache.get(key);
  if (text === undefined) {
    text = readFileSync(new URL(key, TEMPLATES), 'utf8');
    cache.set(key, text);
  }
  return text;
}
