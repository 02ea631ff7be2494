/**
 * A store database opened with encryption, with raw SQL access behind the store's back, to
 * check what sits at rest and to plant rows written before a change (e.g. in clear).
 *
 * ```ts
 * for (const backend of encryptedBackends) {
 *   (backend.available ? describe : describe.skip)(`… [${backend.name}]`, () => {
 *     const database = await backend.create();
 *     const store = await database.open();
 *     const rows = await database.query('select body from researcher_messages where report_id = ?', [id]);
 *   });
 * }
 * ```
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { backends, postgresUrl } from '../helpers/stores.js';

/** A passphrase key, as DATA_ENCRYPTION_KEY may be given. */
export const KEY = 'correct horse battery staple, thirty-two characters at least';

export interface EncryptedDatabase {
  /** Opens (and migrates) a store on this database; SQLite uses its key file, PostgreSQL `KEY` unless told otherwise. */
  open(options?: { encryptionKey?: string }): Promise<Store>;
  raw(reportId: string): Promise<{ payload: string | null; researcher: string | null; receipt: string | null }>;
  /** Overwrites a column behind the store's back, e.g. with a value written before encryption. */
  setRaw(reportId: string, column: 'payload' | 'researcher', value: string): Promise<void>;
  /** Any statement, with `?` placeholders on both backends. */
  query<T extends Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<T[]>;
  cleanup(): Promise<void>;
}

export async function sqliteDatabase(): Promise<EncryptedDatabase & { dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dd-privacy-'));
  const stores: Store[] = [];
  const file = join(dataDir, 'disclosure-desk.sqlite');
  const withRaw = <T>(fn: (db: BetterSqlite3.Database) => T): T => {
    const db = new BetterSqlite3(file);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  const query = <T extends Record<string, unknown>>(text: string, values: readonly unknown[] = []): Promise<T[]> =>
    Promise.resolve(
      withRaw((db) => {
        const statement = db.prepare(text);
        if (statement.reader) return statement.all(...values) as T[];
        statement.run(...values);
        return [];
      }),
    );
  return {
    dataDir,
    async open(options = {}) {
      const store = await openStore({ dataDir, ...options });
      stores.push(store);
      return store;
    },
    ...rowAccess(query),
    async cleanup() {
      await Promise.all(stores.map((s) => s.close()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

type Query = <T extends Record<string, unknown>>(text: string, values?: readonly unknown[]) => Promise<T[]>;

/** The raw-row helpers both backends build on their own `query`. */
function rowAccess(query: Query): Pick<EncryptedDatabase, 'raw' | 'setRaw' | 'query'> {
  return {
    async raw(reportId) {
      const [row] = await query<{ payload: string | null; researcher: string | null; receipt: string | null }>('select payload, researcher, receipt from reports where id = ?', [reportId]);
      if (row === undefined) throw new Error(`no row ${reportId}`);
      return row;
    },
    async setRaw(reportId, column, value) {
      await query(`update reports set ${column} = ? where id = ?`, [value, reportId]);
    },
    query,
  };
}

export async function postgresDatabase(): Promise<EncryptedDatabase> {
  const schema = `test_privacy_${process.pid}_${randomBytes(6).toString('hex')}`;
  const stores: Store[] = [];
  const query = async <T extends Record<string, unknown>>(text: string, values: readonly unknown[] = []): Promise<T[]> => {
    let n = 0;
    const numbered = text.replace(/\?/g, () => `$${(n += 1)}`);
    const client = new pg.Client({ connectionString: postgresUrl, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      return (await client.query<T>(numbered, [...values])).rows;
    } finally {
      await client.end();
    }
  };
  return {
    async open(options = { encryptionKey: KEY }) {
      const store = await openStore({ databaseUrl: postgresUrl, schema, ...options });
      stores.push(store);
      return store;
    },
    ...rowAccess(query),
    async cleanup() {
      await Promise.all(stores.map((s) => s.close()));
      await query(`drop schema if exists "${schema}" cascade`);
    },
  };
}

const postgres = backends.find((b) => b.name === 'postgres');

/** Whether PostgreSQL cases run: reachable, or required (then they fail rather than skip). */
export const postgresRuns = postgres?.available === true || process.env.TEST_REQUIRE_POSTGRES === '1';

/** Both backends with encryption on; PostgreSQL only when it runs. */
export const encryptedBackends = [
  { name: 'sqlite', available: true, create: sqliteDatabase },
  { name: 'postgres', available: postgresRuns, create: postgresDatabase },
] as const;
