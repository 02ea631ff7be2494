import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const ENV_SECTION = README.slice(README.indexOf('## Environment variables'), README.indexOf('## Routes'));
const EXAMPLE = readFileSync(join(ROOT, '.env.example'), 'utf8');

/** Variables named in the first column of the README's environment table. */
function tableVariables(): string[] {
  return ENV_SECTION.split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => Array.from((line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g), (m) => m[1] ?? ''));
}

/** Variables the source reads as `env.NAME` or `env['NAME']` (schema-read ones, like IMAP_*, are checked by their own tests). */
function sourceVariables(): string[] {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) for (const match of readFileSync(path, 'utf8').matchAll(/env(?:\.|\[')([A-Z][A-Z0-9_]+)/g)) names.add(match[1] ?? '');
    }
  };
  walk(join(ROOT, 'src'));
  return [...names].sort();
}

/** Read by Node or the runtime itself, not a setting of this app. */
const NOT_SETTINGS = new Set(['NODE_ENV']);

describe('the environment contract', () => {
  it('names every variable of the README table in .env.example', () => {
    const missing = tableVariables().filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(EXAMPLE));

    expect(tableVariables().length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it('documents in the README every variable the source reads', () => {
    const undocumented = sourceVariables().filter((name) => !NOT_SETTINGS.has(name) && !ENV_SECTION.includes(`\`${name}\``));

    expect(sourceVariables()).toContain('DATABASE_URL');
    expect(undocumented).toEqual([]);
  });

  it('ships the files an open-source security tool owes its users', () => {
    for (const file of ['LICENSE', 'SECURITY.md', 'CHANGELOG.md']) expect(statSync(join(ROOT, file)).size).toBeGreaterThan(200);
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toContain('MIT License');
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))).toMatchObject({ license: 'MIT' });
  });
});
