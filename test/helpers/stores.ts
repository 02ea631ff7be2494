/**
 * Store backends for tests: the same suite runs against SQLite and PostgreSQL, and both
 * backends pass it.
 *
 * ```ts
 * describeEachBackend('the store', (backend) => {
 *   it('keeps a report', async () => {
 *     const store = await backend.open();
 *     …
 *   });
 * });
 * ```
 *
 * SQLite always runs, in a temp directory. PostgreSQL runs when `TEST_DATABASE_URL` (default
 * `postgres://postgres@127.0.0.1:5432/test`) answers a probe; each database gets its own
 * schema, dropped afterwards. When it does not answer, the PostgreSQL suites are skipped
 * with the reason in their title, unless `TEST_REQUIRE_POSTGRES=1` (then they fail).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { postgresProblem as probePostgresAt, redactedUrl } from './postgres-probe.js';
import type { Store } from '../../src/store/store.js';

/** The PostgreSQL server the PostgreSQL cases use. */
export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** An isolated, empty database (SQLite temp dir or PostgreSQL schema) that can be opened several times. */
export interface TestDatabase {
  /** Temp directory or schema name, for messages. */
  readonly location: string;
  /** Opens (and migrates) another Store on this database. Closed by cleanupStores() if still open. */
  open(): Promise<Store>;
}

/** One backend the shared suites run against. */
export interface StoreBackend {
  readonly name: 'sqlite' | 'postgres';
  /** False when the backend cannot be reached; its suites are then skipped. */
  readonly available: boolean;
  /** Why the backend is unavailable, e.g. "PostgreSQL unavailable at …: skipped". */
  readonly skipReason?: string;
  /** A fresh, empty, migrated store in a database of its own. */
  open(): Promise<Store>;
  /** A fresh database to open more than once: reopening, or two instances side by side. */
  createDatabase(): Promise<TestDatabase>;
}

const openStores = new Set<Store>();
const tempDirs = new Set<string>();
const schemas = new Set<string>();

function track(store: Store): Store {
  openStores.add(store);
  return store;
}

async function createSqliteDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dd-store-'));
  tempDirs.add(dataDir);
  return { location: dataDir, open: async () => track(await openStore({ dataDir })) };
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  // Unique per process and call, so parallel test files never share a schema.
  const schema = `test_${process.pid}_${randomBytes(6).toString('hex')}`;
  schemas.add(schema);
  return { location: schema, open: async () => track(await openStore({ databaseUrl: postgresUrl, schema })) };
}

// Probed once per test file.
const postgresProblem = await probePostgresAt(postgresUrl);

/** Every backend, SQLite first. Use with describeEachBackend, or describe.each yourself. */
export const backends: readonly StoreBackend[] = [
  {
    name: 'sqlite',
    available: true,
    open: async () => (await createSqliteDatabase()).open(),
    createDatabase: createSqliteDatabase,
  },
  {
    name: 'postgres',
    available: postgresProblem === null,
    ...(postgresProblem === null
      ? {}
      : { skipReason: `PostgreSQL unavailable at ${redactedUrl(postgresUrl)} (${postgresProblem}): skipped` }),
    open: async () => (await createPostgresDatabase()).open(),
    createDatabase: createPostgresDatabase,
  },
];

/** Only the backends that can run, e.g. for a PostgreSQL-only suite: `backends.find(...)`. */
export const availableBackends: readonly StoreBackend[] = backends.filter((b) => b.available);

/**
 * Closes every store the helpers opened, deletes SQLite temp directories and drops
 * PostgreSQL schemas. describeEachBackend registers it as afterEach; call it yourself when
 * you use `backends` directly.
 */
export async function cleanupStores(): Promise<void> {
  const stores = [...openStores];
  openStores.clear();
  await Promise.all(stores.map((s) => s.close()));

  const dirs = [...tempDirs];
  tempDirs.clear();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));

  const dropped = [...schemas];
  schemas.clear();
  if (dropped.length === 0 || postgresProblem !== null) return;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    for (const schema of dropped) await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/**
 * Declares `suite` once per backend, titled `<title> [sqlite]` / `<title> [postgres]`.
 * Unavailable backends are skipped with the reason in the title. Registers afterEach(cleanupStores),
 * so open stores in the test or in beforeEach, not beforeAll.
 */
export function describeEachBackend(title: string, suite: (backend: StoreBackend) => void): void {
  const required = process.env.TEST_REQUIRE_POSTGRES === '1' || process.env.CI === 'true';
  for (const backend of backends) {
    const run = backend.available || required;
    const name = run ? `${title} [${backend.name}]` : `${title} [${backend.name}] ${backend.skipReason ?? 'skipped'}`;
    (run ? describe : describe.skip)(name, () => {
      afterEach(cleanupStores);
      suite(backend);
    });
  }
}
