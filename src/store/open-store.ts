import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fieldCipher, newDataKey, plainFields } from './field-cipher.js';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
// Kysely has one entry point: its PostgreSQL dialect is a few classes loaded with it; the
// driver behind it (pg) is what is loaded only for PostgreSQL (openPostgres).
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { KyselyStore } from './kysely-store.js';
import { withStatementCache } from './statement-cache.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

/** Where the store lives. With no PostgreSQL URL it is an SQLite file in `dataDir`. */
export interface OpenStoreOptions {
  /** `postgres://…` or `postgresql://…` selects PostgreSQL; empty or absent selects SQLite. */
  databaseUrl?: string;
  /** Directory of the SQLite file (`disclosure-desk.sqlite`); created if missing. Default `./data`. */
  dataDir?: string;
  /** PostgreSQL only: schema for the tables (search_path), created if missing. Lower-case identifier. */
  schema?: string;
  log?: { info(obj: object, msg: string): void };
  /** Clock for bookkeeping columns; see KyselyStoreOptions. */
  now?: () => Date;
  /**
   * DATA_ENCRYPTION_KEY: encrypts contact details, reports until filed, the conversation
   * with the researcher and outbox job payloads at rest. SQLite without it keeps a generated
   * key in `<dataDir>/data-encryption.key`; PostgreSQL without it stores them unencrypted,
   * with a warning (instances sharing a database need one key). Once a key is given, values
   * stored in clear stay readable, and conversations and pending job payloads are encrypted
   * when the store opens.
   */
  encryptionKey?: string;
}

/**
 * The store could not be reached or written at start (PostgreSQL down or refusing us, the
 * data directory not writable, the disk full). The app keeps trying: it answers 503 meanwhile.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError' as const;
  /** The driver's or system's code (`ECONNREFUSED`, `28P01`, `EACCES`, …): never a URL or a password. */
  readonly code: string | null;
  constructor(cause: unknown) {
    super('the store cannot be reached or written', { cause });
    const code = (cause as { code?: unknown } | null)?.code;
    this.code = typeof code === 'string' ? code : null;
  }
}

const SQLITE_FILE = 'disclosure-desk.sqlite';
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens the store for this configuration and runs pending migrations before returning it. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const url = options.databaseUrl ?? '';
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options);
  // A set but unrecognised URL is a typo, not a wish for a local file: a silent SQLite
  // fallback would keep reports on one instance's disk.
  if (url !== '') throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  return openSqlite(options);
}

async function openSqlite(options: OpenStoreOptions): Promise<Store> {
  try {
    return await openSqliteFile(options);
  } catch (error) {
    throw new StoreUnavailableError(error);
  }
}

async function openSqliteFile(options: OpenStoreOptions): Promise<Store> {
  const dir = options.dataDir ?? './data';
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, SQLITE_FILE);
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  // FULL: a commit is fsynced before it returns, so a 2xx means the report survives power
  // loss (rule "a 2xx means durable"). NORMAL in WAL mode could lose the last commits.
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  const cipher = fieldCipher(options.encryptionKey ?? (await keyFile(dir)));
  const store = await migrated(new KyselyStore(db, { backend: 'sqlite', now: options.now, cipher, sqliteFile: database }));
  options.log?.info({ backend: 'sqlite', file }, 'store opened');
  return store;
}

async function openPostgres(url: string, options: OpenStoreOptions): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  // Loaded only here: an SQLite instance (the default) never pays for the driver at start.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    // Timestamps are bigint epoch ms; pg returns int8 as a string unless told otherwise.
    // Per pool, so other pg users in the process keep the default.
    types: {
      getTypeParser: (id, format) => (id === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(id, format)),
    },
  });
  // Without a listener, an idle connection dropped by the server would crash the process.
  pool.on('error', (error: Error & { code?: string }) => {
    options.log?.info({ backend: 'postgres', code: error.code ?? null }, 'store: idle PostgreSQL connection failed');
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema !== undefined) await createSchema(db, schema);
    const current = schema ?? (await sql<{ name: string | null }>`select current_schema() as name`.execute(db)).rows[0]?.name ?? 'public';
    if (options.encryptionKey === undefined) {
      options.log?.info({ backend: 'postgres' }, 'store: DATA_ENCRYPTION_KEY is not set; contact details, conversations and job payloads are stored unencrypted');
    }
    const cipher = options.encryptionKey === undefined ? plainFields : fieldCipher(options.encryptionKey);
    const store = await migrated(new KyselyStore(db, { backend: 'postgres', schema: current, now: options.now, cipher }));
    options.log?.info({ backend: 'postgres', schema: current }, 'store opened');
    return store;
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new StoreUnavailableError(error);
  }
}

/** The SQLite store's own key, made on first start, readable by its owner only. */
async function keyFile(dir: string): Promise<string> {
  const file = path.join(dir, 'data-encryption.key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  try {
    await writeFile(file, `${newDataKey()}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  }
  return (await readFile(file, 'utf8')).trim();
}

async function createSchema(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (error) {
    // Two instances starting at once can both pass "if not exists"; the loser sees 23505.
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw error;
  }
}

async function migrated(store: KyselyStore): Promise<Store> {
  try {
    await store.migrate();
    return store;
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
}
