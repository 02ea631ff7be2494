import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

describe('openStore', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'dd-open-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  function closeLater(store: Store): Store {
    cleanup.push(() => store.close());
    return store;
  }

  it('creates the data directory and an SQLite file in WAL mode when no PostgreSQL URL is given', async () => {
    const dataDir = join(await tempDir(), 'nested', 'data');
    const logged: Array<[object, string]> = [];

    const store = closeLater(await openStore({ databaseUrl: '', dataDir, log: { info: (obj, msg) => logged.push([obj, msg]) } }));

    const file = join(dataDir, 'disclosure-desk.sqlite');
    expect(store.backend).toBe('sqlite');
    expect((await stat(file)).isFile()).toBe(true);
    const raw = new BetterSqlite3(file, { readonly: true });
    cleanup.push(async () => raw.close());
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(logged).toEqual([[{ backend: 'sqlite', file }, 'store opened']]);
  });

  it('refuses a database URL that is not PostgreSQL instead of silently using a local file', async () => {
    const dataDir = await tempDir();

    const opening = openStore({ databaseUrl: 'mysql://db/desk', dataDir });

    await expect(opening).rejects.toThrow('DATABASE_URL must start with postgres:// or postgresql://');
  });

  it('refuses a PostgreSQL schema name that is not a plain lower-case identifier', async () => {
    const opening = openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test', schema: 'x"; drop table reports; --' });

    await expect(opening).rejects.toThrow('invalid PostgreSQL schema name');
  });

  it('closes safely more than once', async () => {
    const store = await openStore({ dataDir: await tempDir() });

    await store.close();
    const again = store.close();

    await expect(again).resolves.toBeUndefined();
  });
});
