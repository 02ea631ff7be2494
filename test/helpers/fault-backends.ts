/**
 * The databases the fault suite (test/faults/) runs every seam on: SQLite always, and
 * PostgreSQL (`TEST_DATABASE_URL`, default `postgres://postgres@127.0.0.1:5432/test`, one
 * schema per database). Unlike `describeEachBackend`, PostgreSQL is required, not skipped,
 * when `TEST_REQUIRE_POSTGRES=1` or `CI=true`: the cases then fail, naming the reason.
 *
 * A FaultDatabase is opened once per test: the test's own Store on it (for assertions),
 * a probe on its tables, and the environment an app process needs to use it.
 */
import { describe } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { type DatabaseProbe, postgresProbe, sqliteProbe } from './database-probe.js';
import { backends, postgresUrl, type StoreBackend } from './stores.js';

/** PostgreSQL cases fail instead of being skipped when it is unreachable. */
export const postgresRequired = process.env.TEST_REQUIRE_POSTGRES === '1' || process.env.CI === 'true';

export interface FaultDatabase {
  readonly backend: 'sqlite' | 'postgres';
  /** Temp directory (SQLite) or schema (PostgreSQL), for messages. */
  readonly location: string;
  /** The test's own store on this database, opened (and migrated) first. Closed by cleanupStores(). */
  readonly store: Store;
  readonly probe: DatabaseProbe;
  /** `DATA_DIR` or `DATABASE_URL` (with the schema as search_path) for an app process. */
  readonly appEnv: Record<string, string>;
  close(): Promise<void>;
}

export interface FaultBackend {
  readonly name: 'sqlite' | 'postgres';
  /** Its cases run here: it is reachable, or required (then they fail, naming why). */
  readonly runs: boolean;
  /** A fresh, migrated database of its own. */
  createDatabase(): Promise<FaultDatabase>;
}

function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

function faultBackend(backend: StoreBackend): FaultBackend {
  return {
    name: backend.name,
    runs: backend.available || postgresRequired,
    async createDatabase() {
      if (!backend.available) {
        const reason = (backend.skipReason ?? 'PostgreSQL unavailable').replace(/: skipped$/, '');
        throw new Error(`${reason}, and it is required here (TEST_REQUIRE_POSTGRES=1 or CI=true)`);
      }
      const database = await backend.createDatabase();
      const store = await database.open();
      const probe = backend.name === 'sqlite' ? sqliteProbe(database.location) : await postgresProbe(postgresUrl, database.location);
      const appEnv: Record<string, string> =
        backend.name === 'sqlite' ? { DATA_DIR: database.location } : { DATABASE_URL: withSearchPath(postgresUrl, database.location) };
      return {
        backend: backend.name,
        location: database.location,
        store,
        probe,
        appEnv,
        close: () => probe.close(),
      };
    },
  };
}

/** Every backend the fault suite runs on, SQLite first. */
export const faultBackends: readonly FaultBackend[] = backends.map(faultBackend);

/**
 * Declares `suite` once per backend, titled `<title> [sqlite]` / `<title> [postgres]`. An
 * unreachable PostgreSQL is skipped with the reason in the title, unless required (then
 * every case fails in createDatabase, with the reason).
 */
export function describeFaultBackends(title: string, suite: (backend: FaultBackend) => void): void {
  for (const [index, backend] of faultBackends.entries()) {
    const name = backend.runs ? `${title} [${backend.name}]` : `${title} [${backend.name}] ${backends[index]?.skipReason ?? 'skipped'}`;
    (backend.runs ? describe : describe.skip)(name, () => suite(backend));
  }
}
