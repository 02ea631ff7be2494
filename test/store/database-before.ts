import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { type Backend, migrations } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
import type { Database } from '../../src/store/schema.js';
import type { Store } from '../../src/store/store.js';
import { postgresUrl } from '../helpers/stores.js';
import { KEY } from './encrypted-database.js';

/** A database as an older version left it: migrated up to (not including) one migration. */
export interface OldDatabase {
  db: Kysely<Database>;
  /** The index names of `reports`, sorted. */
  indexes(): Promise<string[]>;
  /** Opens the store on it as the app does at start, so the remaining migrations run. */
  openStore(): Promise<Store>;
}

/** What a test undoes afterwards, last first. */
export type Cleanups = Array<() => Promise<unknown>>;

/**
 * A fresh database (a temporary SQLite file, or a PostgreSQL schema of its own) with every
 * migration named before `migration` applied, for testing what that migration does to data
 * already there.
 */
export async function databaseBefore(backend: Backend, migration: string, cleanups: Cleanups): Promise<OldDatabase> {
  const migrateBefore = async (db: Kysely<Database>, schema?: string): Promise<void> => {
    const before = Object.fromEntries(Object.entries(migrations(backend)).filter(([name]) => name < migration));
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(before) }, ...(schema === undefined ? {} : { migrationTableSchema: schema }) });
    const { error } = await migrator.migrateToLatest();
    if (error !== undefined) throw error as Error;
  };
  const opened = (store: Store): Store => {
    cleanups.push(() => store.close());
    return store;
  };

  if (backend === 'sqlite') {
    const dataDir = await mkdtemp(join(tmpdir(), `dd-before-${migration}-`));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(join(dataDir, 'disclosure-desk.sqlite')) }) });
    cleanups.push(() => db.destroy());
    await migrateBefore(db);
    return {
      db,
      async indexes() {
        const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'reports' order by name`.execute(db);
        return rows.rows.map((row) => row.name);
      },
      openStore: async () => opened(await openStore({ dataDir })),
    };
  }

  const schema = `test_before_${migration}_${process.pid}_${randomBytes(6).toString('hex')}`;
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: postgresUrl, options: `-c search_path=${schema}` }) }) });
  cleanups.push(async () => {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
    await db.destroy();
  });
  await sql`create schema ${sql.id(schema)}`.execute(db);
  await migrateBefore(db, schema);
  return {
    db,
    async indexes() {
      const rows = await sql<{ indexname: string }>`select indexname from pg_indexes where schemaname = ${schema} and tablename = 'reports' order by indexname`.execute(db);
      return rows.rows.map((row) => row.indexname);
    },
    openStore: async () => opened(await openStore({ databaseUrl: postgresUrl, schema, encryptionKey: KEY })),
  };
}
