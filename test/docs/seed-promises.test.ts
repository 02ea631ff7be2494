import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { parseConfig } from '../../src/config/parse-config.js';
import { DisclosureConfig } from '../../src/config/schema.js';

/*
 * Keeps docs/seed-promises.md honest: each row quotes its seed word for word, every bullet
 * of every seed is quoted somewhere, every config key named exists in the config schema,
 * every test named exists in the file named, every row has a proof or says why not, and
 * every example config parses.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'seed-promises.md'), 'utf8');
// A verbatim copy of shared/seeds kept in the repository, so the check runs on any clone.
const SEEDS_DIR = join(ROOT, 'docs', 'seeds');
const EXAMPLES_DIR = join(ROOT, 'docs', 'examples');

interface Row {
  seed: string;
  id: string;
  says: string;
  keys: string;
  proof: string;
}

/** The table rows under each `## Seed …` heading, with the seed file that heading names. */
function rows(): Row[] {
  const found: Row[] = [];
  let seed: string | null = null;
  for (const line of DOC.split('\n')) {
    const heading = /^## .*`shared\/seeds\/([^`]+)`/.exec(line);
    if (heading) seed = heading[1] ?? null;
    else if (line.startsWith('## ')) seed = null;
    if (seed === null || !/^\| \d{3}-\d+ \|/.test(line)) continue;
    const cells = line.split(' | ').map((cell) => cell.replace(/^\| /, '').replace(/ \|$/, ''));
    expect(cells, line).toHaveLength(5);
    const [id, says, keys, , proof] = cells as [string, string, string, string, string];
    found.push({ seed, id, says, keys, proof });
  }
  return found;
}

const ROWS = rows();
const SEED_FILES = readdirSync(SEEDS_DIR).filter((file) => file.endsWith('.txt')).sort();

/** White space collapsed, so a quote may cross the seed's line breaks and double spaces. */
const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();

function seedText(file: string): string {
  return flat(readFileSync(join(SEEDS_DIR, file), 'utf8'));
}

/** The quoted fragments of a row: each "…" string, split where the quote skips words (…). */
function fragments(says: string): string[] {
  return Array.from(says.matchAll(/"([^"]+)"/g), (match) => match[1] ?? '')
    .flatMap((quote) => quote.split('…'))
    .map((fragment) => flat(fragment))
    .filter((fragment) => fragment.length > 0);
}

/** Config keys named in a row (backticked), without values such as `: 1`. */
function keysOf(cell: string): string[] {
  return Array.from(cell.matchAll(/`([a-z_][a-z_.]*)[^`]*`/g), (match) => match[1] ?? '');
}

/** `file` › `test name` references in a row's proof. */
function testsOf(cell: string): Array<{ file: string; title: string }> {
  return Array.from(cell.matchAll(/`(test\/[^`]+\.test\.ts)` › `([^`]+)`/g), (match) => ({ file: match[1] ?? '', title: match[2] ?? '' }));
}

/** Whether `path` (dot-separated) names a property in the JSON Schema of the config. */
function inSchema(schema: unknown, path: string[]): boolean {
  if (path.length === 0) return true;
  if (typeof schema !== 'object' || schema === null) return false;
  const node = schema as { properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[]; oneOf?: unknown[] };
  const [head, ...rest] = path as [string, ...string[]];
  if (node.properties !== undefined && head in node.properties) return inSchema(node.properties[head], rest);
  if (node.items !== undefined && inSchema(node.items, path)) return true;
  return [...(node.anyOf ?? []), ...(node.oneOf ?? [])].some((option) => inSchema(option, path));
}

const SCHEMA = z.toJSONSchema(DisclosureConfig, { io: 'input', unrepresentable: 'any' });

/** A test file's source with escaped quotes unescaped, so titles read as they are shown. */
function testSource(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8').replace(/\\(['"`])/g, '$1');
}

describe('docs/seed-promises.md', () => {
  it('has a table for each seed policy in shared/seeds', () => {
    expect([...new Set(ROWS.map((row) => row.seed))].sort()).toEqual(SEED_FILES);
  });

  it('quotes each seed word for word in every row', () => {
    for (const row of ROWS) {
      const seed = seedText(row.seed);
      for (const fragment of fragments(row.says)) expect(seed, `${row.id} quotes "${fragment}"`).toContain(fragment);
    }
  });

  it.each(SEED_FILES)('leaves no bullet of %s unquoted', (file) => {
    const quoted = ROWS.filter((row) => row.seed === file).flatMap((row) => fragments(row.says));
    const bullets = readFileSync(join(SEEDS_DIR, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim().startsWith('•'))
      .map((line) => flat(line.replace('•', '')));

    expect(bullets.length).toBeGreaterThan(0);
    for (const bullet of bullets) expect(quoted.some((fragment) => bullet.includes(fragment)), `no row quotes: ${bullet}`).toBe(true);
  });

  it('names only config keys that exist in the config schema', () => {
    const keys = ROWS.flatMap((row) => keysOf(row.keys).map((key) => ({ row: row.id, key })));

    expect(keys.length).toBeGreaterThan(20);
    for (const { row, key } of keys) expect(inSchema(SCHEMA, key.split('.')), `${row}: ${key}`).toBe(true);
  });

  it('refuses a key the schema does not have, so the check above can fail', () => {
    expect(inSchema(SCHEMA, ['sla', 'keep_informed_days'])).toBe(true);
    expect(inSchema(SCHEMA, ['known_issues', 'notice'])).toBe(true);
    expect(inSchema(SCHEMA, ['sla', 'keep_in_touch_days'])).toBe(false);
    expect(inSchema(SCHEMA, ['contact', 'fax'])).toBe(false);
  });

  it('gives every row a test that proves it, or says why there is none', () => {
    for (const row of ROWS) {
      const proven = testsOf(row.proof).length > 0;
      expect(proven || /^(policy text only|not yet): /.test(row.proof), `${row.id}: ${row.proof}`).toBe(true);
    }
  });

  it('names only tests that exist, in the files named', () => {
    const tests = ROWS.flatMap((row) => testsOf(row.proof).map((test) => ({ row: row.id, ...test })));

    expect(tests.length).toBeGreaterThan(30);
    for (const { row, file, title } of tests) {
      expect(existsSync(join(ROOT, file)), `${row}: ${file}`).toBe(true);
      expect(testSource(file), `${row}: ${file} has no test "${title}"`).toContain(title);
    }
  });

  it('references the end-to-end test of the example configs', () => {
    expect(ROWS.filter((row) => row.proof.includes('test/flows/seed-policies.test.ts')).map((row) => row.seed)).toEqual(expect.arrayContaining(SEED_FILES));
  });
});

describe('docs/examples', () => {
  it.each(readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.yml')))('%s parses as a valid config and is linked from the document', (file) => {
    const result = parseConfig(parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')), file);

    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(DOC).toContain(`(examples/${file})`);
  });
});
