import { describe, expect, it } from 'vitest';
import { LANGUAGES, catalogue } from '../../src/i18n/catalogues.js';

/** Sample arguments for a catalogue function, by parameter position: numbers and text both read well. */
const SAMPLES = [3, 'Acme', 2026, 'x'] as const;

/** One leaf of a catalogue, by its dotted path. */
interface Leaf {
  path: string;
  value: unknown;
}

/** Every leaf (string, function, or array item) of a catalogue, and the object/array shape on the way. */
function leaves(value: unknown, path = ''): Leaf[] {
  if (Array.isArray(value)) return [{ path: `${path}[]`, value: value.length }, ...value.flatMap((item, i) => leaves(item, `${path}[${i}]`))];
  if (typeof value === 'object' && value !== null) {
    return [{ path: `${path}{}`, value: Object.keys(value).sort().join() }, ...Object.entries(value).flatMap(([key, item]) => leaves(item, path === '' ? key : `${path}.${key}`))];
  }
  return [{ path, value }];
}

/** `{{name}}` (templates) and `{name}` (web strings) placeholders, sorted. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([a-z][a-z0-9_]*)\s*\}\}|\{(\w+)\}/g)].map((m) => m[1] ?? m[2] ?? '').sort();
}

/** A leaf as something comparable between languages: its kind, and for text its placeholders. */
function shapeOf(leaf: Leaf): unknown {
  if (typeof leaf.value === 'function') return 'function';
  if (typeof leaf.value === 'string') return leaf.path.endsWith('{}') ? leaf.value : `string ${placeholders(leaf.value).join()}`;
  return leaf.value;
}

function call(fn: (...args: never[]) => unknown): unknown {
  const args = SAMPLES.slice(0, fn.length);
  return (fn as (...a: readonly unknown[]) => unknown)(...args);
}

const english = leaves(catalogue('en'));
const others = LANGUAGES.filter((language) => language !== 'en');

describe('the catalogues', () => {
  it('has a catalogue for every language', () => {
    expect(LANGUAGES).toContain('en');
    for (const language of LANGUAGES) expect(typeof catalogue(language)).toBe('object');
  });

  it.each(others)('gives %s every key of English with the same shape and placeholders', (language) => {
    const own = new Map(leaves(catalogue(language)).map((leaf) => [leaf.path, shapeOf(leaf)]));

    const differences = english.filter((leaf) => own.get(leaf.path) !== shapeOf(leaf)).map((leaf) => leaf.path);

    expect(differences).toEqual([]);
    expect(own.size).toBe(english.length);
  });

  it.each(LANGUAGES)('has no empty text in %s', (language) => {
    const empty = leaves(catalogue(language)).filter((leaf) => leaf.value === '' || (typeof leaf.value === 'string' && leaf.value.trim() === ''));

    expect(empty.map((leaf) => leaf.path)).toEqual([]);
  });

  it.each(LANGUAGES)('gives non-empty text from every function in %s', (language) => {
    const functions = leaves(catalogue(language)).filter((leaf): leaf is { path: string; value: (...args: never[]) => unknown } => typeof leaf.value === 'function');

    const silent = functions.filter((leaf) => {
      const out = call(leaf.value);
      // Policy prose returns paragraphs; every other function returns text.
      const text = typeof out === 'string' ? out : JSON.stringify(out);
      return text.trim() === '' || text === '{}';
    });

    expect(functions.length).toBeGreaterThan(0);
    expect(silent.map((leaf) => leaf.path)).toEqual([]);
  });
});
