import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Database } from './schema.js';
import type { Backend } from './backend.js';
import { firstMigrations } from './first-migrations.js';
import { laterMigrations } from './later-migrations.js';

export type { Backend } from './backend.js';

/**
 * The schema history, in code so that the build output needs no migration files on disk:
 * 0001–0012 in first-migrations.ts, 0013 on in later-migrations.ts. Append new migrations
 * there; never edit one that has shipped. Names sort in apply order.
 */
export function migrations(backend: Backend): Record<string, Migration> {
  return { ...firstMigrations(backend), ...laterMigrations(backend) };
}

/**
 * Applies every pending migration. Safe to run from several instances at once: Kysely takes
 * a PostgreSQL advisory lock, and SQLite serialises writers.
 *
 * @param schema PostgreSQL schema the store lives in. Kysely looks for its bookkeeping table
 *   in every schema unless told which one, so a second schema in the same database would
 *   otherwise look "already migrated".
 */
export async function migrateToLatest(db: Kysely<Database>, backend: Backend, schema?: string): Promise<void> {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations(backend)) };
  const migrator = new Migrator({
    db,
    provider,
    ...(backend === 'postgres' ? { migrationTableSchema: schema ?? 'public' } : {}),
  });
  for (let attempt = 1; ; attempt += 1) {
    const { error, results } = await migrator.migrateToLatest();
    if (error === undefined) return;
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    // Before any migration runs, Kysely lists the tables of every schema in the database; a
    // schema dropped by someone else meanwhile fails that listing (3F000). Nothing was
    // applied, so looking again is safe.
    if (failed === undefined && catalogChanged(error) && attempt < 3) continue;
    throw new Error(`store migration failed: ${failed ?? 'unknown'}`, { cause: error });
  }
}

function catalogChanged(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // 42703: the listing asks pg_get_serial_sequence about a column of a table dropped meanwhile.
  return code === '3F000' || code === '42P01' || code === '42703';
}
